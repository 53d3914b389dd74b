import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RunEntity } from '../collection/collection.entities';

export interface JudgeScope {
  sourceRunId?: string;
  questionId?: string;
}

/** The SQL of judge runs: expanding one into work items, and its progress, failures and reads. */
@Injectable()
export class JudgeRunsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** The kind of a run ('answer', 'judge'), or null when there is no such run. */
  async runKind(runId: string): Promise<string | null> {
    const run = await this.db
      .getRepository(RunEntity)
      .findOne({ where: { id: runId }, select: { id: true, kind: true } });
    return run?.kind ?? null;
  }

  /** Whether the question exists. Raw SQL: the papers module's entity is not judging's to register. */
  async questionExists(questionId: string): Promise<boolean> {
    const [q] = await this.db.query(`SELECT 1 FROM questions WHERE id = $1`, [questionId]);
    return Boolean(q);
  }

  /** The judge run's runs row and its judge_runs row (judge, template, the judge's config then, the scope). */
  async insertRun(
    m: EntityManager,
    run: { name: string; templateVersion: string; createdBy: string | null },
    judge: { judgeModelId: string; configSnapshot: object; scope: JudgeScope },
  ): Promise<string> {
    const saved = await m.save(
      m.create(RunEntity, { ...run, status: 'running', kind: 'judge', startedAt: new Date() }),
    );
    // Raw SQL: judge_runs has no entity (one insert, read back only through the joins below).
    await m.query(
      `INSERT INTO judge_runs (run_id, judge_model_id, template_version, config_snapshot, scope) VALUES ($1, $2, $3, $4, $5)`,
      [
        saved.id,
        judge.judgeModelId,
        run.templateVersion,
        JSON.stringify(judge.configSnapshot),
        JSON.stringify(judge.scope),
      ],
    );
    return saved.id;
  }

  /**
   * One work item per answer teachers mark (a marking task: answer × scored question) in the
   * scope. A text-only judge cannot see a figure a marker sees: such answers are "not applicable"
   * to it, reported apart, never judged blind to the figure.
   */
  async insertItems(
    m: EntityManager,
    runId: string,
    judge: { id: string; modality: string },
    scope: JudgeScope,
  ): Promise<number> {
    const [{ n }] = await m.query(
      `WITH ins AS (
       INSERT INTO work_items (run_id, model_id, question_id, sample_index, target_response_id, state)
       SELECT $1, $2, t.question_id, 0, t.response_id,
              CASE WHEN $3 = 'text' AND EXISTS (SELECT 1 FROM questions x WHERE (x.id = COALESCE(q.parent_id, q.id) OR x.parent_id = COALESCE(q.parent_id, q.id)) AND x.has_images)
                   THEN 'not_applicable' ELSE 'pending' END
       FROM marking_tasks t JOIN responses r ON r.id = t.response_id JOIN questions q ON q.id = t.question_id
       WHERE r.outcome = 'answered' AND ($4::uuid IS NULL OR r.run_id = $4) AND ($5::uuid IS NULL OR t.question_id = $5)
       ORDER BY q.paper_version_id, q.ordinal, t.id
       RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [runId, judge.id, judge.modality, scope.sourceRunId ?? null, scope.questionId ?? null],
    );
    return n;
  }

  list() {
    return this.db.query(
      `SELECT r.id, r.name, r.status, r.template_version AS "templateVersion", r.created_at AS "createdAt", r.finished_at AS "finishedAt",
              j.judge_model_id AS "judgeModelId", m.name AS "judgeName", j.scope,
              (SELECT count(*)::int FROM work_items w WHERE w.run_id = r.id) AS total,
              (SELECT count(*)::int FROM work_items w WHERE w.run_id = r.id AND w.state IN ('answered','failed','not_applicable','cancelled')) AS done
       FROM runs r JOIN judge_runs j ON j.run_id = r.id JOIN ai_models m ON m.id = j.judge_model_id
       WHERE r.kind = 'judge' ORDER BY r.created_at DESC`,
    );
  }

  async head(runId: string) {
    const [row] = await this.db.query(
      `SELECT r.id, r.name, r.status, r.kind, r.template_version AS "templateVersion", r.created_at AS "createdAt", r.finished_at AS "finishedAt",
              j.scope, json_build_object('id', m.id, 'name', m.name, 'modality', m.modality, 'judgeOutput', m.judge_output) AS judge,
              sr.name AS "sourceRunName", sq.number AS "questionNumber"
       FROM runs r JOIN judge_runs j ON j.run_id = r.id JOIN ai_models m ON m.id = j.judge_model_id
       LEFT JOIN runs sr ON sr.id = (j.scope->>'sourceRunId')::uuid LEFT JOIN questions sq ON sq.id = (j.scope->>'questionId')::uuid
       WHERE r.id = $1`,
      [runId],
    );
    return row ?? null;
  }

  /** Items by state, attempts' tokens and cost, throughput over the last minute, and the judgements by outcome and failure code. */
  async progress(runId: string) {
    const [items] = await this.db.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'pending')::int AS pending,
              count(*) FILTER (WHERE state = 'in_flight')::int AS "inFlight", count(*) FILTER (WHERE state = 'answered')::int AS judged,
              count(*) FILTER (WHERE state = 'failed')::int AS "callsFailed", count(*) FILTER (WHERE state = 'not_applicable')::int AS "notApplicable",
              count(*) FILTER (WHERE state = 'cancelled')::int AS cancelled
       FROM work_items WHERE run_id = $1`,
      [runId],
    );
    const [att] = await this.db.query(
      `SELECT count(*)::int AS requests, COALESCE(sum(a.tokens_in), 0)::int AS "tokensIn", COALESCE(sum(a.tokens_out), 0)::int AS "tokensOut",
              sum(a.cost)::float AS cost, COALESCE(bool_or(a.is_success AND a.cost IS NULL), false) AS "hasUnknownCost",
              count(*) FILTER (WHERE a.finished_at > now() - interval '60 seconds')::float
                / greatest(1, least(60, extract(epoch FROM now() - min(a.started_at)))) AS "requestsPerSecond"
       FROM attempts a JOIN work_items w ON w.id = a.work_item_id WHERE w.run_id = $1`,
      [runId],
    );
    const outcomes: { status: string; code: string | null; n: number }[] = await this.db.query(
      `SELECT status, failure_code AS code, count(*)::int AS n FROM judge_reads WHERE judge_run_id = $1 GROUP BY 1, 2 ORDER BY 1, 3 DESC`,
      [runId],
    );
    return { items, att, outcomes };
  }

  /** The run's judgements (latest per unit), failed ones with their code; researchers see which answer each is. */
  judgements(runId: string, status: 'scored' | 'failed' | null, limit: number, offset: number) {
    return this.db.query(
      `SELECT j.id::text, j.status, j.failure_code AS "failureCode", j.failure_params AS "failureParams", j.points::float, j.max_points::float AS "maxPoints",
              j.applied_items AS "appliedItems", j.adjustment::float, j.rationale, j.created_at AS "createdAt",
              q.id AS "questionId", q.number AS "questionNumber", v.title AS "paperTitle", j.response_id AS "responseId",
              left(a.response_text, 2000) AS "rawOutput", t.final_score::float AS "humanFinal"
       FROM judge_reads j JOIN questions q ON q.id = j.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       LEFT JOIN attempts a ON a.id = j.attempt_id
       LEFT JOIN marking_tasks t ON t.response_id = j.response_id AND t.question_id = j.question_id AND t.state = 'done'
       WHERE j.judge_run_id = $1 AND ($2::text IS NULL OR j.status = $2)
       ORDER BY v.title, q.ordinal, j.id LIMIT $3 OFFSET $4`,
      [runId, status, limit, offset],
    );
  }

  /** Per question the run read: its judgements by outcome and who may see them on the marking side. */
  questions(runId: string) {
    return this.db.query(
      `SELECT q.id AS "questionId", q.number AS "questionNumber", v.title AS "paperTitle", COALESCE(s.visibility, 'hidden') AS visibility,
              count(*) FILTER (WHERE j.status = 'scored')::int AS scored, count(*) FILTER (WHERE j.status = 'failed')::int AS failed
       FROM judge_reads j JOIN questions q ON q.id = j.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       LEFT JOIN question_judge_settings s ON s.question_id = q.id
       WHERE j.judge_run_id = $1 GROUP BY q.id, v.title, s.visibility ORDER BY v.title, q.ordinal`,
      [runId],
    );
  }
}
