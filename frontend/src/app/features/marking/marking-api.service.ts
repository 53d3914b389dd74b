import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MarkingQuestion, MarkingRuleCode, QuestionView } from '@yuejuan/contracts';
import { firstValueFrom } from 'rxjs';

/** One question of a teacher's queue: defined once in @yuejuan/contracts (the server's too). */
export type { MarkingQuestion } from '@yuejuan/contracts';

/** The question pane: the question as the student saw it, loaded once per question. */
export interface MarkingQuestionView {
  question: Omit<QuestionView, 'rubric' | 'provenance'>;
  parent: Pick<QuestionView, 'number' | 'stem' | 'passage' | 'images'> | null;
  mode: 'single' | 'double';
  tolerance: number;
}

/** My latest mark on an answer, opened again to correct it (回评). */
export interface PreviousMark {
  appliedItems: string[];
  points: number;
  adjustment: number;
  comment: string | null;
  at: string;
}

import type { BlindTask } from '@yuejuan/contracts';
export type { RubricItem } from '@yuejuan/contracts';

/** One answer to mark, blind (the server's BlindTask): nothing here says who wrote it. */
export interface MarkingTask extends BlindTask {
  /** Only when opened again to correct my mark. */
  previous?: PreviousMark;
}

/**
 * A group of identical short answers, leased together (backend answer-groups.service.ts): the
 * blind view of its first answer, and every answer in it as the teacher reads it. Blind like an
 * answer: nothing says who wrote any of them.
 */
export interface MarkingGroup extends Omit<MarkingTask, 'taskId' | 'previous'> {
  size: number;
  members: { taskId: string; text: string }[];
}

export interface HistoryEntry {
  taskId: string;
  questionId: string;
  questionNumber: string;
  paperTitle: string;
  kind: string;
  points: number;
  at: string;
  excerpt: string;
  state: string;
}

export interface SeniorItem {
  taskId: string;
  state: 'needs_arbitration' | 'problem';
  ruleCode: MarkingRuleCode;
  ruleParams: Record<string, number>;
  questionId: string;
  questionNumber: string;
  rubric: MarkingTask['rubric'];
  maxPoints: number;
  paperTitle: string;
  answerText: string;
  reads: {
    marker: string;
    kind: string;
    points: number | null;
    appliedItems: string[] | null;
    comment: string | null;
    problemReason: string | null;
    at: string;
  }[];
}

export interface MarkBody {
  leaseToken: string;
  appliedItems?: string[];
  score?: number;
  secondsSpent?: number;
}

@Injectable({ providedIn: 'root' })
export class MarkingApiService {
  private readonly http = inject(HttpClient);
  /** Question panes by id: a question does not change while it is marked, and every answer shows it. */
  private readonly views = new Map<string, Promise<MarkingQuestionView>>();

  view(questionId: string): Promise<MarkingQuestionView> {
    let v = this.views.get(questionId);
    if (!v) {
      v = firstValueFrom(
        this.http.get<MarkingQuestionView>(`/api/marking/questions/${questionId}/view`),
      );
      v.catch(() => this.views.delete(questionId));
      this.views.set(questionId, v);
    }
    return v;
  }

  questions() {
    return this.http.get<MarkingQuestion[]>('/api/marking/questions');
  }

  next(questionId: string, resume = false) {
    return this.http.post<MarkingTask | { done: true }>(
      `/api/marking/questions/${questionId}/next${resume ? '?resume=true' : ''}`,
      {},
    );
  }

  submit(taskId: string, body: MarkBody) {
    return this.http.post<{ state: string; points: number }>(
      `/api/marking/tasks/${taskId}/marks`,
      body,
    );
  }

  nextGroup(questionId: string, resume = false) {
    return this.http.post<MarkingGroup | { done: true }>(
      `/api/marking/questions/${questionId}/groups/next${resume ? '?resume=true' : ''}`,
      {},
    );
  }

  /** One read of a group: one mark per answer in `taskIds` (the answers the group showed). */
  submitGroup(body: MarkBody & { taskIds: string[] }) {
    return this.http.post<{ marked: number; points: number }>('/api/marking/groups/marks', body);
  }

  splitGroup(leaseToken: string, taskId: string) {
    return this.http.post('/api/marking/groups/split', { leaseToken, taskId });
  }

  /** Gives back what is leased under this token (a group or one answer), recording nothing. */
  releaseLease(leaseToken: string) {
    return this.http.post<{ released: number }>('/api/marking/groups/release', { leaseToken });
  }

  skipGroup(leaseToken: string) {
    return this.http.post<{ skipped: number }>('/api/marking/groups/skip', { leaseToken });
  }

  history() {
    return this.http.get<HistoryEntry[]>('/api/marking/history');
  }

  myTask(taskId: string) {
    return this.http.get<MarkingTask>(`/api/marking/tasks/${taskId}`);
  }

  review(taskId: string, body: Omit<MarkBody, 'leaseToken'>) {
    return this.http.post<{ state: string; finalScore: number | null }>(
      `/api/marking/tasks/${taskId}/review`,
      body,
    );
  }

  seniorQueue() {
    return this.http.get<SeniorItem[]>('/api/marking/senior/queue');
  }

  arbitrate(taskId: string, score: number, comment: string) {
    return this.http.post<{ state: string; finalScore: number | null }>(
      `/api/marking/tasks/${taskId}/arbitrate`,
      { score, comment },
    );
  }

  skip(taskId: string, leaseToken: string) {
    return this.http.post(`/api/marking/tasks/${taskId}/skip`, { leaseToken });
  }

  problem(taskId: string, leaseToken: string, reason: string) {
    return this.http.post(`/api/marking/tasks/${taskId}/problem`, { leaseToken, reason });
  }
}
