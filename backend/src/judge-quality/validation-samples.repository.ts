import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Stratum } from './domain/stratified-sample';

/**
 * Validation samples: the record of each request and the marking tasks it chose. Raw SQL: the
 * draw needs every eligible task of the question with its stratum, under one lock per question.
 */
@Injectable()
export class ValidationSamplesRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** One sample at a time per question, so two requests never choose the same task. */
  async lock(m: EntityManager, questionId: string) {
    await m.query(
      `SELECT pg_advisory_xact_lock(hashtext('yj-validation-sample'), hashtext($1::text))`,
      [questionId],
    );
  }

  async questionExists(m: EntityManager, questionId: string): Promise<boolean> {
    return (await m.query(`SELECT 1 FROM questions WHERE id = $1`, [questionId])).length > 0;
  }

  /**
   * Tasks a sample may choose: open, read by nobody yet, not a calibration item, not already in a
   * sample; each with its stratum (the model under test, or the students).
   */
  eligible(
    m: EntityManager,
    questionId: string,
  ): Promise<{ id: string; stratum: string; source: string; modelId: string | null }[]> {
    return m.query(
      `SELECT t.id::text AS id, CASE WHEN r.source_kind = 'model' THEN 'model:' || r.model_id ELSE 'student' END AS stratum,
              r.source_kind AS source, r.model_id AS "modelId"
       FROM marking_tasks t JOIN responses r ON r.id = t.response_id
       WHERE t.question_id = $1 AND t.state = 'open' AND NOT t.is_calibration AND t.validation_sample_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM marks k WHERE k.task_id = t.id)`,
      [questionId],
    );
  }

  async insert(
    m: EntityManager,
    s: {
      questionId: string;
      userId: string;
      seed: number;
      perStratum: number;
      strata: Stratum[];
      taskIds: string[];
    },
  ): Promise<string> {
    const [{ id }] = await m.query(
      `INSERT INTO validation_samples (question_id, requested_by, seed, per_stratum, strata, task_count)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6) RETURNING id`,
      [s.questionId, s.userId, s.seed, s.perStratum, JSON.stringify(s.strata), s.taskIds.length],
    );
    await m.query(
      `UPDATE marking_tasks SET validation_sample_id = $1 WHERE id = ANY($2::bigint[]) AND validation_sample_id IS NULL`,
      [id, s.taskIds],
    );
    return id;
  }

  /** A question's samples, newest first, with how many of their tasks teachers have finished. */
  list(questionId: string, m: EntityManager | DataSource = this.db) {
    return m.query(
      `SELECT s.id, s.requested_at AS "requestedAt", u.display_name AS "requestedBy", s.seed::float AS seed, s.per_stratum AS "perStratum",
              s.strata, s.task_count AS "taskCount",
              (SELECT count(*)::int FROM marking_tasks t WHERE t.validation_sample_id = s.id AND t.state = 'done') AS done
       FROM validation_samples s LEFT JOIN users u ON u.id = s.requested_by
       WHERE s.question_id = $1 ORDER BY s.requested_at DESC, s.id`,
      [questionId],
    );
  }
}
