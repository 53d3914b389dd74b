import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Role } from '../../core/auth/auth.service';

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  isActive: boolean;
}

export interface Assignment {
  userId: string;
  username: string;
  displayName: string;
  questionId: string;
  questionNumber: string;
  type: string;
  paperTitle: string;
}

export interface AuditEvent {
  id: number;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  address: string | null;
}

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

  audit(filters: { user?: string; action?: string; from?: string; to?: string }) {
    let params = new HttpParams().set('limit', 200);
    for (const [k, v] of Object.entries(filters)) if (v) params = params.set(k, v);
    return this.http.get<{ total: number; events: AuditEvent[] }>('/api/admin/audit', { params });
  }
}
