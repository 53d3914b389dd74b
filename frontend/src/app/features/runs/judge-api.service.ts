import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';

export interface JudgeRunProgress {
  id: string;
  name: string;
  status: string;
  kind: 'judge';
  templateVersion: string;
  createdAt: string;
  finishedAt: string | null;
  scope: { sourceRunId?: string; questionId?: string };
  judge: { id: string; name: string; modality: string; judgeOutput: string };
  sourceRunName: string | null;
  questionNumber: string | null;
  total: number;
  pending: number;
  inFlight: number;
  judged: number;
  callsFailed: number;
  notApplicable: number;
  cancelled: number;
  scored: number;
  failedJudgements: number;
  failures: { code: string; n: number }[];
  requests: number;
  tokensIn: number;
  tokensOut: number;
  cost: number | null;
  requestsPerSecond: number;
  etaSeconds: number | null;
}

export interface JudgeRunSummary {
  id: string;
  name: string;
  status: string;
  judgeName: string;
  createdAt: string;
  total: number;
  done: number;
}

export interface Judgement {
  id: string;
  status: 'scored' | 'failed';
  failureCode: string | null;
  failureParams: Record<string, string | number> | null;
  points: number | null;
  maxPoints: number;
  rationale: string | null;
  questionNumber: string;
  paperTitle: string;
  rawOutput: string | null;
  humanFinal: number | null;
}

export type JudgeVisibility = 'hidden' | 'after_own_read' | 'seniors_only';

export interface JudgedQuestion {
  questionId: string;
  questionNumber: string;
  paperTitle: string;
  visibility: JudgeVisibility;
  scored: number;
  failed: number;
}

/** The judge's API: judge runs over a run's answers, their progress and failed judgements, judges among the models. */
@Injectable({ providedIn: 'root' })
export class JudgeApiService {
  private readonly http = inject(HttpClient);

  runs() {
    return this.http.get<JudgeRunSummary[]>('/api/judging/runs');
  }

  run(id: string) {
    return this.http.get<JudgeRunProgress>(`/api/judging/runs/${id}`);
  }

  start(judgeModelId: string, sourceRunId: string) {
    return this.http.post<JudgeRunProgress>('/api/judging/runs', { judgeModelId, sourceRunId });
  }

  judgements(id: string, status: 'scored' | 'failed') {
    return this.http.get<Judgement[]>(`/api/judging/runs/${id}/judgements`, {
      params: { status, limit: 200 },
    });
  }

  questions(id: string) {
    return this.http.get<JudgedQuestion[]>(`/api/judging/runs/${id}/questions`);
  }

  setVisibility(questionId: string, visibility: JudgeVisibility) {
    return this.http.put(`/api/judging/questions/${questionId}/visibility`, { visibility });
  }

  setJudge(modelId: string, isJudge: boolean) {
    return this.http.put(`/api/models/${modelId}/judge`, { isJudge });
  }
}
