import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { AiModel, RunProgress, RunSummary } from '@yuejuan/contracts';

/** A model under test or a judge (`GET /api/models`): defined once in @yuejuan/contracts. */
export type { AiModel } from '@yuejuan/contracts';

export type { ModelProgress, RunProgress, RunSummary } from '@yuejuan/contracts';

export interface RunAnswer {
  workItemId: string;
  state: string;
  model: string;
  paperVersionId: string;
  questionId: string;
  /** 0-based: the first of a model's samples of a question is 0 (shown as sample 1). */
  sampleIndex: number;
  modality: 'text' | 'vision';
  isImported: boolean;
  paperTitle: string;
  questionNumber: string;
  type: string;
  attempts: number;
  lastError: string | null;
  outcome: string | null;
  text: string | null;
  latencyMs: number | null;
  /** The latest auto-grade of each graded part (one, or one per objective sub-question); null when not graded. */
  grades: AnswerGrade[] | null;
}

export interface AnswerGrade {
  questionId: string;
  number: string;
  score: number | null;
  maxScore: number;
  status: 'correct' | 'partial' | 'wrong' | 'unparsed' | 'not_scored';
  method: string;
  region: string | null;
  extracted: string | boolean | string[] | null;
  explanation: string;
  /** The decision and the steps that led to it, as codes with parameters (null on older grades). */
  reason: GradeReason | null;
  key: unknown;
  isChanged: boolean;
}

export interface GradeStep {
  code: string;
  params?: Record<string, string | number | boolean | null>;
  /** Set by the server on steps that changed how the answer was read. */
  notable?: true;
}

export interface GradeReason extends GradeStep {
  trace: GradeStep[];
}

@Injectable({ providedIn: 'root' })
export class RunsApiService {
  private readonly http = inject(HttpClient);

  models() {
    return this.http.get<AiModel[]>('/api/models');
  }

  createModel(body: object) {
    return this.http.post<AiModel>('/api/models', body);
  }

  runs() {
    return this.http.get<RunSummary[]>('/api/runs');
  }

  run(id: string) {
    return this.http.get<RunProgress>(`/api/runs/${id}`);
  }

  answers(id: string, grade?: 'unparsed' | 'changed') {
    return this.http.get<RunAnswer[]>(`/api/runs/${id}/answers`, {
      params: grade ? { grade, limit: 500 } : { limit: 500 },
    });
  }

  regrade(runId: string) {
    return this.http.post<{ checked: number; changes: unknown[] }>('/api/grading/regrade', {
      runId,
    });
  }

  start(paperVersionIds: string[], modelIds: string[], name?: string) {
    return this.http.post<RunProgress>('/api/runs', {
      paperVersionIds,
      modelIds,
      ...(name ? { name } : {}),
    });
  }

  setStatus(id: string, action: 'pause' | 'resume' | 'cancel') {
    return this.http.post<RunProgress>(`/api/runs/${id}/${action}`, {});
  }
}
