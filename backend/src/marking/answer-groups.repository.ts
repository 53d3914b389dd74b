import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pgArray } from '../common/pg-array';
import type { GroupCandidate } from './domain/answer-groups';
import type { Read, Resolution, Rubric } from './domain/marking-rules';
import { BLIND_COLUMNS, MODE_COLUMNS, RUBRIC_JSON } from './marking-sql';

/** Raw answers longer than this are not even fetched for grouping (the shown text is shorter still: harness tails go). */
const RAW_CANDIDATE_MAX = 1000;

/** What a teacher may read now, t in scope: the ordinary queue's rule, plus "not split off by me". */
const MINE_TO_READ = `(t.lease_expires_at IS NULL OR t.lease_expires_at < now())
  AND NOT EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id AND k.marker_id = $2)
  AND NOT EXISTS (SELECT 1 FROM marking_skips s WHERE s.task_id = t.id AND s.user_id = $2)
  AND NOT EXISTS (SELECT 1 FROM marking_group_splits g WHERE g.task_id = t.id AND g.user_id = $2)`;

export interface GroupMember {
  taskId: string;
  text: string;
}

export interface LockedMember {
  id: string;
  leaseHolder: string | null;
  leaseToken: string | null;
  isLeaseLive: boolean;
  isCalibration: boolean;
  reads: Read[];
}

export interface GroupContext {
  questionId: string;
  type: string;
  isAssigned: boolean;
  rubricId: string | null;
  rubric: Rubric;
  mode: string;
  tolerance: number;
}

export interface GroupMarkRow {
  taskId: string;
  kind: string;
  /** Null for a calibration read: the task's state and final score stay as they are. */
  resolution: Resolution | null;
}

/** The queries of answer groups: candidates, one lease over many tasks, and the group's marks in bulk. */
@Injectable()
export class AnswerGroupsRepository {
  constructor(private readonly db: DataSource) {}

