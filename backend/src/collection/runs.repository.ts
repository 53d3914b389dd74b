import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ModelProgress, RunSummary } from '@yuejuan/contracts';
import { RunEntity, RunStatus } from './collection.entities';

/** One model's figures in a run as the database counts them; the service adds the ETA and drops a partial cost. */
export interface ModelProgressRow extends Omit<ModelProgress, 'etaSeconds'> {
  /** Some success has no price: the sum in `cost` is partial. */
  hasUnknownCost: boolean;
}

export interface RunAnswersFilter {
  modelId: string | null;
  state: string | null;
  grade: 'unparsed' | 'changed' | null;
  limit: number;
  offset: number;
}

/** One answer behind a run, with its latest grade per graded part (`grades`, null before grading). */
export interface RunAnswerRow {
  workItemId: string;
  state: string;
  sampleIndex: number;
  attempts: number;
  lastError: string | null;
  model: string;
  modality: string;
  isImported: boolean;
  questionId: string;
  questionNumber: string;
  type: string;
  paperVersionId: string;
  paperTitle: string;
  outcome: string | null;
  text: string | null;
  reasoning: string | null;
  finishReason: string | null;
  latencyMs: number | null;
  tokensIn: number | null;
  tokensOut: number | null;
  templateVersion: string | null;
  grades: object[] | null;
}

