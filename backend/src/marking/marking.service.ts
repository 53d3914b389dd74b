import { Inject, Injectable } from '@nestjs/common';
import { pgArray } from '../common/pg-array';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-errors';
import { MarkInput, nextReadKind, Read, resolve, Rubric, rubricPoints } from './domain/marking-rules';
import {
  appendAndResolve,
  assertAllOrNothing,
  BLIND_COLUMNS,
  blinded,
  blindTaskOf,
  MODE_COLUMNS,
  modeFrom,
  rederive,
  RUBRIC_JSON,
} from './marking-store';

export const LEASE_SECONDS = 300;

/** What a teacher sees of an answer: the question, the rubric and the text. Nothing says who wrote it. */
export interface BlindTask {
  taskId: string;
  leaseToken: string;
  leaseExpiresAt: string;
  question: { id: string; number: string; type: string; points: number; stem: string; referenceAnswer: string | null };
  rubric: Rubric & { graderNotes: string | null };
  answer: { text: string };
  /** The rubric's sample answers with their scores (the author's, not answers under marking). */
  samples: { answer: string; score: number }[];
  /** Which read of this answer mine would be (1, 2, or 3 for a third read): never the other scores. */
  readNumber: number;
}

interface LockedTask {
  id: string;
  questionId: string;
  type: string;
  state: string;
  leaseHolder: string | null;
  leaseToken: string | null;
  isLeaseLive: boolean;
  isAssigned: boolean;
  isCalibration: boolean;
  /** The row version (xmin) when read: a write conditioned on it fails if anyone changed the task since. */
  version: string;
  rubricId: string | null;
  rubric: Rubric;
  mode: string;
  tolerance: number;
  reads: Read[];
}

/**
 * The marking queue: tasks per (answer, question), leased one at a time to assigned teachers in a
 * stable per-teacher pseudo-random order, marked by appended marks, resolved by the rules.
 */
