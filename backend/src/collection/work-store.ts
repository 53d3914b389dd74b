import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPrepared } from '../database/prepared';
import { AiModelEntity } from '../models/model.entity';

export interface ClaimedItem {
  id: string;
  runId: string;
  modelId: string;
  questionId: string;
  paperVersionId: string;
  sampleIndex: number;
  attemptsCount: number;
}

export interface AttemptRecord {
  requestHash: string;
  templateVersion: string;
  startedAt: Date;
  isSuccess: boolean;
  responseText?: string | null;
  reasoningText?: string | null;
  finishReason?: string | null;
  tokensIn?: number | null;
  tokensOut?: number | null;
  latencyMs?: number | null;
  httpStatus?: number | null;
  cost?: number | null;
  error?: string | null;
}

export interface Handoff {
  concurrency: number;
  instanceId: string;
  leaseSeconds: number;
}

const CLAIMED_COLUMNS = `w.id::text AS id, w.run_id AS "runId", w.model_id AS "modelId", w.question_id AS "questionId",
  q.paper_version_id AS "paperVersionId", w.sample_index AS "sampleIndex", w.attempts_count AS "attemptsCount"`;

/** The SQL behind the runner: claiming under leases, recording attempts, completing items. */
@Injectable()
export class WorkStore {
  constructor(private readonly db: DataSource) {}

  /** Models that have claimable work in a running run (pending, or in flight with a lapsed lease). */
  async modelsWithWork(): Promise<AiModelEntity[]> {
    const ids = await this.db.query(
      `SELECT DISTINCT w.model_id FROM work_items w JOIN runs r ON r.id = w.run_id
       WHERE r.status = 'running' AND (w.state = 'pending' OR (w.state = 'in_flight' AND w.lease_until < now()))`,
    );
    if (!ids.length) return [];
    return this.db.getRepository(AiModelEntity).findBy(ids.map((r: { model_id: string }) => ({ id: r.model_id })));
  }

