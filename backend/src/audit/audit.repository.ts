import type { AuditEntry, AuditName } from '@yuejuan/contracts';
import { DataSource } from 'typeorm';
import { AuditQueryDto } from './audit.dto';

/** An entry as read here: the wire shape of @yuejuan/contracts, its time still a Date. */
export type AuditRow = AuditEntry<Date>;
export type { AuditName };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The audit trail's two sources: audit_events (everything but marks) and the mark_audit_events
 * view over the append-only marks. Raw SQL: a union with filters and a name lookup across seven
 * tables is one statement each here.
 */
export class AuditRepository {
  constructor(private readonly db: DataSource) {}

  /** The newest `n` matching rows of one source, and how many match in all. */
  async events(q: AuditQueryDto, n: number): Promise<{ rows: AuditRow[]; total: number }> {
    const [where, params] = this.filters(q, 'actor_name');
    const rows = await this.db.query(
      `SELECT 'e' || id AS key, id::int AS id, at, actor_id AS "actorId", actor_name AS "actorName", action,
              entity_type AS "entityType", entity_id AS "entityId", before, after, address
       FROM audit_events ${where} ORDER BY at DESC, id DESC LIMIT ${n}`,
      params,
    );
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM audit_events ${where}`,
      params,
    );
    return { rows, total };
  }

  async marks(q: AuditQueryDto, n: number): Promise<{ rows: AuditRow[]; total: number }> {
    const [where, params] = this.filters(
      q,
      '(SELECT username FROM users u WHERE u.id = m.actor_id)',
    );
    // Newest first by id: marks are numbered as they are appended, and the primary key is that order.
    const rows = await this.db.query(
      `SELECT 'm' || m.id AS key, m.id::int AS id, m.at, m.actor_id AS "actorId", u.username AS "actorName", m.action,
              'marking_task' AS "entityType", m.task_id::text AS "entityId", NULL::jsonb AS before,
              jsonb_strip_nulls(jsonb_build_object('questionId', m.question_id, 'points', m.points,
                'adjustment', NULLIF(m.adjustment, 0), 'comment', m.comment, 'reason', m.problem_reason)) AS after,
              NULL AS address
       FROM mark_audit_events m LEFT JOIN users u ON u.id = m.actor_id ${where} ORDER BY m.id DESC LIMIT ${n}`,
      params,
    );
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM mark_audit_events m ${where}`,
      params,
    );
    return { rows, total };
  }

  /** Names for every id an entry mentions: its entity, and ids inside before/after (e.g. questionIds). */
  async names(rows: AuditRow[]): Promise<Record<string, AuditName>> {
    const ids = new Set<string>();
    const collect = (v: unknown): void => {
      if (typeof v === 'string' && UUID.test(v)) ids.add(v);
      else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    for (const r of rows) {
      collect(r.entityId);
      collect(r.actorId);
      collect(r.before);
      collect(r.after);
    }
    if (!ids.size) return {};
    const found: { id: string; kind: AuditName['kind']; label: string; number: string | null }[] =
      await this.db.query(
        `SELECT id::text, 'user' AS kind, display_name AS label, NULL AS number FROM users WHERE id = ANY($1::uuid[])
       UNION ALL SELECT q.id::text, 'question', v.title, q.number FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id
                 WHERE q.id = ANY($1::uuid[])
       UNION ALL SELECT id::text, 'paper_version', title, NULL FROM paper_versions WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, 'run', name, NULL FROM runs WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, 'model', name, NULL FROM ai_models WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, 'cohort', name, NULL FROM cohorts WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id::text, 'pdf', filename, NULL FROM pdf_documents WHERE id = ANY($1::uuid[])`,
        [[...ids]],
      );
    return Object.fromEntries(
      found.map((f) => [
        f.id,
        { kind: f.kind, label: f.label, ...(f.number ? { number: f.number } : {}) },
      ]),
    );
  }

  private filters(q: AuditQueryDto, actorName: string): [string, unknown[]] {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      clauses.push(sql.replace('?', `$${params.length}`));
    };
    if (q.user) add(`${actorName} = ?`, q.user);
    if (q.action) add(`action = ?`, q.action);
    if (q.from) add(`at >= ?::timestamptz`, q.from);
    if (q.to) add(`at <= ?::timestamptz`, q.to);
    return [clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params];
  }
}