/** The SQL of runs: creating one with its papers, models and work items, its status, progress and answers. */
@Injectable()
export class RunsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  find(id: string): Promise<RunEntity | null> {
    return this.db.getRepository(RunEntity).findOne({ where: { id } });
  }

  /** The paper versions among `ids` that exist. */
  paperVersions(ids: string[]): Promise<{ id: string; title: string }[]> {
    return this.db.query(`SELECT id, title FROM paper_versions WHERE id = ANY($1::uuid[])`, [ids]);
  }

  insertRun(m: EntityManager, run: Partial<RunEntity>): Promise<RunEntity> {
    return m.save(m.create(RunEntity, run));
  }

  async addPapers(m: EntityManager, runId: string, paperVersionIds: string[]) {
    await m.query(
      `INSERT INTO run_papers (run_id, paper_version_id) SELECT $1, unnest($2::uuid[])`,
      [runId, paperVersionIds],
    );
  }

  async addModel(m: EntityManager, runId: string, modelId: string, configSnapshot: object) {
    await m.query(
      `INSERT INTO run_models (run_id, model_id, config_snapshot) VALUES ($1, $2, $3)`,
      [runId, modelId, JSON.stringify(configSnapshot)],
    );
  }

  /**
   * One work item per (top-level question, sample) of the papers for the model. Image questions
   * cannot be put to a text-only model: they are "not applicable" at once, with a response saying
   * so, reported apart and never scored as wrong. Raw SQL: a set-based insert over generate_series.
   */
  async expandItems(
    m: EntityManager,
    runId: string,
    model: { id: string; modality: string; samplesPerQuestion: number },
    paperVersionIds: string[],
  ) {
    await m.query(
      `INSERT INTO work_items (run_id, model_id, question_id, sample_index, state)
       SELECT $1, $2, q.id, s, CASE WHEN $3 = 'text' AND (q.has_images OR EXISTS (SELECT 1 FROM questions c WHERE c.parent_id = q.id AND c.has_images)) THEN 'not_applicable' ELSE 'pending' END
       FROM questions q CROSS JOIN generate_series(0, $4 - 1) s
       WHERE q.paper_version_id = ANY($5::uuid[]) AND q.parent_id IS NULL
       ORDER BY q.paper_version_id, q.ordinal, s`,
      [runId, model.id, model.modality, model.samplesPerQuestion, paperVersionIds],
    );
    await m.query(
      `INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, outcome)
       SELECT question_id, 'model', run_id, model_id, sample_index, 'not_applicable' FROM work_items
       WHERE run_id = $1 AND model_id = $2 AND state = 'not_applicable'`,
      [runId, model.id],
    );
  }

  /** Answer runs, newest first, with their item counts (an aggregate over a left join). */
  list(): Promise<RunSummary<Date>[]> {
    return this.db.query(
      `SELECT r.id, r.name, r.status, r.created_at AS "createdAt", r.finished_at AS "finishedAt",
              count(w.id)::int AS total, count(w.id) FILTER (WHERE w.state IN ('answered', 'failed', 'not_applicable', 'cancelled'))::int AS done
       FROM runs r LEFT JOIN work_items w ON w.run_id = r.id WHERE r.kind = 'answer' GROUP BY r.id ORDER BY r.created_at DESC`,
    );
  }

  async setStatus(m: EntityManager, id: string, status: RunStatus, finishedAt?: Date) {
    await m.update(RunEntity, id, { status, ...(finishedAt ? { finishedAt } : {}) });
  }

  async cancelPendingItems(m: EntityManager, runId: string) {
    await m.query(
      `UPDATE work_items SET state = 'cancelled', updated_at = now() WHERE run_id = $1 AND state = 'pending'`,
      [runId],
    );
  }

  /**
   * Per model of the run: items by state, tokens and cost of its attempts, requests per second
   * over the last minute. Raw SQL: two filtered aggregates joined per model. Items and attempts
   * are aggregated apart: joining them first would count an item once per attempt.
   */
  progress(runId: string): Promise<ModelProgressRow[]> {
    return this.db.query(
      `WITH items AS (
         SELECT model_id, count(*)::int AS total,
                count(*) FILTER (WHERE state = 'pending')::int AS pending,
                count(*) FILTER (WHERE state = 'in_flight')::int AS in_flight,
                count(*) FILTER (WHERE state = 'answered')::int AS answered,
                count(*) FILTER (WHERE state = 'failed')::int AS failed,
                count(*) FILTER (WHERE state = 'not_applicable')::int AS not_applicable,
                count(*) FILTER (WHERE state = 'cancelled')::int AS cancelled
         FROM work_items WHERE run_id = $1 GROUP BY model_id),
       att AS (
         SELECT w.model_id, COALESCE(sum(a.tokens_in), 0)::int AS tokens_in, COALESCE(sum(a.tokens_out), 0)::int AS tokens_out,
                sum(a.cost)::float AS cost, bool_or(a.is_success AND a.cost IS NULL) AS has_unknown_cost,
                -- over the last minute, or since the model's first request if that is more recent (a new run is not slow)
                count(*) FILTER (WHERE a.finished_at > now() - interval '60 seconds')::float
                  / greatest(1, least(60, extract(epoch FROM now() - min(a.started_at)))) AS rps
         FROM attempts a JOIN work_items w ON w.id = a.work_item_id WHERE w.run_id = $1 GROUP BY w.model_id)
       SELECT m.id AS "modelId", m.name, COALESCE(i.total, 0) AS total, COALESCE(i.pending, 0) AS pending, COALESCE(i.in_flight, 0) AS "inFlight",
              COALESCE(i.answered, 0) AS answered, COALESCE(i.failed, 0) AS failed, COALESCE(i.not_applicable, 0) AS "notApplicable",
              COALESCE(i.cancelled, 0) AS cancelled, COALESCE(a.tokens_in, 0) AS "tokensIn", COALESCE(a.tokens_out, 0) AS "tokensOut",
              a.cost, COALESCE(a.has_unknown_cost, false) AS "hasUnknownCost", COALESCE(a.rps, 0) AS "requestsPerSecond"
       FROM run_models rm JOIN ai_models m ON m.id = rm.model_id
       LEFT JOIN items i ON i.model_id = rm.model_id LEFT JOIN att a ON a.model_id = rm.model_id
       WHERE rm.run_id = $1 ORDER BY m.name`,
      [runId],
    );
  }

  /**
   * The answers behind a run, each with its latest grade per graded part, the key in force
   * (corrections applied) and whether a re-grade changed it (more than one grade row: rows are
   * only appended on change). Raw SQL: a lateral join aggregating each answer's grades to JSON.
   */
  answers(runId: string, f: RunAnswersFilter): Promise<RunAnswerRow[]> {
    return this.db.query(
      `SELECT w.id::text AS "workItemId", w.state, w.sample_index AS "sampleIndex", w.attempts_count AS attempts, w.last_error AS "lastError",
              m.name AS model, m.modality, m.is_imported AS "isImported", q.id AS "questionId", q.number AS "questionNumber", q.type, v.id AS "paperVersionId", v.title AS "paperTitle",
              r.outcome, r.text, r.reasoning_text AS "reasoning", a.finish_reason AS "finishReason", a.latency_ms AS "latencyMs",
              a.tokens_in AS "tokensIn", a.tokens_out AS "tokensOut", a.template_version AS "templateVersion", gr.grades
       FROM work_items w JOIN ai_models m ON m.id = w.model_id JOIN questions q ON q.id = w.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       LEFT JOIN responses r ON r.run_id = w.run_id AND r.model_id = w.model_id AND r.question_id = w.question_id AND r.sample_index = w.sample_index AND r.source_kind = 'model'
       LEFT JOIN attempts a ON a.id = r.attempt_id
       LEFT JOIN LATERAL (
         SELECT json_agg(json_build_object('questionId', x.question_id, 'number', x.number, 'score', x.score::float, 'maxScore', x.max_score::float,
                  'status', x.status, 'method', x.method, 'region', x.region, 'extracted', x.extracted, 'explanation', x.explanation, 'reason', x.reason,
                  'graderVersion', x.grader_version, 'key', x.key, 'isChanged', x.n > 1) ORDER BY x.ordinal) AS grades,
                bool_or(x.status = 'unparsed') AS "isUnparsed", bool_or(x.n > 1) AS "isChanged"
         FROM (SELECT DISTINCT ON (g.question_id) g.*, gq.number, gq.ordinal,
                      COALESCE((SELECT c.answer_key FROM answer_key_corrections c WHERE c.question_id = g.question_id AND c.answer_key IS NOT NULL ORDER BY c.id DESC LIMIT 1), gq.answer_key) AS key,
                      count(*) OVER (PARTITION BY g.question_id) AS n
               FROM auto_grades g JOIN questions gq ON gq.id = g.question_id WHERE g.response_id = r.id ORDER BY g.question_id, g.id DESC) x
       ) gr ON true
       WHERE w.run_id = $1 AND ($2::uuid IS NULL OR w.model_id = $2) AND ($3::text IS NULL OR w.state = $3)
         AND ($6::text IS NULL OR ($6 = 'unparsed' AND gr."isUnparsed") OR ($6 = 'changed' AND gr."isChanged"))
       ORDER BY v.title, q.ordinal, m.name, w.sample_index LIMIT $4 OFFSET $5`,
      [runId, f.modelId, f.state, f.limit, f.offset, f.grade],
    );
  }
}
