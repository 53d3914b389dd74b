import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ItemAgreement as ItemRow,
  JudgeThresholds as Thresholds,
  JudgeVerdict,
  PairFigures,
} from '@yuejuan/contracts';

/** The judge-quality API (backend/src/judge-quality): the judge against the teachers. */
export type { Estimate, JudgeVerdict, PairFigures } from '@yuejuan/contracts';
export type { JudgeThresholds as Thresholds } from '@yuejuan/contracts';

export interface Judge {
  judgeModelId: string;
  templateVersion: string;
  name: string;
  isImported: boolean;
  answers: number;
  questions: number;
}

/** A type alias (not an interface) so it passes as translation parameters. */
export type Counts = {
  answers: number;
  judged: number;
  failed: number;
  humanMarked: number;
  compared: number;
  doubleMarked: number;
};

export interface JudgeQuestionRow {
  questionId: string;
  number: string;
  paperTitle: string;
  subject: string;
  maxPoints: number;
  counts: Counts;
  verdict: JudgeVerdict;
  vsFinal: PairFigures;
  vsReadsOnDouble: PairFigures;
  humanHuman: PairFigures;
}

export type { ItemAgreement as ItemRow } from '@yuejuan/contracts';

export interface Disagreement {
  responseId: string;
  judge: number;
  final: number;
  excerpt: string;
  judgeItems: string[];
  judgeAdjustment: number;
  rationale: string | null;
  reads: { kind: string; points: number | null; items: string[] }[];
  source?: string | null;
  modelName?: string | null;
}

export interface JudgeQuestionDetail {
  question: {
    id: string;
    number: string;
    paperTitle: string;
    subject: string;
    maxPoints: number;
    tolerance: number;
  };
  thresholds: Thresholds;
  method: { seed: number; replicates: number; level: number };
  counts: Counts;
  vsFinal: PairFigures;
  vsReads: PairFigures;
  vsReadsOnDouble: PairFigures;
  humanHuman: PairFigures;
  verdict: JudgeVerdict;
  confusion: { scores: number[]; counts: number[][] };
  items: { itemId: string; judge: ItemRow; human: ItemRow }[] | null;
  slices: {
    kind: 'source' | 'model';
    value: string;
    label: string;
    answers: number;
    vsFinal: PairFigures;
    humanHuman: PairFigures;
  }[];
  disagreements: Disagreement[];
}

export interface ValidationSample {
  id: string;
  requestedAt: string;
  requestedBy: string | null;
  seed: number;
  perStratum: number;
  strata: { stratum: string; population: number; sampled: number }[];
  taskCount: number;
  done: number;
}

@Injectable({ providedIn: 'root' })
export class JudgeQualityApiService {
  private readonly http = inject(HttpClient);

  judges() {
    return this.http.get<Judge[]>('/api/judge-quality/judges');
  }

  questions(j: Judge) {
    return this.http.get<{ thresholds: Thresholds; questions: JudgeQuestionRow[] }>(
      '/api/judge-quality/questions',
      {
        params: { judge: j.judgeModelId, template: j.templateVersion },
      },
    );
  }

  question(j: Judge, questionId: string) {
    return this.http.get<JudgeQuestionDetail>(`/api/judge-quality/questions/${questionId}`, {
      params: { judge: j.judgeModelId, template: j.templateVersion },
    });
  }

  samples(questionId: string) {
    return this.http.get<ValidationSample[]>(
      `/api/judge-quality/questions/${questionId}/validation-samples`,
    );
  }

  requestSample(questionId: string, perStratum: number, seed?: number) {
    return this.http.post<ValidationSample>(
      `/api/judge-quality/questions/${questionId}/validation-samples`,
      {
        perStratum,
        ...(seed ? { seed } : {}),
      },
    );
  }

  /** The judge reads every answer of the question: a judge run (judging's endpoint, not for recorded judges). */
  startJudgeRun(judgeModelId: string, questionId: string) {
    return this.http.post<{ runId: string }>('/api/judging/runs', { judgeModelId, questionId });
  }
}
