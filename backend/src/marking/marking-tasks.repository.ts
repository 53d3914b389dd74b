import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { MarkingQuestion } from '@yuejuan/contracts';
import { pgArray } from '../common/pg-array';
import type { Read, Resolution, Rubric } from './domain/marking-rules';
import { BLIND_COLUMNS, LATEST_RUBRIC, MODE_COLUMNS, RUBRIC_JSON } from './marking-sql';
import type { BlindTask, LockedTask, ModeRow, NewMark } from './marking.types';

/** A question in a teacher's queue, with what waits for them and how far it is (the client's type too). */
export type MyQuestionRow = MarkingQuestion;

/** Where a question sits (for the question pane) and whether this teacher marks it. */
export interface QuestionPlacement extends ModeRow {
  versionId: string;
  parentId: string | null;
  isAssigned: boolean;
}

/** What a write of a resolution stores on the task. */
type Derived = Pick<Resolution, 'state' | 'finalScore' | 'rule' | 'code' | 'params'>;

/**
 * The marking queue's reads and writes: tasks, leases, appended marks and the derived state.
 * Raw SQL throughout: the queue's claims are CTEs with FOR UPDATE SKIP LOCKED, the hot path reads a
 * task with its latest rubric (a lateral join), its mode and its reads in one statement and writes
 * the mark and the derived state in one conditioned on the row version (xmin), none of which the
 * ORM expresses. Methods that join a caller's transaction take its EntityManager.
 */
