import { Role } from './roles';

/** An account as the admin pages list it (`/api/admin/users`). */
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  isActive: boolean;
  /** ISO time; absent on the answers that change a user. */
  createdAt?: string;
}

/** What an id in the audit trail stands for, so the log shows names instead of UUIDs. */
export interface AuditName {
  kind: 'user' | 'question' | 'paper_version' | 'run' | 'model' | 'cohort' | 'pdf';
  label: string;
  /** A question's number within its paper (label is then the paper's title). */
  number?: string;
}

/**
 * One entry of the audit trail: an audit event or a mark. `At` is the time's type: a Date where
 * the server reads it, the ISO string it becomes on the wire.
 */
export interface AuditEntry<At = string> {
  key: string;
  id: number;
  at: At;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  address: string | null;
}

/** `GET /api/admin/audit`: one page, newest first, with the names of every id it mentions. */
export interface AuditPage<At = string> {
  total: number;
  events: AuditEntry<At>[];
  names: Record<string, AuditName>;
}
