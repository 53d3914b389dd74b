import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ClaimedItem, KindAttempt } from '../collection/work-kinds';
import { pgArray } from '../common/pg-array';
import { RUBRIC_JSON } from '../marking/marking-sql';
import type { JudgeRubric } from './domain/judge-request';
import type { Verdict } from './domain/judge-verdict';

/** What a judge item reads, loaded for a batch of claimed items: question, rubric and answer text; no identity. */
export interface JudgeUnitRow {
  itemId: string;
  questionId: string;
  topQuestionId: string;
  isSubQuestion: boolean;
  number: string;
  maxPoints: number;
  paperVersionId: string;
  referenceAnswer: string | null;
  rubricId: string | null;
  rubric: JudgeRubric;
  answerText: string;
}

/** The context a judge item carries from preparing to storing (work-kinds.ts). */
export interface JudgeContext {
  templateVersion: string;
  rubricId: string | null;
  rubric: JudgeRubric;
  maxPoints: number;
}

export interface VerdictRow {
  item: ClaimedItem;
  attemptId: string | null;
  hash: string | null;
  context: JudgeContext;
  verdict: Verdict;
}

/** The SQL of judge work: the units a judge reads, and recording its attempts and reads. */
@Injectable()
export class JudgeWorkRepository {
  constructor(private readonly db: DataSource) {}

  /** Only the columns a marker sees: the SELECT names no model, run, student or response. */
  units(itemIds: string[]): Promise<JudgeUnitRow[]> {
    return this.db.query(
      `SELECT w.id::text AS "itemId", q.id AS "questionId", COALESCE(q.parent_id, q.id) AS "topQuestionId", q.parent_id IS NOT NULL AS "isSubQuestion",
              q.number, q.points::float AS "maxPoints", q.paper_version_id AS "paperVersionId",
              COALESCE(q.reference_answer, q.answer_key::text) AS "referenceAnswer", b.id AS "rubricId",
              (${RUBRIC_JSON})::jsonb || jsonb_build_object('samples', COALESCE(b.samples, '[]'::jsonb)) AS rubric,
              COALESCE(r.text, '') AS "answerText"
       FROM work_items w JOIN questions q ON q.id = w.question_id JOIN responses r ON r.id = w.target_response_id
       LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true
       WHERE w.id = ANY($1::bigint[])`,
      [pgArray(itemIds)],
    );
  }

  /**
   * One transaction per batch: the attempts (a success whose request is already stored keeps the
   * stored attempt, as for answers), one judge read per success whose item is still open (a
   * reclaimed item that two workers finished is read once), and the items' states.
   */
  async record(batch: KindAttempt[], verdicts: Map<KindAttempt, Verdict>): Promise<void> {
    await this.db.transaction(async (m) => {
      const att: { id: string; request_hash: string; is_success: boolean; k: number }[] =
        await m.query(
          `INSERT INTO attempts (work_item_id, request_hash, template_version, started_at, finished_at, response_text, reasoning_text, finish_reason,
                               tokens_in, tokens_out, latency_ms, cost, http_status, error, is_success)
         SELECT item_id, hash, template_version, started_at, now(), response_text, reasoning_text, finish_reason,
                tokens_in, tokens_out, latency_ms, cost, http_status, error, is_success
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[],
                     $10::int[], $11::numeric[], $12::int[], $13::text[], $14::boolean[])
           AS t(item_id, hash, template_version, started_at, response_text, reasoning_text, finish_reason, tokens_in, tokens_out,
                latency_ms, cost, http_status, error, is_success)
         ON CONFLICT (request_hash) WHERE is_success DO UPDATE SET request_hash = EXCLUDED.request_hash
         RETURNING id::text, request_hash, is_success`,
          [
            pgArray(batch.map((e) => e.item.id)),
            pgArray(batch.map((e) => e.a.requestHash)),
            pgArray(batch.map((e) => e.a.templateVersion)),
            pgArray(batch.map((e) => e.a.startedAt.toISOString())),
            pgArray(batch.map((e) => e.a.responseText ?? null)),
            pgArray(batch.map((e) => e.a.reasoningText ?? null)),
            pgArray(batch.map((e) => e.a.finishReason ?? null)),
            pgArray(batch.map((e) => e.a.tokensIn ?? null)),
            pgArray(batch.map((e) => e.a.tokensOut ?? null)),
            pgArray(batch.map((e) => e.a.latencyMs ?? null)),
            pgArray(batch.map((e) => e.a.cost ?? null)),
            pgArray(batch.map((e) => e.a.httpStatus ?? null)),
            pgArray(batch.map((e) => e.a.error ?? null)),
            pgArray(batch.map((e) => String(e.a.isSuccess))),
          ],
        );
      const successId = new Map(
        att.filter((a) => a.is_success).map((a) => [a.request_hash.trim(), a.id]),
      );
      const successes = batch.filter((e) => e.a.isSuccess);
      await this.insertReads(
        m,
        successes.map((e) => ({
          item: e.item,
          attemptId: successId.get(e.a.requestHash) ?? null,
          hash: e.a.requestHash,
          context: e.context as JudgeContext,
          verdict: verdicts.get(e)!,
        })),
      );
      const failures = batch.filter((e) => !e.a.isSuccess);
      if (failures.length)
        await m.query(
          `UPDATE work_items w SET attempts_count = t.n, request_hash = t.hash, updated_at = now()
           FROM unnest($1::bigint[], $2::int[], $3::text[]) AS t(id, n, hash) WHERE w.id = t.id`,
          [
            pgArray(failures.map((e) => e.item.id)),
            pgArray(failures.map((e) => e.attemptNumber)),
            pgArray(failures.map((e) => e.a.requestHash)),
          ],
        );
    });
  }

