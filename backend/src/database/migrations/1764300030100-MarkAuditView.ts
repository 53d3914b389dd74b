import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marks in the audit trail without writing anything more when a mark is saved: marks are already
 * append-only rows naming who, when, which answer and what score, so the audit log reads them
 * through this view instead of a second insert on the marking hot path. Each read kind is its own
 * action (mark_first … mark_arbitration); the log merges this view with audit_events by time. A LEFT
 * JOIN (every mark has its task) lets a count over the view skip the join.
 */
export class MarkAuditView1764300030100 implements MigrationInterface {
  name = 'MarkAuditView1764300030100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW mark_audit_events AS
      SELECT k.id, k.created_at AS at, k.marker_id AS actor_id, 'mark_' || k.read_kind AS action,
             k.task_id, t.question_id, k.points::float AS points, k.adjustment::float AS adjustment,
             k.comment, k.problem_reason, k.supersedes_id
      FROM marks k LEFT JOIN marking_tasks t ON t.id = k.task_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW mark_audit_events`);
  }
}
