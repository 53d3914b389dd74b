import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ImportResult, PaperDetail, RenderedQuestion } from '../papers.models';
import { DraftBundle, DraftValidation, EditorBundle } from './editor.models';

export interface UploadedImage {
  sha256: string;
  file: string;
  width: number;
  height: number;
}

/** The editor's endpoints (backend papers-draft.controller.ts) and publishing. */
@Injectable({ providedIn: 'root' })
export class EditorApiService {
  private readonly http = inject(HttpClient);

  open(versionId: string) {
    return this.http.get<EditorBundle>(`/api/papers/${versionId}/bundle`);
  }

  validate(draft: DraftBundle) {
    return this.http.post<DraftValidation>('/api/papers/drafts/validate', draft);
  }

  save(draft: DraftBundle) {
    return this.http.post<ImportResult>('/api/papers/drafts', draft);
  }

  publish(versionId: string) {
    return this.http.post<PaperDetail>(`/api/papers/${versionId}/publish`, {});
  }

  preview(draft: DraftBundle, number: string, mode: 'text' | 'vision') {
    return this.http.post<{ questions: RenderedQuestion[] }>('/api/papers/drafts/preview', {
      ...draft,
      number,
      mode,
    });
  }

  uploadImage(file: File) {
    const form = new FormData();
    form.append('file', file);
    return this.http.post<UploadedImage>('/api/papers/drafts/images', form);
  }

  /** The PDFs uploaded so far, newest first (backend pdf-intake). */
  pdfs() {
    return this.http.get<PdfSummary[]>('/api/pdfs');
  }

  pdf(id: string) {
    return this.http.get<PdfView>(`/api/pdfs/${id}`);
  }

  uploadPdf(file: File) {
    const form = new FormData();
    form.append('file', file);
    return this.http.post<PdfView>('/api/pdfs', form);
  }

  /** Cut on the server from the page's full-resolution render; `rect` is in its pixels. */
  crop(pdfId: string, page: number, rect: CropRect) {
    return this.http.post<PdfCrop>(`/api/pdfs/${pdfId}/pages/${page}/crop`, rect);
  }

  /** The Word and PDF sample papers shipped for the demo. */
  intakeSamples() {
    return this.http.get<{ name: string; kind: 'docx' | 'pdf'; bytes: number }[]>(
      '/api/papers/intake/samples',
    );
  }

  intakeSample(name: string) {
    return this.http.post<IntakeDraftView>(
      `/api/papers/intake/samples/${encodeURIComponent(name)}`,
      {},
    );
  }

  /** Word or PDF → an intake draft (backend papers/intake). */
  intake(file: File) {
    const form = new FormData();
    form.append('file', file);
    return this.http.post<IntakeDraftView>('/api/papers/intake', form);
  }
}

/** The parts of backend papers/intake/draft.types.ts IntakeDraft the editor shows. */
export interface IntakeDraftView {
  format: string;
  source: { kind: 'docx' | 'pdf'; filename: string; pdfId?: string; pages?: number };
  paper: DraftBundle['paper'];
  rubric?: DraftBundle['rubric'];
  images: { name: string; sha256: string }[];
  confidence: { path: string; level: 'high' | 'medium' | 'low'; reasonCode: string }[];
  unrecognised: { text: string; page?: number; paragraph?: number; reasonCode: string }[];
  flags: { code: string; path: string; params: Record<string, string | number> }[];
  stats: { questions: number; withKey: number; withPoints: number; objective: number };
}

export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface PdfSummary {
  id: string;
  filename: string;
  pageCount: number | null;
  status: 'queued' | 'rendering' | 'ready' | 'failed';
  createdAt: string;
}
export interface PdfView extends Omit<PdfSummary, 'createdAt'> {
  error: string | null;
  pages: { pageNumber: number; imageUrl: string; sha256: string }[];
}
export interface PdfCrop {
  sha256: string;
  file: string;
  url: string;
  width: number;
  height: number;
  page: number;
  rect: CropRect;
}