  /** The stored output of earlier identical requests (the cache), by attempt id. */
  async cachedOutputs(attemptIds: string[]): Promise<Map<string, string>> {
    const rows: { id: string; text: string }[] = await this.db.query(
      `SELECT id::text, COALESCE(response_text, '') AS text FROM attempts WHERE id = ANY($1::bigint[])`,
      [pgArray(attemptIds)],
    );
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  async completeFromCache(rows: VerdictRow[]) {
    await this.db.transaction((m) => this.insertReads(m, rows));
  }

  /** A judge call that failed for good is a failed judgement (judge.call_failed), so the researcher sees it. */
  async fail(row: VerdictRow, error: string) {
    await this.db.transaction(async (m) => {
      await this.insertReads(m, [row], 'failed');
      await m.query(`UPDATE work_items SET last_error = $2 WHERE id = $1`, [row.item.id, error]);
    });
  }

  /**
   * Appends the reads of items still open (rows locked, so a concurrent finisher of the same item
   * re-checks and skips it) and completes those items.
   */
  private async insertReads(
    m: EntityManager,
    rows: VerdictRow[],
    state: 'answered' | 'failed' = 'answered',
  ) {
    if (!rows.length) return;
    const v = (f: (r: VerdictRow) => string | number | null) => pgArray(rows.map(f));
    await m.query(
      `WITH input AS (
         SELECT * FROM unnest($1::bigint[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::bigint[], $8::text[], $9::text[],
                              $10::jsonb[], $11::uuid[], $12::jsonb[], $13::numeric[], $14::numeric[], $15::numeric[], $16::text[], $17::text[])
           AS t(item_id, response_id, question_id, model_id, template_version, run_id, attempt_id, status, failure_code,
                failure_params, rubric_id, applied_items, adjustment, points, max_points, rationale, hash)),
       open AS (SELECT w.id FROM work_items w JOIN input i ON i.item_id = w.id WHERE w.state = 'in_flight' FOR UPDATE OF w),
       rd AS (
         INSERT INTO judge_reads (response_id, question_id, judge_model_id, template_version, judge_run_id, attempt_id, status, failure_code,
                                  failure_params, rubric_id, applied_items, adjustment, points, max_points, rationale)
         SELECT response_id, question_id, model_id, template_version, run_id, attempt_id, status, failure_code,
                failure_params, rubric_id, applied_items, adjustment, points, max_points, rationale
         FROM input JOIN open ON open.id = input.item_id)
       UPDATE work_items w SET state = $18, request_hash = COALESCE(i.hash, w.request_hash), claimed_by = NULL, lease_until = NULL, updated_at = now()
       FROM input i JOIN open ON open.id = i.item_id WHERE w.id = i.item_id`,
      [
        v((r) => r.item.id),
        v((r) => r.item.targetResponseId),
        v((r) => r.item.questionId),
        v((r) => r.item.modelId),
        v((r) => r.context.templateVersion),
        v((r) => r.item.runId),
        v((r) => r.attemptId),
        v((r) => r.verdict.status),
        v((r) => (r.verdict.status === 'failed' ? r.verdict.code : null)),
        v((r) => (r.verdict.status === 'failed' ? JSON.stringify(r.verdict.params) : null)),
        v((r) => r.context.rubricId),
        v((r) => JSON.stringify(r.verdict.status === 'scored' ? r.verdict.appliedItems : [])),
        v((r) => (r.verdict.status === 'scored' ? r.verdict.adjustment : 0)),
        v((r) => (r.verdict.status === 'scored' ? r.verdict.points : null)),
        v((r) => r.context.maxPoints),
        v((r) => r.verdict.rationale || null),
        v((r) => r.hash),
        state,
      ],
    );
  }
}
