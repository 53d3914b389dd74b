import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  ImportResult,
  PaperDetail,
  PaperSummary,
  PdfDocument,
  RenderedQuestion,
} from './papers.models';

@Injectable({ providedIn: 'root' })
export class PapersApiService {
  private readonly http = inject(HttpClient);

  list(filters: {
    subject?: string;
    stage?: string;
    grade?: number | null;
    year?: number | null;
    q?: string;
  }) {
    let params = new HttpParams();
    for (const [k, v] of Object.entries(filters))
      if (v !== undefined && v !== null && v !== '') params = params.set(k, String(v));
    return this.http.get<PaperSummary[]>('/api/papers', { params });
  }

  get(id: string) {
    return this.http.get<PaperDetail>(`/api/papers/${id}`);
  }

  render(id: string, mode: 'text' | 'vision') {
    return this.http.get<{ questions: RenderedQuestion[] }>(`/api/papers/${id}/render`, {
      params: { mode },
    });
  }

  renderQuestion(id: string, questionId: string, mode: 'text' | 'vision') {
    return this.http.get<{ questions: RenderedQuestion[] }>(
      `/api/papers/${id}/questions/${questionId}/render`,
      { params: { mode } },
    );
  }

  importBundle(file: File, publish: boolean) {
    const form = new FormData();
    form.append('file', file);
    return this.http.post<ImportResult>('/api/papers/import', form, {
      params: { publish: String(publish) },
    });
  }

  uploadPdf(file: File) {
    const form = new FormData();
    form.append('file', file);
    return this.http.post<PdfDocument>('/api/pdfs', form);
  }

  getPdf(id: string) {
    return this.http.get<PdfDocument>(`/api/pdfs/${id}`);
  }
}
