import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pgArray } from '../common/pg-array';
import { QuestionRow } from './grading-items';

/** A stored answer as the grader reads it. */
export interface AnswerRow {
  id: string;
  questionId: string;
  outcome: string;
  text: string | null;
  /** The provider's finish reason (`length`: cut off), from the attempt that gave the answer. */
  finishReason: string | null;
}

/** One appended grade (auto_grades), per answer and graded question. */
export interface GradeRow {
  responseId: string;
  questionId: string;
  score: number | null;
  maxScore: number;
  status: string;
  method: string;
  region: string | null;
  extracted: unknown;
  explanation: string;
  /** The decision and its trace as codes with parameters (auto_grades.reason). */
  reason: {
    code: string;
    params?: object;
    trace: { code: string; params?: object; notable?: true }[];
  };
}

/** A graded answer with its latest grade per graded question, for a re-grade to compare against. */
export interface LatestGraded extends AnswerRow {
  paperVersionId: string;
  model: string | null;
  grades: (Pick<
    GradeRow,
    'questionId' | 'score' | 'status' | 'extracted' | 'method' | 'maxScore'
  > & {
    number: string;
    graderVersion: string;
  })[];
}

export interface RegradeScope {
  runId?: string;
  questionIds?: string[];
  isOutdatedOnly?: boolean;
}

/** The question a key correction names, as the correction check reads it. */
export interface CorrectableQuestion {
  id: string;
  number: string;
  type: string;
  points: number;
  options: { label: string; text?: string }[] | null;
  blanks: number | null;
  answerKey: unknown;
  isObjective: boolean;
}

// One key for everything that appends grades: a catch-up (session lock) and a re-grade (transaction lock) exclude each other.
const GRADING_LOCK = `hashtext('yj-grading')`;

/**
 * The grader's queries. Raw SQL throughout: the appends are column arrays through unnest (one
 * statement per batch, with the queue's dequeue in the same CTE), the reads use a lateral
 * DISTINCT ON for the latest grade and correlated subqueries for the latest correction, none of
 * which the ORM expresses, and the locks are PostgreSQL advisory locks.
 */
