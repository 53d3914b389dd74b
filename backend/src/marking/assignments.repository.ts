import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MODE_COLUMNS } from './marking-sql';
import type { AssignableQuestion, Assignment, WaitingQuestion } from '@yuejuan/contracts';

// The assignment page's rows, defined once in @yuejuan/contracts; the server's times are Dates.
export type AssignmentRow = Assignment<Date>;
export type { AssignableQuestion } from '@yuejuan/contracts';

const OVERRIDE_JSON = (column: string, id: string) =>
  `(SELECT json_build_object('mode', o.mode, 'tolerance', o.tolerance::float) FROM marking_policy_overrides o WHERE o.${column} = ${id})`;

/**
 * The queries behind the assignment page: per (sub-)question its queue, marks, teachers and marking
 * mode. Raw SQL: counts per question over the task and mark tables in one pass, which the ORM
 * would turn into one query per question.
 */
@Injectable()
export class AssignmentsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The assignments, of one teacher or of all, by paper, question and teacher. */
  list(userId?: string, m: EntityManager = this.db.manager): Promise<AssignmentRow[]> {
    return m.query(
      `SELECT a.user_id AS "userId", u.username, u.display_name AS "displayName", a.question_id AS "questionId",
              q.number AS "questionNumber", q.type, v.id AS "paperVersionId", v.title AS "paperTitle", a.created_at AS "createdAt"
       FROM marking_assignments a
       JOIN users u ON u.id = a.user_id JOIN questions q ON q.id = a.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE ($1::uuid IS NULL OR a.user_id = $1) ORDER BY v.title, q.ordinal, u.username`,
      [userId ?? null],
    );
  }

  /** A user's roles (null: no such user). */
  async roles(userId: string, m: EntityManager = this.db.manager): Promise<string[] | null> {
    const [user] = await m.query(`SELECT roles FROM users WHERE id = $1`, [userId]);
    return user ? user.roles : null;
  }

  /** One teacher to these questions (pairs already there stay as they are). */
  async addForUser(userId: string, questionIds: string[], m: EntityManager): Promise<void> {
    await m.query(
      `INSERT INTO marking_assignments (user_id, question_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
      [userId, questionIds],
    );
  }

  async removeForUser(userId: string, questionIds: string[], m: EntityManager): Promise<void> {
    await m.query(
      `DELETE FROM marking_assignments WHERE user_id = $1 AND question_id = ANY($2::uuid[])`,
      [userId, questionIds],
    );
  }

  /**
   * Every markable unit of a paper version (composites are marked by their parts): subjective ones
   * are queued for every answer; objective ones get the answers the grader could not read.
   */
  questions(paperVersionId: string): Promise<AssignableQuestion[]> {
    return this.db.query(
      `SELECT q.id, q.number, q.type, q.is_objective AS "isObjective", q.points::float AS points,
              COALESCE(s.queued, 0) AS queued, COALESCE(s.marked, 0) AS marked, COALESCE(s.total, 0) AS total, COALESCE(s.done, 0) AS done,
              ${MODE_COLUMNS}, ${OVERRIDE_JSON('question_id', 'q.id')} AS override,
              COALESCE((SELECT json_agg(json_build_object('id', u.id, 'username', u.username, 'displayName', u.display_name) ORDER BY u.username)
                        FROM marking_assignments a JOIN users u ON u.id = a.user_id WHERE a.question_id = q.id), '[]') AS teachers
       FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id
       LEFT JOIN questions p ON p.id = q.parent_id
       LEFT JOIN LATERAL (
         SELECT count(*) FILTER (WHERE t.state IN ('open', 'needs_third'))::int AS queued,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id))::int AS marked,
                count(*)::int AS total, count(*) FILTER (WHERE t.state = 'done')::int AS done
         FROM marking_tasks t WHERE t.question_id = q.id) s ON true
       WHERE q.paper_version_id = $1 AND q.type <> 'composite'
       ORDER BY COALESCE(p.ordinal, q.ordinal), q.ordinal`,
      [paperVersionId],
    );
  }

  /** The paper's own policy and its override, for the paper-level setting. */
  async paper(paperVersionId: string) {
    const [row] = await this.db.query(
      `SELECT v.id, v.title, COALESCE(v.scoring_policy->'marking'->>'mode', 'single') AS "policyMode",
              COALESCE((v.scoring_policy->'marking'->>'tolerance')::float, 0) AS "policyTolerance",
              ${OVERRIDE_JSON('paper_version_id', 'v.id')} AS override
       FROM paper_versions v WHERE v.id = $1`,
      [paperVersionId],
    );
    return (row ?? null) as {
      id: string;
      title: string;
      policyMode: string;
      policyTolerance: number;
      override: AssignableQuestion['override'];
    } | null;
  }

  /** Questions with answers waiting for a teacher and nobody assigned to read them, on every paper. */
  unassigned(): Promise<WaitingQuestion[]> {
    return this.db.query(
      `SELECT q.id AS "questionId", v.id AS "paperVersionId", v.title AS "paperTitle", q.number, q.type, count(*)::int AS queued
       FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE t.state IN ('open', 'needs_third') AND NOT EXISTS (SELECT 1 FROM marking_assignments a WHERE a.question_id = t.question_id)
       GROUP BY q.id, v.id, v.title, q.number, q.type, q.ordinal
       ORDER BY v.title, q.ordinal`,
    );
  }

  /** Users among these ids who may mark (teachers, senior teachers), active. */
  async markers(userIds: string[], m: EntityManager = this.db.manager): Promise<string[]> {
    const rows = await m.query(
      `SELECT id FROM users WHERE id = ANY($1::uuid[]) AND is_active AND roles && ARRAY['teacher', 'senior_teacher']::text[]`,
      [userIds],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async markableUnits(questionIds: string[], m: EntityManager = this.db.manager): Promise<number> {
    const [row] = await m.query(
      `SELECT count(*)::int AS n FROM questions WHERE id = ANY($1::uuid[]) AND type <> 'composite'`,
      [questionIds],
    );
    return row.n;
  }

  /** Every (teacher, question) pair not yet assigned; returns how many were new. */
  async addPairs(
    userIds: string[],
    questionIds: string[],
    m: EntityManager = this.db.manager,
  ): Promise<number> {
    const [{ n }] = await m.query(
      `WITH ins AS (INSERT INTO marking_assignments (user_id, question_id)
                    SELECT u, q FROM unnest($1::uuid[]) u CROSS JOIN unnest($2::uuid[]) q ON CONFLICT DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [userIds, questionIds],
    );
    return n;
  }
}