@Injectable()
export class MarkingService {
  constructor(
    private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Puts every subjective answer (and each subjective part of a composite one) into its question's
   * queue. Idempotent. Objective answers the grader could not read are queued by the grader itself,
   * in the transaction that appends their grades (queueUnparsed), so no sweep has to search the grades.
   */
  async syncTasks(): Promise<number> {
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

  /** Queues answers the grader could not read (UNPARSED) for teachers; `m` must be a transaction. */
  queueUnparsed(m: EntityManager, units: { responseId: string; questionId: string }[]): Promise<number> {
    if (!units.length) return Promise.resolve(0);
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
  private async insertTasks(m: EntityManager, units: string, params: unknown[] = []): Promise<number> {
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

  private async assertAssigned(userId: string, questionId: string, m: EntityManager = this.db.manager) {
    const [row] = await m.query(`SELECT 1 FROM marking_assignments WHERE user_id = $1 AND question_id = $2`, [userId, questionId]);
    if (!row)
      throw new DomainError('you have no marking queue for this question (not assigned to it)', 404, undefined, 'marking.not_assigned');
  }

  /**
   * The questions a teacher marks, those with answers waiting for them first: for each, what waits
   * for this teacher, what they have read, how far the question is (answers final, and reads done
   * of the reads needed, which is what moves under double marking), and how it is marked.
   */
  async myQuestions(userId: string) {
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
   * not leased to anyone else, in the teacher's own stable order (a rotation of the question's
   * shuffled order). SKIP LOCKED lets many teachers
   * claim at once without waiting on each other; the lease makes the claim exclusive until it lapses.
   */
  async next(userId: string, questionId: string): Promise<BlindTask | null> {
    if (Math.random() * 100 < this.config.markingCalibrationPercent) {
      await this.assertAssigned(userId, questionId);
      const calibration = await this.claimCalibration(userId, questionId);
      if (calibration) return calibration;
    }
    // Every teacher walks the same shuffled order (shuffle_key) from their own starting point,
    // wrapping around: stable per teacher, spread across teachers, and an index range scan.
    // Assignment check, claim and the blind view are one statement: one round trip per answer.
    const claimable = `t.question_id = $1 AND t.state IN ('open', 'needs_third') AND (t.lease_expires_at IS NULL OR t.lease_expires_at < now())
           AND EXISTS (SELECT 1 FROM assigned)
           AND NOT EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id AND k.marker_id = $2)
           AND NOT EXISTS (SELECT 1 FROM marking_skips s WHERE s.task_id = t.id AND s.user_id = $2)`;
    // Validation samples first (judge-quality/validation-samples.service.ts): answers a researcher
    // asked teachers to mark so a judge can be compared with them; then the teacher's own rotation.
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
       LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true`,
      [questionId, userId, LEASE_SECONDS],
    );
    if (!row.isAssigned)
      throw new DomainError('you have no marking queue for this question (not assigned to it)', 404, undefined, 'marking.not_assigned');
    if (!row.taskId) return null;
    const { taskId, leaseToken, leaseExpiresAt, question, rubric, answer, samples, readNumber } = row;
    return blinded({ taskId, leaseToken, leaseExpiresAt, question, rubric, answer, samples, readNumber });
  }

  /** The answer of this question already leased to the teacher (oldest first), so a reload does not strand it for the lease's length. */
  async myLease(userId: string, questionId: string): Promise<BlindTask | null> {
    const [row] = await this.db.query(
      `SELECT t.id::text AS id FROM marking_tasks t
       WHERE t.question_id = $1 AND t.lease_holder = $2 AND t.lease_expires_at > now() ORDER BY t.lease_expires_at LIMIT 1`,
      [questionId, userId],
    );
    return row ? blindTaskOf(this.db.manager, row.id) : null;
  }

  /**
   * A calibration item this teacher has not read, leased like any answer and shown exactly like one:
   * the teacher cannot tell it is a check.
   */
  private async claimCalibration(userId: string, questionId: string): Promise<BlindTask | null> {
    const [rows] = await this.db.query(
      `WITH c AS (SELECT t.id FROM marking_tasks t
                  WHERE t.question_id = $1 AND t.is_calibration AND (t.lease_expires_at IS NULL OR t.lease_expires_at < now())
                    AND NOT EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id AND k.marker_id = $2)
                    AND NOT EXISTS (SELECT 1 FROM marking_skips s WHERE s.task_id = t.id AND s.user_id = $2)
                  ORDER BY t.shuffle_key LIMIT 1 FOR UPDATE SKIP LOCKED)
       UPDATE marking_tasks t SET lease_holder = $2, lease_token = gen_random_uuid(), lease_expires_at = now() + make_interval(secs => $3)
       FROM c WHERE t.id = c.id RETURNING t.id::text AS id`,
      [questionId, userId, LEASE_SECONDS],
    );
    return rows.length ? blindTaskOf(this.db.manager, rows[0].id) : null;
  }

  /**
   * The task under lock with everything a mark needs (assignment, lease, latest rubric, marking
   * mode, reads so far) in one statement: the hot path of marking is one read and one write.
   */
  private async lockLeased(m: EntityManager, userId: string, taskId: string, leaseToken: string, lock = true): Promise<LockedTask> {
    const [t]: LockedTask[] = await m.query(
      `SELECT t.id::text, t.question_id AS "questionId", t.state, t.lease_holder AS "leaseHolder", t.lease_token AS "leaseToken",
              t.lease_expires_at >= now() AS "isLeaseLive",
              EXISTS (SELECT 1 FROM marking_assignments a WHERE a.user_id = $2 AND a.question_id = t.question_id) AS "isAssigned",
              t.is_calibration AS "isCalibration", t.xmin::text AS version, q.type,
              b.id AS "rubricId", ${RUBRIC_JSON} AS rubric, ${MODE_COLUMNS},
              COALESCE((SELECT json_agg(json_build_object('markerId', k.marker_id, 'kind', k.read_kind, 'points', k.points::float) ORDER BY k.id)
                        FROM marks k WHERE k.task_id = t.id), '[]') AS reads
       FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true
       WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`,
      [taskId, userId],
    );
    if (!t) throw new DomainError(`answer ${taskId} does not exist`, 404);
    if (!t.isAssigned)
      throw new DomainError('you have no marking queue for this question (not assigned to it)', 404, undefined, 'marking.not_assigned');
    if (t.leaseHolder !== userId || t.leaseToken !== leaseToken || !t.isLeaseLive)
      throw new DomainError(
        'this answer is no longer leased to you (the lease ran out or it was taken by another teacher); your mark was not saved',
        409,
        undefined,
        'marking.lease_lost',
      );
    return t;
  }

  /**
   * Appends the teacher's mark and re-derives the task's state and final score: one read, then one
   * write conditioned on the task being unchanged since (its row version, lease and token), so the
   * hot path needs no transaction held across round trips. A concurrent change (a re-mark of the
   * same answer at that instant) makes the write miss; it is then read and tried again.
   */
  async submit(userId: string, taskId: string, body: MarkInput & { leaseToken: string; secondsSpent?: number }) {
    for (let attempt = 1; ; attempt++) {
      const t = await this.lockLeased(this.db.manager, userId, taskId, body.leaseToken, false);
      const points = rubricPoints(t.rubric, body);
      if (!points.ok) throw new DomainError(points.error, 422);
      assertAllOrNothing(t.type, points.points, t.rubric.ceilingPoints);
      if (t.isCalibration)
        return this.db.transaction(async (m) =>
          this.recordCalibration(m, await this.lockLeased(m, userId, taskId, body.leaseToken), userId, body, points.points),
        );
      const kind = nextReadKind(t.reads);
      const mark = {
        kind,
        rubricId: t.rubricId,
        appliedItems: body.appliedItems ?? [],
        adjustment: body.adjustment ?? 0,
        comment: body.comment ?? null,
        points: points.points,
        secondsSpent: body.secondsSpent ?? null,
        leaseToken: body.leaseToken,
      };
      const reads = [...t.reads, { markerId: userId, kind, points: points.points }];
      const saved = await appendAndResolve(this.db.manager, taskId, userId, mark, modeFrom(t), reads, t.version);
      if (saved) return saved;
      if (attempt === 3) throw new DomainError('this answer kept changing while your mark was saved; please try again', 409);
    }
  }

  /**
   * A calibration read: kept as its own kind, the task's state and final score untouched. The reply
   * has the shape a first read of this question would get, so nothing gives the check away.
   */
  private async recordCalibration(
    m: EntityManager,
    t: LockedTask,
    userId: string,
    body: MarkInput & { leaseToken: string; secondsSpent?: number },
    points: number,
  ) {
    await m.query(
      `WITH ins AS (INSERT INTO marks (task_id, marker_id, read_kind, rubric_id, applied_items, adjustment, comment, points, seconds_spent, lease_token)
                    VALUES ($1, $2, 'calibration', $3, $4, $5, $6, $7, $8, $9))
       UPDATE marking_tasks SET lease_holder = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = $1`,
      [
        t.id,
        userId,
        t.rubricId,
        JSON.stringify(body.appliedItems ?? []),
        body.adjustment ?? 0,
        body.comment ?? null,
        points,
        body.secondsSpent ?? null,
        body.leaseToken,
      ],
    );
    const looks = resolve(modeFrom(t), [{ markerId: userId, kind: 'first', points }]);
    return { taskId: t.id, state: looks.state, finalScore: looks.finalScore, points };
  }

  /** Gives the answer back to the queue; this teacher will not be offered it again. */
  async skip(userId: string, taskId: string, leaseToken: string) {
    await this.db.transaction(async (m) => {
      await this.lockLeased(m, userId, taskId, leaseToken);
      await m.query(`INSERT INTO marking_skips (task_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [taskId, userId]);
      await m.query(`UPDATE marking_tasks SET lease_holder = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = $1`, [taskId]);
    });
    return { taskId, skipped: true };
  }

  /** Sends a problem answer (unreadable, off-topic, suspicious) to the seniors, with the reason. */
  async problem(userId: string, taskId: string, leaseToken: string, reason: string) {
    return this.db.transaction(async (m) => {
      const t = await this.lockLeased(m, userId, taskId, leaseToken);
      await m.query(`INSERT INTO marks (task_id, marker_id, read_kind, problem_reason, lease_token) VALUES ($1, $2, 'problem', $3, $4)`, [
        taskId,
        userId,
        reason,
        leaseToken,
      ]);
      return rederive(m, taskId, modeFrom(t), [...t.reads, { markerId: userId, kind: 'problem', points: null }]);
    });
  }
}
