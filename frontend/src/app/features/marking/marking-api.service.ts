import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';

export interface MarkingQuestion {
  questionId: string;
  number: string;
  type: string;
  paperTitle: string;
  total: number;
  done: number;
  forMe: number;
  mine: number;
}

export interface RubricItem {
  id: string;
  points: number;
  description: string;
  group?: string;
}

/** One answer to mark, blind: nothing here says who wrote it. */
export interface MarkingTask {
  taskId: string;
  leaseToken: string;
  leaseExpiresAt: string;
  question: {
    id: string;
    number: string;
    type: string;
    points: number;
    stem: string;
    referenceAnswer: string | null;
  };
  rubric: {
    mode: 'items' | 'score';
    startingPoints: number;
    floorPoints: number;
    ceilingPoints: number;
    items: RubricItem[];
    graderNotes: string | null;
  };
  answer: { text: string };
  /** The rubric's sample answers with their scores. */
  samples: { answer: string; score: number }[];
}

export interface HistoryEntry {
  taskId: string;
  questionId: string;
  questionNumber: string;
  kind: string;
  points: number;
  at: string;
  excerpt: string;
  state: string;
}

export interface SeniorItem {
  taskId: string;
  state: 'needs_arbitration' | 'problem';
  rule: string;
  questionNumber: string;
  maxPoints: number;
  paperTitle: string;
  answerText: string;
  reads: {
    marker: string;
    kind: string;
    points: number | null;
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
