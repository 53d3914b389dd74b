import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pgArray } from '../common/pg-array';
import { queryPrepared } from '../database/prepared';
import { AiModelEntity } from '../models/model.entity';
import { isHolderGone } from './slot-leases.repository';

export interface ClaimedItem {
  id: string;
  runId: string;
  modelId: string;
  questionId: string;
  paperVersionId: string;
  sampleIndex: number;
  attemptsCount: number;
  /** The answer a reader item (a judgement) reads; null for an answer item. */
  targetResponseId: string | null;
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

const CLAIMED_COLUMNS = `w.id::text AS id, w.run_id AS "runId", w.model_id AS "modelId", w.question_id AS "questionId",
  q.paper_version_id AS "paperVersionId", w.sample_index AS "sampleIndex", w.attempts_count AS "attemptsCount",
  w.target_response_id AS "targetResponseId"`;

/**
 * The SQL behind the runner: claiming work items under leases, recording attempts (with their
 * answers), completing items from the attempt cache, finishing runs. Raw SQL throughout: claims
 * need `FOR UPDATE SKIP LOCKED`, a batch of attempts is one CTE statement (one commit for many
 * answers), and the hot statements are prepared once per connection (database/prepared.ts).
 */
@Injectable()
export class WorkItemsRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Models that have claimable work in a running run (pending, or in flight with a lapsed lease),
   * first, then the models in `alsoIds` (those this process is sending for, re-read so that a
   * changed concurrency takes effect).
   */
  async modelsWithWork(
    alsoIds: string[] = [],
  ): Promise<{ withWork: AiModelEntity[]; also: AiModelEntity[] }> {
    const rows: { model_id: string }[] = await this.db.query(
      `SELECT DISTINCT w.model_id FROM work_items w JOIN runs r ON r.id = w.run_id
       WHERE r.status = 'running' AND (w.state = 'pending' OR (w.state = 'in_flight' AND w.lease_until < now()))`,
    );
    const ids = new Set([...rows.map((r) => r.model_id), ...alsoIds]);
    if (!ids.size) return { withWork: [], also: [] };
    const models = await this.db
      .getRepository(AiModelEntity)
      .findBy([...ids].map((id) => ({ id })));
    const hasWork = new Set(rows.map((r) => r.model_id));
    return {
      withWork: models.filter((m) => hasWork.has(m.id)),
      also: models.filter((m) => !hasWork.has(m.id)),
    };
  }

  /**
   * Claims up to `limit` of the model's items for this process, under a lease. No lock or count is
   * needed: claiming is not sending. The model's concurrency is enforced by its request slots
   * (slot-leases.ts), which is what lets a process claim ahead of its slots.
   */
  claim(
    modelId: string,
    instanceId: string,
    leaseSeconds: number,
    limit: number,
  ): Promise<ClaimedItem[]> {
    return queryPrepared<ClaimedItem>(
      this.db,
      'yj-claim',
      `WITH picked AS (
         SELECT w.id FROM work_items w JOIN runs r ON r.id = w.run_id
         WHERE w.model_id = $1 AND r.status = 'running' AND (w.state = 'pending' OR (w.state = 'in_flight' AND w.lease_until < now()))
         ORDER BY w.id LIMIT $2 FOR UPDATE OF w SKIP LOCKED)
       UPDATE work_items w SET state = 'in_flight', claimed_by = $3, lease_until = now() + make_interval(secs => $4), updated_at = now()
       FROM picked, questions q WHERE w.id = picked.id AND q.id = w.question_id
       RETURNING ${CLAIMED_COLUMNS}`,
      [modelId, limit, instanceId, leaseSeconds],
    );
  }

  /**
   * Renews the leases of this process's items. Rows being written meanwhile are skipped (their
   * lease holds for three renewals), so this multi-row update never waits on, or deadlocks with,
   * the attempt writer.
   */
  async renewLeases(instanceId: string, leaseSeconds: number) {
    await this.db.query(
      `UPDATE work_items SET lease_until = now() + make_interval(secs => $2)
       WHERE id IN (SELECT id FROM work_items WHERE claimed_by = $1 AND state = 'in_flight' FOR UPDATE SKIP LOCKED)`,
      [instanceId, leaseSeconds],
    );
  }