  async isAssigned(userId: string, questionId: string): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT 1 FROM marking_assignments WHERE user_id = $1 AND question_id = $2`,
      [userId, questionId],
    );
    return !!row;
  }

  /** The question's type (how its answers group: short answers by their text, choices by the letter). */
  async questionType(questionId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT type FROM questions WHERE id = $1`, [questionId]);
    return row.type;
  }

  /**
   * The question's answers this teacher may read now, short enough to group, with the grader's
   * verdict (an unparsed grade) and the read mine would be. Calibration items are left out: they are
   * sampled into group mode one at a time, like any answer (answer-groups.service.ts). Raw SQL for
   * the latest grade per answer (a LATERAL probe of ix_auto_grades_latest) in the same pass.
   */
  async candidates(userId: string, questionId: string): Promise<GroupCandidate[]> {
    return this.db.query(
      `SELECT t.id::text AS "taskId", COALESCE(r.text, '') AS text,
              COALESCE(g.status = 'unparsed', false) AS "isUnparsed",
              (SELECT count(DISTINCT k.marker_id)::int + 1 FROM marks k
               WHERE k.task_id = t.id AND k.read_kind IN ('first', 'second', 'third')) AS "readNumber"
       FROM marking_tasks t JOIN responses r ON r.id = t.response_id
       LEFT JOIN LATERAL (SELECT a.status FROM auto_grades a WHERE a.response_id = t.response_id AND a.question_id = t.question_id
                          ORDER BY a.id DESC LIMIT 1) g ON true
       WHERE t.question_id = $1 AND t.state IN ('open', 'needs_third') AND NOT t.is_calibration
         AND length(COALESCE(r.text, '')) <= ${RAW_CANDIDATE_MAX} AND ${MINE_TO_READ}
       ORDER BY t.id`,
      [questionId, userId],
    );
  }

  /** A calibration item this teacher has not read (the same pick as the ordinary queue's). */
  async calibrationCandidate(userId: string, questionId: string): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT t.id::text AS id FROM marking_tasks t
       WHERE t.question_id = $1 AND t.is_calibration AND ${MINE_TO_READ}
       ORDER BY t.shuffle_key LIMIT 1`,
      [questionId, userId],
    );
    return row?.id ?? null;
  }

  /**
   * Leases these tasks to the teacher under one token: those still free and still theirs to read
   * (SKIP LOCKED: a task another teacher is claiming this instant is simply not in this group).
   * Returns the token, or null when none could be had.
   */
  async lease(
    userId: string,
    questionId: string,
    taskIds: string[],
    seconds: number,
  ): Promise<string | null> {
    const [rows] = await this.db.query(
      `WITH token AS (SELECT gen_random_uuid() AS v),
            free AS (SELECT t.id FROM marking_tasks t
                     WHERE t.id = ANY($3::bigint[]) AND t.question_id = $1
                       AND (t.is_calibration OR t.state IN ('open', 'needs_third')) AND ${MINE_TO_READ}
                     ORDER BY t.id FOR UPDATE SKIP LOCKED)
       UPDATE marking_tasks t SET lease_holder = $2, lease_token = token.v, lease_expires_at = now() + make_interval(secs => $4)
       FROM free, token WHERE t.id = free.id RETURNING t.lease_token::text AS token`,
      [questionId, userId, pgArray(taskIds), seconds],
    );
    return rows.length ? rows[0].token : null;
  }

  /** The live group lease of mine on this question with the most answers (a reload resumes it). */
  async myLeaseToken(userId: string, questionId: string): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT t.lease_token::text AS token FROM marking_tasks t
       WHERE t.question_id = $1 AND t.lease_holder = $2 AND t.lease_expires_at > now()
       GROUP BY t.lease_token ORDER BY count(*) DESC, min(t.lease_expires_at) LIMIT 1`,
      [questionId, userId],
    );
    return row?.token ?? null;
  }

  /**
   * The blind view of a group: the question, rubric and samples once, the first answer as the one
   * shown, and every member with its own text (the teacher checks them before marking them all).
   */
  async view(userId: string, token: string) {
    const members: (GroupMember & { readNumber: number })[] = await this.db.query(
      `SELECT t.id::text AS "taskId", COALESCE(r.text, '') AS text,
              (SELECT count(DISTINCT k.marker_id)::int + 1 FROM marks k
               WHERE k.task_id = t.id AND k.read_kind IN ('first', 'second', 'third')) AS "readNumber"
       FROM marking_tasks t JOIN responses r ON r.id = t.response_id
       WHERE t.lease_token = $1 AND t.lease_holder = $2 AND t.lease_expires_at > now() ORDER BY t.id`,
      [token, userId],
    );
    if (!members.length) return null;
    const [head] = await this.db.query(
      `SELECT ${BLIND_COLUMNS}
       FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN responses r ON r.id = t.response_id
       LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true
       WHERE t.id = $1`,
      [members[0].taskId],
    );
    return { head, members };
  }

  /** What a group mark needs of the question: assignment, latest rubric, mode and tolerance. */
  async context(
    m: EntityManager,
    userId: string,
    questionId: string,
  ): Promise<GroupContext | null> {
    const [row] = await m.query(
      `SELECT q.id AS "questionId", q.type, b.id AS "rubricId", ${RUBRIC_JSON} AS rubric, ${MODE_COLUMNS},
              EXISTS (SELECT 1 FROM marking_assignments a WHERE a.user_id = $2 AND a.question_id = q.id) AS "isAssigned"
       FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id
       LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true
       WHERE q.id = $1`,
      [questionId, userId],
    );
    return row ?? null;
  }

  /** The question of a lease token of mine (any member). */
  async questionOfLease(m: EntityManager, userId: string, token: string): Promise<string | null> {
    const [row] = await m.query(
      `SELECT question_id AS id FROM marking_tasks WHERE lease_token = $1 AND lease_holder = $2 LIMIT 1`,
      [token, userId],
    );
    return row?.id ?? null;
  }

  /**
   * The group's tasks under lock, in id order (two group saves never deadlock), each with its
   * lease and reads so far: every member named, and every task still leased under the token.
   */
  async lockMembers(
    m: EntityManager,
    questionId: string,
    taskIds: string[],
    token: string,
  ): Promise<LockedMember[]> {
    return m.query(
      `SELECT t.id::text, t.lease_holder AS "leaseHolder", t.lease_token::text AS "leaseToken",
              t.lease_expires_at >= now() AS "isLeaseLive", t.is_calibration AS "isCalibration",
              COALESCE((SELECT json_agg(json_build_object('markerId', k.marker_id, 'kind', k.read_kind, 'points', k.points::float) ORDER BY k.id)
                        FROM marks k WHERE k.task_id = t.id), '[]') AS reads
       FROM marking_tasks t WHERE t.question_id = $3 AND (t.id = ANY($1::bigint[]) OR t.lease_token = $2::uuid)
       ORDER BY t.id FOR UPDATE`,
      [pgArray(taskIds), token, questionId],
    );
  }

  /**
   * One mark per answer, all under the group's lease token, and each task's state and final score
   * as the rules derived them, in two statements whatever the group's size (unnest: one row per
   * answer). A calibration read leaves its task's state alone, like a single calibration read.
   */
  async appendMarks(
    m: EntityManager,
    userId: string,
    token: string,
    mark: {
      rubricId: string | null;
      appliedItems: string[];
      adjustment: number;
      comment: string | null;
      points: number;
      secondsEach: number | null;
    },
    rows: GroupMarkRow[],
  ) {
    await m.query(
      `INSERT INTO marks (task_id, marker_id, read_kind, rubric_id, applied_items, adjustment, comment, points, seconds_spent, lease_token)
       SELECT x.id, $2, x.kind, $4::uuid, $5::jsonb, $6::numeric, $7::text, $8::numeric, $9::real, $10::uuid
       FROM unnest($1::bigint[], $3::text[]) WITH ORDINALITY AS x(id, kind, n) ORDER BY x.n`,
      [
        pgArray(rows.map((r) => r.taskId)),
        userId,
        pgArray(rows.map((r) => r.kind)),
        mark.rubricId,
        JSON.stringify(mark.appliedItems),
        mark.adjustment,
        mark.comment,
        mark.points,
        mark.secondsEach,
        token,
      ],
    );
    const resolved = rows.filter((r) => r.resolution);
    const res = (f: (r: Resolution) => string | number | null) =>
      pgArray(resolved.map((r) => f(r.resolution!)));
    await m.query(
      `UPDATE marking_tasks t SET state = x.state, final_score = x.final, rule = x.rule, rule_code = x.code, rule_params = x.params::jsonb
       FROM unnest($1::bigint[], $2::text[], $3::numeric[], $4::text[], $5::text[], $6::text[]) AS x(id, state, final, rule, code, params)
       WHERE t.id = x.id`,
      [
        pgArray(resolved.map((r) => r.taskId)),
        res((r) => r.state),
        res((r) => r.finalScore),
        res((r) => r.rule),
        res((r) => r.code),
        res((r) => JSON.stringify(r.params)),
      ],
    );
    await this.release(
      m,
      rows.map((r) => r.taskId),
    );
  }

  async release(m: EntityManager, taskIds: string[]) {
    await m.query(
      `UPDATE marking_tasks SET lease_holder = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = ANY($1::bigint[])`,
      [pgArray(taskIds)],
    );
  }

  /** Gives back everything leased to the teacher under a token, recording nothing (leaving group mode). */
  async releaseLease(userId: string, token: string): Promise<number> {
    const [, count] = await this.db.query(
      `UPDATE marking_tasks SET lease_holder = NULL, lease_token = NULL, lease_expires_at = NULL WHERE lease_token = $1 AND lease_holder = $2`,
      [token, userId],
    );
    return typeof count === 'number' ? count : 0;
  }

  /** Split off: out of this teacher's groups for good, back to the ordinary queue now. */
  async split(m: EntityManager, userId: string, taskId: string) {
    await m.query(
      `INSERT INTO marking_group_splits (task_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [taskId, userId],
    );
    await this.release(m, [taskId]);
  }

  /** Skipping a group skips each of its answers (never offered to this teacher again, alone or grouped). */
  async skip(m: EntityManager, userId: string, taskIds: string[]) {
    await m.query(
      `INSERT INTO marking_skips (task_id, user_id) SELECT x, $2 FROM unnest($1::bigint[]) AS x ON CONFLICT DO NOTHING`,
      [pgArray(taskIds), userId],
    );
    await this.release(m, taskIds);
  }
}
