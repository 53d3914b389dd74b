import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  JudgeQualityOverview,
  JudgeQuestionDetail,
  JudgeSummary as Judge,
} from '@yuejuan/contracts';

/** The judge-quality API (backend/src/judge-quality): the judge against the teachers. */
export type {
  Estimate,
  ItemAgreement as ItemRow,
  JudgeVerdict,
  JudgeThresholds as Thresholds,
  PairFigures,
} from '@yuejuan/contracts';

export type {
  Disagreement,
  JudgeCounts as Counts,
  JudgeQuestionDetail,
  JudgeQuestionSummary as JudgeQuestionRow,
  JudgeSummary as Judge,
} from '@yuejuan/contracts';

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
    return this.http.get<JudgeQualityOverview>('/api/judge-quality/questions', {
      params: { judge: j.judgeModelId, template: j.templateVersion },
    });
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