  /** Puts this process's items back at shutdown (rows locked in id order); if that fails, their leases lapse instead. */
  async releaseAll(instanceId: string) {
    await this.db.query(
      `UPDATE work_items SET state = 'pending', claimed_by = NULL, lease_until = NULL
       WHERE id IN (SELECT id FROM work_items WHERE claimed_by = $1 AND state = 'in_flight' ORDER BY id FOR UPDATE) AND state = 'in_flight'`,
      [instanceId],
    );
  }

  /**
   * Takes back at once the items held by processes that are gone (their holder lock on the slot
   * connection is free), instead of waiting out their lease. The holders are tried one by one,
   * and only the in-flight items (a partial index) are read. Returns how many items were freed.
   */
  async reclaimOrphaned(instanceId: string): Promise<number> {
    const [, freed]: [unknown[], number] = await this.db.query(
      `WITH holders AS (SELECT DISTINCT claimed_by FROM work_items WHERE state = 'in_flight' AND claimed_by IS NOT NULL AND claimed_by <> $1),
       gone AS (SELECT claimed_by FROM holders WHERE ${isHolderGone('holders.claimed_by')})
       UPDATE work_items w SET state = 'pending', claimed_by = NULL, lease_until = NULL, updated_at = now()
       FROM gone WHERE w.claimed_by = gone.claimed_by AND w.state = 'in_flight'`,
      [instanceId],
    );
    return freed;
  }