  /**
   * Claims as many items as the model has free slots. The advisory lock makes "count in flight,
   * then claim" atomic across processes, so concurrency is never exceeded.
   */
  claim(model: AiModelEntity, instanceId: string, leaseSeconds: number): Promise<ClaimedItem[]> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('yj-model:' || $1))`, [model.id]);
      // TypeORM answers an UPDATE … RETURNING with [rows, rowCount].
      const [rows] = await m.query(
        `WITH busy AS (SELECT count(*)::int AS n FROM work_items WHERE model_id = $1 AND state = 'in_flight' AND lease_until >= now()),
         picked AS (
           SELECT w.id FROM work_items w JOIN runs r ON r.id = w.run_id
           WHERE w.model_id = $1 AND r.status = 'running' AND (w.state = 'pending' OR (w.state = 'in_flight' AND w.lease_until < now()))
           ORDER BY w.id LIMIT GREATEST(0, $2 - (SELECT n FROM busy)) FOR UPDATE OF w SKIP LOCKED)
         UPDATE work_items w SET state = 'in_flight', claimed_by = $3, lease_until = now() + make_interval(secs => $4), updated_at = now()
         FROM picked, questions q WHERE w.id = picked.id AND q.id = w.question_id
         RETURNING ${CLAIMED_COLUMNS}`,
        [model.id, model.concurrency, instanceId, leaseSeconds],
      );
      return rows as ClaimedItem[];
    });
  }

  async renewLeases(instanceId: string, leaseSeconds: number) {
    await this.db.query(
      `UPDATE work_items SET lease_until = now() + make_interval(secs => $2) WHERE claimed_by = $1 AND state = 'in_flight'`,
      [instanceId, leaseSeconds],
    );
  }

  async releaseAll(instanceId: string) {
    await this.db.query(
      `UPDATE work_items SET state = 'pending', claimed_by = NULL, lease_until = NULL WHERE claimed_by = $1 AND state = 'in_flight'`,
      [instanceId],
    );
  }

  async release(itemId: string) {
    await this.db.query(
      `UPDATE work_items SET state = 'pending', claimed_by = NULL, lease_until = NULL WHERE id = $1 AND state = 'in_flight'`,
      [itemId],
    );
  }

  /** A paused run puts the item back; a cancelled one cancels it. */
  async stopItem(itemId: string, runStatus: string) {
    const state = runStatus === 'paused' ? 'pending' : 'cancelled';
    await this.db.query(
      `UPDATE work_items SET state = $2, claimed_by = NULL, lease_until = NULL, updated_at = now() WHERE id = $1 AND state = 'in_flight'`,
      [itemId, state],
    );
  }

  async runStatus(runId: string): Promise<string> {
    const [row] = await queryPrepared<{ status: string }>(this.db, 'yj-run-status', `SELECT status FROM runs WHERE id = $1`, [runId]);
    return row?.status ?? 'cancelled';
  }

  /** Only successes are looked up: an error is never served as an answer. */
  async findSuccess(hash: string) {
    const [row] = await queryPrepared<{
      id: string;
      responseText: string | null;
      reasoningText: string | null;
      finishReason: string | null;
    }>(
      this.db,
      'yj-find-success',
      `SELECT id::text AS id, response_text AS "responseText", reasoning_text AS "reasoningText", finish_reason AS "finishReason"
       FROM attempts WHERE request_hash = $1 AND is_success`,
      [hash],
    );
    return row ?? null;
  }

  /**
   * Records one attempt and, when it succeeded, the answer and the item's completion, in a single
   * statement. A success also hands the request slot straight to the model's next item when
   * `handoff` is given: one item leaves the in-flight set as another enters it, so the count never
   * rises and no advisory lock is needed; the hot path of collection is one round trip per request.
   * The slot is kept only while the model is within its (possibly lowered) concurrency. Only pending
   * items are handed over (an index scan in id order); items with lapsed leases are left to claim().
   */
  async recordAttempt(item: ClaimedItem, attemptNumber: number, a: AttemptRecord, handoff?: Handoff): Promise<ClaimedItem | null> {
    const outcome = a.finishReason === 'content_filter' ? 'not_scored' : 'answered';
    const rows = await queryPrepared<ClaimedItem>(
      this.db,
      'yj-record-attempt',
      `WITH att AS (
         INSERT INTO attempts (work_item_id, request_hash, template_version, started_at, finished_at, response_text, reasoning_text, finish_reason,
                               tokens_in, tokens_out, latency_ms, cost, http_status, error, is_success)
         VALUES ($1, $2, $3, $4, now(), $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (request_hash) WHERE is_success DO UPDATE SET request_hash = EXCLUDED.request_hash
         RETURNING id),
       resp AS (
         INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, attempt_id, outcome, text, reasoning_text)
         SELECT $15, 'model', $16, $17, $18, att.id, $19, $5, $6 FROM att WHERE $14
         ON CONFLICT (run_id, model_id, question_id, sample_index) WHERE source_kind = 'model' DO NOTHING),
       done AS (
         UPDATE work_items SET attempts_count = $20, request_hash = $2, updated_at = now(),
                state = CASE WHEN $14 THEN 'answered' ELSE state END,
                claimed_by = CASE WHEN $14 THEN NULL ELSE claimed_by END,
                lease_until = CASE WHEN $14 THEN NULL ELSE lease_until END
         WHERE id = $1),
       picked AS (
         SELECT w.id FROM work_items w JOIN runs r ON r.id = w.run_id
         WHERE $14 AND $21::boolean AND w.model_id = $17 AND w.state = 'pending' AND r.status = 'running'
           AND (SELECT count(*) FROM work_items b WHERE b.model_id = $17 AND b.state = 'in_flight' AND b.lease_until >= now()) <= $22
         ORDER BY w.id LIMIT 1 FOR UPDATE OF w SKIP LOCKED)
       UPDATE work_items w SET state = 'in_flight', claimed_by = $23, lease_until = now() + make_interval(secs => $24), updated_at = now()
       FROM picked, questions q WHERE w.id = picked.id AND q.id = w.question_id
       RETURNING ${CLAIMED_COLUMNS}`,
      [
        item.id,
        a.requestHash,
        a.templateVersion,
        a.startedAt,
        a.responseText ?? null,
        a.reasoningText ?? null,
        a.finishReason ?? null,
        a.tokensIn ?? null,
        a.tokensOut ?? null,
        a.latencyMs ?? null,
        a.cost ?? null,
        a.httpStatus ?? null,
        a.error ?? null,
        a.isSuccess,
        item.questionId,
        item.runId,
        item.modelId,
        item.sampleIndex,
        outcome,
        attemptNumber,
        !!handoff,
        handoff?.concurrency ?? 0,
        handoff?.instanceId ?? null,
        handoff?.leaseSeconds ?? 0,
      ],
    );
    return rows[0] ?? null;
  }

  /** Closes an item from the cache: the answer of an earlier identical request, no request sent. */
  async completeFromCache(
    item: ClaimedItem,
    attemptId: string,
    text: string,
    reasoning: string | null,
    finishReason: string | null,
    hash: string,
  ) {
    const outcome = finishReason === 'content_filter' ? 'not_scored' : 'answered';
    await queryPrepared(
      this.db,
      'yj-complete-from-cache',
      `WITH resp AS (
         INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, attempt_id, outcome, text, reasoning_text)
         VALUES ($1, 'model', $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (run_id, model_id, question_id, sample_index) WHERE source_kind = 'model' DO NOTHING)
       UPDATE work_items SET state = 'answered', request_hash = $10, claimed_by = NULL, lease_until = NULL, updated_at = now() WHERE id = $9`,
      [item.questionId, item.runId, item.modelId, item.sampleIndex, attemptId, outcome, text, reasoning, item.id, hash],
    );
  }

  async fail(item: ClaimedItem, error: string) {
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, outcome)
         VALUES ($1, 'model', $2, $3, $4, 'not_scored')
         ON CONFLICT (run_id, model_id, question_id, sample_index) WHERE source_kind = 'model' DO NOTHING`,
        [item.questionId, item.runId, item.modelId, item.sampleIndex],
      );
      await m.query(
        `UPDATE work_items SET state = 'failed', last_error = $2, claimed_by = NULL, lease_until = NULL, updated_at = now() WHERE id = $1`,
        [item.id, error],
      );
    });
  }

  async finishCompletedRuns() {
    await this.db.query(
      `UPDATE runs r SET status = 'finished', finished_at = now()
       WHERE r.status = 'running' AND NOT EXISTS (SELECT 1 FROM work_items w WHERE w.run_id = r.id AND w.state IN ('pending', 'in_flight'))`,
    );
  }
}
