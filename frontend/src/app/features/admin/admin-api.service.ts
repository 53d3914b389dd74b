import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AdminUser,
  AssignableQuestion as QuestionRow,
  Assignment,
  AuditEntry,
  AuditName,
  AuditPage,
  MarkingModeName as MarkingMode,
  PolicyOverride,
  Role,
} from '@yuejuan/contracts';

/** The server's shapes, from @yuejuan/contracts (one definition, checked on both sides). */
export type { AdminUser, AuditName };
export type AuditEvent = AuditEntry;

export type {
  AssignableQuestion as QuestionRow,
  Assignment,
  MarkingModeName as MarkingMode,
  PolicyOverride,
} from '@yuejuan/contracts';

export interface PaperPolicy {
  id: string;
  title: string;
  policyMode: MarkingMode;
  policyTolerance: number;
  override: PolicyOverride | null;
}

import type { WaitingQuestion } from '@yuejuan/contracts';
export type { WaitingQuestion };

@Injectable({ providedIn: 'root' })
export class AdminApiService {
  private readonly http = inject(HttpClient);

  users() {
    return this.http.get<AdminUser[]>('/api/admin/users');
  }

  createUser(body: { username: string; displayName: string; password: string; roles: Role[] }) {
    return this.http.post<AdminUser>('/api/admin/users', body);
  }

  updateUser(id: string, body: Partial<Pick<AdminUser, 'displayName' | 'roles' | 'isActive'>>) {
    return this.http.patch<AdminUser>(`/api/admin/users/${id}`, body);
  }

  resetPassword(id: string, password: string) {
    return this.http.post<void>(`/api/admin/users/${id}/password`, { password });
  }

  assignments() {
    return this.http.get<Assignment[]>('/api/admin/assignments');
  }

  assign(userId: string, questionIds: string[]) {
    return this.http.post<Assignment[]>('/api/admin/assignments', { userId, questionIds });
  }

  unassign(userId: string, questionIds: string[]) {
    return this.http.post<Assignment[]>('/api/admin/assignments/remove', { userId, questionIds });
  }

  assignableQuestions(paperVersionId: string) {
    return this.http.get<{ paper: PaperPolicy; questions: QuestionRow[] }>(
      '/api/admin/assignments/questions',
      { params: { paperVersionId } },
    );
  }

  unassigned() {
    return this.http.get<WaitingQuestion[]>('/api/admin/assignments/unassigned');
  }

  assignMany(userIds: string[], questionIds: string[]) {
    return this.http.post<{ added: number; pairs: number }>('/api/admin/assignments/bulk', {
      userIds,
      questionIds,
    });
  }

  setPolicy(
    target: 'questions' | 'papers',
    id: string,
    body: PolicyOverride & { reresolve?: boolean },
  ) {
    return this.http.put<{ override: PolicyOverride | null; reresolved: number; changed: number }>(
      `/api/admin/marking-policy/${target}/${id}`,
      body,
    );
  }

  audit(filters: { user?: string; action?: string; from?: string; to?: string }) {
    let params = new HttpParams().set('limit', 200);
    for (const [k, v] of Object.entries(filters)) if (v) params = params.set(k, v);
    return this.http.get<AuditPage>('/api/admin/audit', { params });
  }
}