  /** Still this process's claim (not taken back while its slot connection was down)? Waits for a reclaim in progress. */
  async isClaimedBy(itemId: string, instanceId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM work_items WHERE id = $1 AND claimed_by = $2 AND state = 'in_flight' FOR UPDATE`,
      [itemId, instanceId],
    );
    return rows.length > 0;
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
    const [row] = await queryPrepared<{ status: string }>(
      this.db,
      'yj-run-status',
      `SELECT status FROM runs WHERE id = $1`,
      [runId],
    );
    return row?.status ?? 'cancelled';
  }

  /** The stored successes among these request hashes (hash → attempt id). Only successes: an error is never served as an answer. */
  cachedSuccesses(hashes: string[]) {
    return queryPrepared<{ hash: string; id: string }>(
      this.db,
      'yj-cached-successes',
      `SELECT request_hash AS hash, id::text AS id FROM attempts WHERE request_hash = ANY($1::bpchar[]) AND is_success`,
      [pgArray(hashes)],
    );
  }

  /**
   * Appends a batch of attempts in one statement (one commit): each success also stores its answer
   * and completes its item; each failure counts the attempt. Successes in a batch must have
   * distinct request hashes (AttemptWriter sees to it): a success whose hash is already stored (a
   * concurrent run asked the same) keeps the stored attempt, and its answer points there.
   */
  async recordAttempts(
    batch: { item: ClaimedItem; attemptNumber: number; a: AttemptRecord }[],
  ): Promise<void> {
    const col = <T>(f: (e: (typeof batch)[number]) => T) =>
      pgArray(batch.map(f) as (string | number | null)[]);
    await queryPrepared(
      this.db,
      'yj-record-attempts',
      `WITH input AS (
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[],
                              $10::int[], $11::numeric[], $12::int[], $13::text[], $14::boolean[], $15::uuid[], $16::uuid[], $17::uuid[], $18::int[], $19::int[])
           AS t(item_id, hash, template_version, started_at, response_text, reasoning_text, finish_reason, tokens_in, tokens_out,
                latency_ms, cost, http_status, error, is_success, question_id, run_id, model_id, sample_index, attempt_number)),
       att AS (
         INSERT INTO attempts (work_item_id, request_hash, template_version, started_at, finished_at, response_text, reasoning_text, finish_reason,
                               tokens_in, tokens_out, latency_ms, cost, http_status, error, is_success)
         SELECT item_id, hash, template_version, started_at, now(), response_text, reasoning_text, finish_reason,
                tokens_in, tokens_out, latency_ms, cost, http_status, error, is_success FROM input
         ON CONFLICT (request_hash) WHERE is_success DO UPDATE SET request_hash = EXCLUDED.request_hash
         RETURNING id, request_hash, is_success),
       resp AS (
         INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, attempt_id, outcome, text, reasoning_text)
         SELECT i.question_id, 'model', i.run_id, i.model_id, i.sample_index, att.id,
                CASE WHEN i.finish_reason = 'content_filter' THEN 'not_scored' ELSE 'answered' END, i.response_text, i.reasoning_text
         FROM input i JOIN att ON att.request_hash = i.hash AND att.is_success WHERE i.is_success
         ON CONFLICT (run_id, model_id, question_id, sample_index) WHERE source_kind = 'model' DO NOTHING)
       UPDATE work_items w SET attempts_count = i.attempt_number, request_hash = i.hash, updated_at = now(),
              state = CASE WHEN i.is_success THEN 'answered' ELSE w.state END,
              claimed_by = CASE WHEN i.is_success THEN NULL ELSE w.claimed_by END,
              lease_until = CASE WHEN i.is_success THEN NULL ELSE w.lease_until END
       FROM input i WHERE w.id = i.item_id`,
      [
        col((e) => e.item.id),
        col((e) => e.a.requestHash),
        col((e) => e.a.templateVersion),
        col((e) => e.a.startedAt.toISOString()),
        col((e) => e.a.responseText ?? null),
        col((e) => e.a.reasoningText ?? null),
        col((e) => e.a.finishReason ?? null),
        col((e) => e.a.tokensIn ?? null),
        col((e) => e.a.tokensOut ?? null),
        col((e) => e.a.latencyMs ?? null),
        col((e) => e.a.cost ?? null),
        col((e) => e.a.httpStatus ?? null),
        col((e) => e.a.error ?? null),
        col((e) => String(e.a.isSuccess)),
        col((e) => e.item.questionId),
        col((e) => e.item.runId),
        col((e) => e.item.modelId),
        col((e) => e.item.sampleIndex),
        col((e) => e.attemptNumber),
      ],
    );
  }

  /**
   * Closes items from the cache in one statement: each gets the answer of the earlier identical
   * request (`attemptId`), read from the attempt table, and no request is sent.
   */
  async completeFromCache(hits: { itemId: string; attemptId: string }[]) {
    await queryPrepared(
      this.db,
      'yj-complete-from-cache',
      `WITH hit AS (
         SELECT t.item_id, a.id AS attempt_id, a.request_hash, a.response_text, a.reasoning_text, a.finish_reason,
                w.question_id, w.run_id, w.model_id, w.sample_index
         FROM unnest($1::bigint[], $2::bigint[]) AS t(item_id, attempt_id)
         JOIN attempts a ON a.id = t.attempt_id JOIN work_items w ON w.id = t.item_id),
       resp AS (
         INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, attempt_id, outcome, text, reasoning_text)
         SELECT question_id, 'model', run_id, model_id, sample_index, attempt_id,
                CASE WHEN finish_reason = 'content_filter' THEN 'not_scored' ELSE 'answered' END, COALESCE(response_text, ''), reasoning_text
         FROM hit
         ON CONFLICT (run_id, model_id, question_id, sample_index) WHERE source_kind = 'model' DO NOTHING)
       UPDATE work_items w SET state = 'answered', request_hash = hit.request_hash, claimed_by = NULL, lease_until = NULL, updated_at = now()
       FROM hit WHERE w.id = hit.item_id`,
      [pgArray(hits.map((h) => h.itemId)), pgArray(hits.map((h) => h.attemptId))],
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