@Injectable()
export class MarkingTasksRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Every answered subjective unit (answer, question) without a task yet. */
  queueAnswered(): Promise<number> {
    return this.db.transaction((m) =>
      this.insertTasks(
        m,
        `SELECT r.id AS response_id, q.id AS question_id, ${MODE_COLUMNS}
         FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id
         JOIN responses r ON r.question_id = COALESCE(q.parent_id, q.id)
         WHERE NOT q.is_objective AND q.type <> 'composite' AND r.outcome = 'answered'
           AND NOT EXISTS (SELECT 1 FROM marking_tasks t WHERE t.response_id = r.id AND t.question_id = q.id)`,
      ),
    );
  }

  /** These units, where they have no task yet; `m` must be a transaction. */
  queueUnits(
    m: EntityManager,
    units: { responseId: string; questionId: string }[],
  ): Promise<number> {
    return this.insertTasks(
      m,
      `SELECT x.r AS response_id, q.id AS question_id, ${MODE_COLUMNS}
       FROM unnest($1::uuid[], $2::uuid[]) AS x(r, qid) JOIN questions q ON q.id = x.qid JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE NOT EXISTS (SELECT 1 FROM marking_tasks t WHERE t.response_id = x.r AND t.question_id = q.id)`,
      [pgArray(units.map((u) => u.responseId)), pgArray(units.map((u) => u.questionId))],
    );
  }

  /**
   * Inserts a task for each unit (answer, question) the query finds, needing two reads where the
   * question's effective mode (an admin's override, else the paper's policy) is double marking. Inserts take turns (a
   * transaction lock), so the queries' anti-joins alone keep tasks unique: no ON CONFLICT, whose
   * speculative insertion made queueing 25,000 answers take a third longer (docs/benchmarks.md).
   */
  private async insertTasks(
    m: EntityManager,
    units: string,
    params: unknown[] = [],
  ): Promise<number> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('yj-marking-tasks'))`);
    const [, count] = await m.query(
      `INSERT INTO marking_tasks (response_id, question_id, reads_required, shuffle_key)
       SELECT response_id, question_id, CASE WHEN mode = 'double' THEN 2 ELSE 1 END,
              hashtext(response_id::text || question_id::text)
       FROM (${units}) AS units`,
      params,
    );
    return typeof count === 'number' ? count : 0;
  }

  async isAssigned(
    userId: string,
    questionId: string,
    m: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const [row] = await m.query(
      `SELECT 1 FROM marking_assignments WHERE user_id = $1 AND question_id = $2`,
      [userId, questionId],
    );
    return !!row;
  }

  /**
   * The questions a teacher marks, those with answers waiting for them first: for each, what waits
   * for this teacher, what they have read, how far the question is (answers final, and reads done
   * of the reads needed, which is what moves under double marking), and how it is marked.
   * Raw SQL: per-question counts with FILTERs over tasks, marks and skips in one pass.
   */
  myQuestions(userId: string): Promise<MyQuestionRow[]> {
    return this.db.query(
      `SELECT q.id AS "questionId", q.number, q.type, q.is_objective AS "isObjective", q.points::float AS points,
              v.id AS "paperVersionId", v.title AS "paperTitle", v.subject, v.grade, v.stage, ${MODE_COLUMNS},
              count(t.id)::int AS total, count(t.id) FILTER (WHERE t.state = 'done')::int AS done,
              count(t.id) FILTER (WHERE t.state IN ('open', 'needs_third')
                                   AND NOT EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id AND k.marker_id = $1)
                                   AND NOT EXISTS (SELECT 1 FROM marking_skips s WHERE s.task_id = t.id AND s.user_id = $1))::int AS "forMe",
              -- an answer sent to a third read needs three reads in all
              COALESCE(sum(CASE WHEN t.state IN ('needs_third', 'needs_arbitration')
                                  OR EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id AND k.read_kind = 'third')
                                THEN 3 ELSE t.reads_required END), 0)::int AS "readsRequired",
              (SELECT count(*)::int FROM marks k JOIN marking_tasks kt ON kt.id = k.task_id
               WHERE kt.question_id = q.id AND k.read_kind IN ('first', 'second', 'third')) AS "readsDone",
              (SELECT count(DISTINCT k.task_id)::int FROM marks k JOIN marking_tasks kt ON kt.id = k.task_id
               WHERE kt.question_id = q.id AND k.marker_id = $1 AND k.read_kind <> 'problem') AS mine
       FROM marking_assignments a JOIN questions q ON q.id = a.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       LEFT JOIN marking_tasks t ON t.question_id = q.id
       WHERE a.user_id = $1
       GROUP BY q.id, v.id
       ORDER BY count(t.id) FILTER (WHERE t.state IN ('open', 'needs_third')
                                     AND NOT EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id AND k.marker_id = $1)) = 0,
                v.title, q.ordinal`,
      [userId],
    );
  }

  /**
   * Leases the teacher's next answer for a question: one the teacher has neither read nor skipped,
   * not leased to anyone else, validation samples first (judge-quality/validation-samples.service.ts),
   * then in the teacher's own stable order (a rotation of the question's shuffled order: every
   * teacher walks the same shuffle_key order from their own starting point, wrapping around, an
   * index range scan). SKIP LOCKED lets many teachers claim at once without waiting on each other.
   * Assignment check, claim and the blind view are one statement: one round trip per answer.
   * The task is null when nothing is left (or the teacher is not assigned); the text is as stored.
   */
  async claimNext(
    userId: string,
    questionId: string,
    leaseSeconds: number,
  ): Promise<{ isAssigned: boolean; task: BlindTask | null }> {
    const claimable = `t.question_id = $1 AND t.state IN ('open', 'needs_third') AND (t.lease_expires_at IS NULL OR t.lease_expires_at < now())
           AND EXISTS (SELECT 1 FROM assigned)
           AND NOT EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id AND k.marker_id = $2)
           AND NOT EXISTS (SELECT 1 FROM marking_skips s WHERE s.task_id = t.id AND s.user_id = $2)`;
    const [row]: (BlindTask & { isAssigned: boolean })[] = await this.db.query(
      `WITH assigned AS (SELECT 1 FROM marking_assignments WHERE user_id = $2 AND question_id = $1),
            sampled AS (SELECT t.id FROM marking_tasks t WHERE ${claimable} AND t.validation_sample_id IS NOT NULL
                        ORDER BY t.shuffle_key LIMIT 1 FOR UPDATE SKIP LOCKED),
            after AS (SELECT t.id FROM marking_tasks t WHERE ${claimable} AND t.shuffle_key >= hashtext($2::text)
                      ORDER BY t.shuffle_key LIMIT 1 FOR UPDATE SKIP LOCKED),
            wrapped AS (SELECT t.id FROM marking_tasks t WHERE ${claimable} AND t.shuffle_key < hashtext($2::text)
                        ORDER BY t.shuffle_key LIMIT 1 FOR UPDATE SKIP LOCKED),
            first AS (SELECT id FROM (SELECT id, -1 AS pass FROM sampled UNION ALL SELECT id, 0 FROM after UNION ALL SELECT id, 1 FROM wrapped) c
                      ORDER BY pass LIMIT 1),
            claimed AS (
              UPDATE marking_tasks t SET lease_holder = $2, lease_token = gen_random_uuid(), lease_expires_at = now() + make_interval(secs => $3)
              FROM first WHERE t.id = first.id
              RETURNING t.id, t.lease_token, t.lease_expires_at, t.question_id, t.response_id)
       SELECT EXISTS (SELECT 1 FROM assigned) AS "isAssigned", ${BLIND_COLUMNS}
       FROM (SELECT 1) one LEFT JOIN claimed t ON true
       LEFT JOIN questions q ON q.id = t.question_id LEFT JOIN responses r ON r.id = t.response_id
       ${LATEST_RUBRIC}`,
      [questionId, userId, leaseSeconds],
    );
    if (!row.taskId) return { isAssigned: row.isAssigned, task: null };
    const { taskId, leaseToken, leaseExpiresAt, question, rubric, answer, samples, readNumber } =
      row;
    return {
      isAssigned: row.isAssigned,
      task: { taskId, leaseToken, leaseExpiresAt, question, rubric, answer, samples, readNumber },
    };
  }

  /** The answer of this question already leased to the teacher (oldest lease first), if any. */
  async leasedTaskId(userId: string, questionId: string): Promise<string | null> {
    const [row] = await this.db.query(
      `SELECT t.id::text AS id FROM marking_tasks t
       WHERE t.question_id = $1 AND t.lease_holder = $2 AND t.lease_expires_at > now() ORDER BY t.lease_expires_at LIMIT 1`,
      [questionId, userId],
    );
    return row?.id ?? null;
  }

  /** Leases a calibration item this teacher has not read (SKIP LOCKED, like any claim); its id, or null. */
  async claimCalibration(
    userId: string,
    questionId: string,
    leaseSeconds: number,
  ): Promise<string | null> {
    const [rows] = await this.db.query(
      `WITH c AS (SELECT t.id FROM marking_tasks t
                  WHERE t.question_id = $1 AND t.is_calibration AND (t.lease_expires_at IS NULL OR t.lease_expires_at < now())
                    AND NOT EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id AND k.marker_id = $2)
                    AND NOT EXISTS (SELECT 1 FROM marking_skips s WHERE s.task_id = t.id AND s.user_id = $2)
                  ORDER BY t.shuffle_key LIMIT 1 FOR UPDATE SKIP LOCKED)
       UPDATE marking_tasks t SET lease_holder = $2, lease_token = gen_random_uuid(), lease_expires_at = now() + make_interval(secs => $3)
       FROM c WHERE t.id = c.id RETURNING t.id::text AS id`,
      [questionId, userId, leaseSeconds],
    );
    return rows.length ? rows[0].id : null;
  }

  /** The view of a task: question, latest rubric, answer text as stored (the caller blinds it). */
  async blindTask(taskId: string, m: EntityManager = this.db.manager): Promise<BlindTask> {
    const [t] = await m.query(
      `SELECT ${BLIND_COLUMNS}
       FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN responses r ON r.id = t.response_id
       ${LATEST_RUBRIC}
       WHERE t.id = $1`,
      [taskId],
    );
    return t;
  }

  /**
   * The task with everything a mark needs (assignment, lease, latest rubric, marking mode, reads so
   * far) in one statement; `lock`: under FOR UPDATE, in the caller's transaction.
   */
  async taskForMark(
    userId: string,
    taskId: string,
    lock: boolean,
    m: EntityManager = this.db.manager,
  ): Promise<LockedTask | null> {
    const [t]: LockedTask[] = await m.query(
      `SELECT t.id::text, t.question_id AS "questionId", t.state, t.lease_holder AS "leaseHolder", t.lease_token AS "leaseToken",
              t.lease_expires_at >= now() AS "isLeaseLive",
              EXISTS (SELECT 1 FROM marking_assignments a WHERE a.user_id = $2 AND a.question_id = t.question_id) AS "isAssigned",
              t.is_calibration AS "isCalibration", t.xmin::text AS version, q.type,
              b.id AS "rubricId", ${RUBRIC_JSON} AS rubric, ${MODE_COLUMNS},
              COALESCE((SELECT json_agg(json_build_object('markerId', k.marker_id, 'kind', k.read_kind, 'points', k.points::float) ORDER BY k.id)
                        FROM marks k WHERE k.task_id = t.id), '[]') AS reads
       FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       ${LATEST_RUBRIC}
       WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`,
      [taskId, userId],
    );
    return t ?? null;
  }

  /**
   * Appends a mark and writes the task's derived state in one statement. With `version`, only if the
   * task is still that row version and leased to this teacher with this token (else false: nothing
   * written); without it, the caller holds the task's lock.
   */
  async appendAndResolve(
    taskId: string,
    userId: string,
    mark: NewMark,
    res: Derived,
    version: string | null = null,
    m: EntityManager = this.db.manager,
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `WITH t AS (SELECT id FROM marking_tasks
                  WHERE id = $1 AND ($14::text IS NULL OR (xmin::text = $14 AND lease_holder = $2 AND lease_token = $10 AND lease_expires_at >= now()))
                  FOR UPDATE),
            ins AS (
              INSERT INTO marks (task_id, marker_id, read_kind, rubric_id, applied_items, adjustment, comment, points, seconds_spent, lease_token)
              SELECT t.id, $2, $3, $4::uuid, $5::jsonb, $6::numeric, $7::text, $8::numeric, $9::real, $10::uuid FROM t)
       UPDATE marking_tasks SET state = $11, final_score = $12, rule = $13, rule_code = $15, rule_params = $16::jsonb,
              lease_holder = NULL, lease_token = NULL, lease_expires_at = NULL
       FROM t WHERE marking_tasks.id = t.id RETURNING marking_tasks.id`,
      [
        taskId,
        userId,
        mark.kind,
        mark.rubricId,
        JSON.stringify(mark.appliedItems),
        mark.adjustment,
        mark.comment,
        mark.points,
        mark.secondsSpent,
        mark.leaseToken,
        res.state,
        res.finalScore,
        res.rule,
        version,
        res.code,
        JSON.stringify(res.params),
      ],
    );
    // TypeORM returns [rows, count] for an UPDATE … RETURNING.
    const updated = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return updated.length > 0;
  }

  /** A calibration read, appended as its own kind, and the lease ended; the task's state untouched. */
  async appendCalibration(
    taskId: string,
    userId: string,
    mark: NewMark,
    m: EntityManager,
  ): Promise<void> {
    await m.query(
      `WITH ins AS (INSERT INTO marks (task_id, marker_id, read_kind, rubric_id, applied_items, adjustment, comment, points, seconds_spent, lease_token)
                    VALUES ($1, $2, 'calibration', $3, $4, $5, $6, $7, $8, $9))
       UPDATE marking_tasks SET lease_holder = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = $1`,
      [
        taskId,
        userId,
        mark.rubricId,
        JSON.stringify(mark.appliedItems),
        mark.adjustment,
        mark.comment,
        mark.points,
        mark.secondsSpent,
        mark.leaseToken,
      ],
    );
  }

  /** This teacher will not be offered the answer again; its lease ends. */
  async skip(taskId: string, userId: string, m: EntityManager): Promise<void> {
    await m.query(
      `INSERT INTO marking_skips (task_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [taskId, userId],
    );
    await m.query(
      `UPDATE marking_tasks SET lease_holder = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = $1`,
      [taskId],
    );
  }

  async appendProblem(
    taskId: string,
    userId: string,
    reason: string,
    leaseToken: string,
    m: EntityManager,
  ): Promise<void> {
    await m.query(
      `INSERT INTO marks (task_id, marker_id, read_kind, problem_reason, lease_token) VALUES ($1, $2, 'problem', $3, $4)`,
      [taskId, userId, reason, leaseToken],
    );
  }

  /** Writes the task's derived state and final score, and ends any lease on it. */
  async writeResolution(taskId: string, res: Derived, m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE marking_tasks SET state = $2, final_score = $3, rule = $4, rule_code = $5, rule_params = $6::jsonb,
              lease_holder = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = $1`,
      [taskId, res.state, res.finalScore, res.rule, res.code, JSON.stringify(res.params)],
    );
  }

  /** Every read of a task, oldest first. */
  reads(taskId: string, m: EntityManager = this.db.manager): Promise<Read[]> {
    return m.query(
      `SELECT marker_id AS "markerId", read_kind AS kind, points::float AS points FROM marks WHERE task_id = $1 ORDER BY id`,
      [taskId],
    );
  }

  /** The question's effective marking mode and tolerance. */
  async mode(questionId: string, m: EntityManager = this.db.manager): Promise<ModeRow> {
    const [q] = await m.query(
      `SELECT ${MODE_COLUMNS} FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id WHERE q.id = $1`,
      [questionId],
    );
    return q;
  }

  /** The question's latest rubric (id null: none yet, marked by score up to its points). */
  async rubric(
    questionId: string,
    m: EntityManager = this.db.manager,
  ): Promise<{ id: string | null; rubric: Rubric }> {
    const [row] = await m.query(
      `SELECT b.id, ${RUBRIC_JSON} AS rubric FROM questions q ${LATEST_RUBRIC} WHERE q.id = $1`,
      [questionId],
    );
    return { id: row.id, rubric: row.rubric };
  }

  /** Where a question sits in its paper, its mode, and whether this teacher is assigned to it. */
  async placement(questionId: string, userId: string): Promise<QuestionPlacement | null> {
    const [row] = await this.db.query(
      `SELECT q.paper_version_id AS "versionId", q.parent_id AS "parentId", ${MODE_COLUMNS},
              EXISTS (SELECT 1 FROM marking_assignments a WHERE a.user_id = $2 AND a.question_id = q.id) AS "isAssigned"
       FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id WHERE q.id = $1`,
      [questionId, userId],
    );
    return row ?? null;
  }
}
