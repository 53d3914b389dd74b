import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { MonitorQuestion, RescoreChange, RubricItem, TeacherStats } from '@yuejuan/contracts';

export type { MonitorQuestion } from '@yuejuan/contracts';

export type { RescoreChange, TeacherFlag, TeacherStats } from '@yuejuan/contracts';

export interface QuestionMonitor {
  questionId: string;
  maxPoints: number;
  mean: number | null;
  sd: number | null;
  teachers: TeacherStats[];
}

export interface SettledAnswer {
  taskId: string;
  excerpt: string;
  finalScore: number;
  isCalibration: boolean;
  expertScore: number | null;
  calibrationReads: number;
}

export interface EditableRubric {
  mode: 'items' | 'score';
  startingPoints: number;
  floorPoints: number;
  ceilingPoints: number;
  items: RubricItem[];
  graderNotes?: string | null;
}

@Injectable({ providedIn: 'root' })
export class QualityApiService {
  private readonly http = inject(HttpClient);

  questions() {
    return this.http.get<MonitorQuestion[]>('/api/marking/monitor');
  }

  monitor(questionId: string) {
    return this.http.get<QuestionMonitor>(`/api/marking/monitor/${questionId}`);
  }

  answers(questionId: string) {
    return this.http.get<SettledAnswer[]>(`/api/marking/monitor/${questionId}/answers`);
  }

  makeCalibration(taskId: string, expertScore: number) {
    return this.http.post(`/api/marking/tasks/${taskId}/calibration`, { expertScore });
  }

  rubric(questionId: string) {
    return this.http.get<{
      questionId: string;
      number: string;
      maxPoints: number;
      version: number;
      rubric: EditableRubric;
    }>(`/api/marking/questions/${questionId}/rubric`);
  }

  preview(questionId: string, rubric: EditableRubric) {
    return this.http.post<{ changes: RescoreChange[]; unchanged: number }>(
      `/api/marking/questions/${questionId}/rubric/preview`,
      rubric,
    );
  }

  save(questionId: string, rubric: EditableRubric, expectedVersion: number) {
    return this.http.put<{ version: number; changes: RescoreChange[] }>(
      `/api/marking/questions/${questionId}/rubric`,
      {
        ...rubric,
        expectedVersion,
      },
    );
  }
}