@Injectable()
export class GradingRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /**
   * Runs `fn` holding the grading lock on a connection of its own (a session lock, so the batches
   * `fn` inserts on other connections are covered). `wait`: queue for the lock; otherwise give up at
   * once (another process is grading) and return null.
   */
  async whileLocked<T>(wait: boolean, fn: () => Promise<T>): Promise<T | null> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      if (wait) await runner.query(`SELECT pg_advisory_lock(${GRADING_LOCK})`);
      else {
        const [{ locked }] = await runner.query(
          `SELECT pg_try_advisory_lock(${GRADING_LOCK}) AS locked`,
        );
        if (!locked) return null;
      }
      try {
        return await fn();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${GRADING_LOCK})`);
      }
    } finally {
      await runner.release();
    }
  }

  /** The grading lock for the rest of transaction `m` (a re-grade). */
  async lockForTransaction(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(${GRADING_LOCK})`);
  }

  async isVersionDone(version: string): Promise<boolean> {
    return (
      (await this.db.query(`SELECT 1 FROM grader_versions WHERE version = $1`, [version])).length >
      0
    );
  }

  /** Whether any grade was given by another grader version (a scan of the grades: asked once per version). */
  async hasOtherVersions(version: string): Promise<boolean> {
    const [{ isAny }] = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM auto_grades WHERE grader_version <> $1) AS "isAny"`,
      [version],
    );
    return isAny;
  }

  async markVersionDone(version: string): Promise<void> {
    await this.db.query(
      `INSERT INTO grader_versions (version) VALUES ($1) ON CONFLICT DO NOTHING`,
      [version],
    );
  }

  /** The questions of these paper versions with the latest answer-key and policy corrections. */
  questionRows(
    paperVersionIds: string[],
    m: EntityManager = this.db.manager,
  ): Promise<QuestionRow[]> {
    return m.query(
      `SELECT q.id, q.parent_id AS "parentId", q.number, q.type, q.points, q.options, q.blanks, q.answer_key AS "answerKey",
              q.scoring_policy AS "scoringPolicy", v.scoring_policy AS "paperPolicy", v.subject,
              (SELECT c.answer_key FROM answer_key_corrections c WHERE c.question_id = q.id AND c.answer_key IS NOT NULL ORDER BY c.id DESC LIMIT 1) AS "correctedKey",
              (SELECT c.scoring_policy FROM answer_key_corrections c WHERE c.question_id = q.id AND c.scoring_policy IS NOT NULL ORDER BY c.id DESC LIMIT 1) AS "correctedPolicy"
       FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE q.paper_version_id = ANY($1) ORDER BY q.ordinal`,
      [paperVersionIds],
    );
  }

  async paperVersionsOf(questionIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT DISTINCT paper_version_id AS id FROM questions WHERE id = ANY($1)`,
      [questionIds],
    );
    return rows.map((r) => r.id);
  }

  /** The next `limit` queued answers after the cursor, in key order: the queue holds only what is left to grade. */
  queued(cursor: string | null, limit: number): Promise<AnswerRow[]> {
    return this.db.query(
      `SELECT r.id, r.question_id AS "questionId", r.outcome, r.text, a.finish_reason AS "finishReason"
       FROM (SELECT response_id FROM grading_queue WHERE response_id > $2 ORDER BY response_id LIMIT $1) w
       JOIN responses r ON r.id = w.response_id
       LEFT JOIN attempts a ON a.id = r.attempt_id
       ORDER BY r.id`,
      [limit, cursor ?? '00000000-0000-0000-0000-000000000000'],
    );
  }

  /**
   * Appends grade rows as column arrays (unnest: no per-row JSON parsing in the database) and takes
   * the `dequeue` answers off the grading queue in the same statement.
   */
  async appendGrades(
    m: EntityManager,
    rows: GradeRow[],
    graderVersion: string,
    dequeue: string[] = [],
  ): Promise<void> {
    await m.query(
      `WITH appended AS (
         INSERT INTO auto_grades (response_id, question_id, score, max_score, status, method, region, extracted, explanation, grader_version, reason)
         SELECT r, q, s, mx, st, me, re, ex, e, $10, rs
         FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $12::jsonb[])
              AS x(r, q, s, mx, st, me, re, ex, e, rs))
       DELETE FROM grading_queue WHERE response_id = ANY($11::uuid[])`,
      [
        pgArray(rows.map((x) => x.responseId)),
        pgArray(rows.map((x) => x.questionId)),
        pgArray(rows.map((x) => x.score)),
        pgArray(rows.map((x) => x.maxScore)),
        pgArray(rows.map((x) => x.status)),
        pgArray(rows.map((x) => x.method)),
        pgArray(rows.map((x) => x.region)),
        pgArray(rows.map((x) => (x.extracted === null ? null : JSON.stringify(x.extracted)))),
        pgArray(rows.map((x) => x.explanation)),
        graderVersion,
        pgArray(dequeue),
        pgArray(rows.map((x) => JSON.stringify(x.reason))),
      ],
    );
  }

  /** Graded answers in scope with their latest grade per graded question (only those with an older grader's, if asked). */
  latestGraded(
    m: EntityManager,
    scope: RegradeScope,
    graderVersion: string,
  ): Promise<LatestGraded[]> {
    return m.query(
      `SELECT r.id, r.question_id AS "questionId", q.paper_version_id AS "paperVersionId", r.outcome, r.text, am.name AS model,
              (SELECT a.finish_reason FROM attempts a WHERE a.id = r.attempt_id) AS "finishReason",
              json_agg(json_build_object('questionId', g.question_id, 'number', gq.number, 'score', g.score::float, 'status', g.status,
                       'extracted', g.extracted, 'method', g.method, 'maxScore', g.max_score::float, 'graderVersion', g.grader_version)) AS grades
       FROM responses r JOIN questions q ON q.id = r.question_id LEFT JOIN ai_models am ON am.id = r.model_id
       JOIN LATERAL (SELECT DISTINCT ON (g.question_id) g.* FROM auto_grades g WHERE g.response_id = r.id ORDER BY g.question_id, g.id DESC) g ON true
       JOIN questions gq ON gq.id = g.question_id
       WHERE ($1::uuid IS NULL OR r.run_id = $1)
         AND ($2::uuid[] IS NULL OR r.question_id = ANY($2) OR q.id IN (SELECT parent_id FROM questions WHERE id = ANY($2)))
       GROUP BY r.id, q.paper_version_id, am.name
       HAVING NOT $3 OR bool_or(g.grader_version <> $4)`,
      [scope.runId ?? null, scope.questionIds ?? null, !!scope.isOutdatedOnly, graderVersion],
    );
  }

  async correctableQuestion(id: string): Promise<CorrectableQuestion | null> {
    const [q] = await this.db.query(
      `SELECT q.id, q.number, q.type, q.points::float AS points, q.options, q.blanks, q.answer_key AS "answerKey", q.is_objective AS "isObjective"
       FROM questions q WHERE q.id = $1`,
      [id],
    );
    return q ?? null;
  }

  async appendCorrection(
    m: EntityManager,
    c: {
      questionId: string;
      key: unknown;
      policy: object | undefined;
      reason: string;
      createdBy: string | null;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO answer_key_corrections (question_id, answer_key, scoring_policy, reason, created_by) VALUES ($1, $2, $3, $4, $5)`,
      [
        c.questionId,
        c.key === undefined ? null : JSON.stringify(c.key),
        c.policy ? JSON.stringify(c.policy) : null,
        c.reason,
        c.createdBy,
      ],
    );
  }

  /** The extractor's stored reply to a request (calls are cached by request hash). */
  async extractorOutput(requestHash: string): Promise<string | null> {
    const [hit] = await this.db.query(
      `SELECT output FROM extractor_calls WHERE request_hash = $1`,
      [requestHash],
    );
    return hit?.output ?? null;
  }

  async storeExtractorOutput(requestHash: string, modelId: string, output: string): Promise<void> {
    await this.db.query(
      `INSERT INTO extractor_calls (request_hash, model_id, output) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [requestHash, modelId, output],
    );
  }
}
