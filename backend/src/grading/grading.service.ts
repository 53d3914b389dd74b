import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { pgArray } from '../common/pg-array';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NOTABLE_STEPS } from './domain/explain';
import { gradeResponse, isExtractable } from './domain/grade';
import { GRADER_VERSION, GradeResult } from './domain/types';
import { buildItems, gradedUnits, QuestionRow, StoredItem } from './grading-items';
import { LlmExtractor } from './llm-extractor';
import { MarkingService } from '../marking/marking.service';

interface AnswerRow {
  id: string;
  questionId: string;
  outcome: string;
  text: string | null;
  /** The provider's finish reason (`length`: cut off), from the attempt that gave the answer. */
  finishReason: string | null;
}

interface ResponseRow extends AnswerRow {
  paperVersionId: string;
}

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
  reason: { code: string; params?: object; trace: { code: string; params?: object; notable?: true }[] };
}

export interface RegradeChange {
  responseId: string;
  questionId: string;
  questionNumber: string;
  model: string | null;
  old: { score: number | null; status: string; extracted: unknown };
  new: { score: number | null; status: string; extracted: unknown };
}

const BATCH = 5000;
// Two inserts at once keep both cores busy: one PostgreSQL backend per insert, Node grading meanwhile.
const INSERTS_IN_FLIGHT = 2;

/**
 * Auto-grading of stored responses: every objective answer (and every objective part of a
 * composite one) gets an appended grade row. Re-grading reads the stored answers again, with
 * the current keys, corrections and grader, and appends a row only where something changed.
 */
@Injectable()
export class GradingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GradingService.name);
  private timer: NodeJS.Timeout | null = null;
  private isSweeping = false;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly extractor: LlmExtractor,
    private readonly marking: MarkingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    // Collection workers also grade what arrives; an API-only process leaves it to them.
    if (!this.config.collection.isWorker) return;
    this.timer = setInterval(() => void this.sweep(), 1000);
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  private async sweep() {
    if (this.isSweeping) return;
    this.isSweeping = true;
    try {
      await this.catchUp();
    } catch (e) {
      this.logger.error(`grading sweep failed: ${(e as Error).message}`);
    } finally {
      this.isSweeping = false;
    }
  }

  /**
   * Grades everything not graded yet, re-grades what an older grader version graded, and queues
   * for teachers the subjective answers and what the grader could not read.
   */
  async catchUp(): Promise<{ graded: number; changed: number }> {
    const started = Date.now();
    const graded = await this.gradeAllUngraded();
    const changed = await this.regradeOlderVersions();
    await this.marking.syncTasks();
    const ms = Date.now() - started;
    if (graded) this.logger.log(`graded ${graded} answers in ${ms} ms (${Math.round((graded * 1000) / Math.max(ms, 1))}/s)`);
    return { graded, changed };
  }

  /** Once per grader version: re-grade what older versions graded (if any), then remember it is done. */
  private async regradeOlderVersions(): Promise<number> {
    const [done] = await this.db.query(`SELECT 1 FROM grader_versions WHERE version = $1`, [GRADER_VERSION]);
    if (done) return 0;
    // Asked only once per version: it scans the grades when none is older.
    const [{ isAnyOlder }] = await this.db.query(`SELECT EXISTS (SELECT 1 FROM auto_grades WHERE grader_version <> $1) AS "isAnyOlder"`, [
      GRADER_VERSION,
    ]);
    const { changes } = isAnyOlder ? await this.regrade({ isOutdatedOnly: true }, null) : { changes: [] };
    await this.db.query(`INSERT INTO grader_versions (version) VALUES ($1) ON CONFLICT DO NOTHING`, [GRADER_VERSION]);
    return changes.length;
  }

  /** Loads gradable items for paper versions, with the latest answer-key corrections applied. */
  async itemsFor(paperVersionIds: string[], m: EntityManager = this.db.manager): Promise<Map<string, StoredItem>> {
    if (!paperVersionIds.length) return new Map();
    const rows: QuestionRow[] = await m.query(
      `SELECT q.id, q.parent_id AS "parentId", q.number, q.type, q.points, q.options, q.blanks, q.answer_key AS "answerKey",
              q.scoring_policy AS "scoringPolicy", v.scoring_policy AS "paperPolicy", v.subject,
              (SELECT c.answer_key FROM answer_key_corrections c WHERE c.question_id = q.id AND c.answer_key IS NOT NULL ORDER BY c.id DESC LIMIT 1) AS "correctedKey",
              (SELECT c.scoring_policy FROM answer_key_corrections c WHERE c.question_id = q.id AND c.scoring_policy IS NOT NULL ORDER BY c.id DESC LIMIT 1) AS "correctedPolicy"
       FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE q.paper_version_id = ANY($1) ORDER BY q.ordinal`,
      [paperVersionIds],
    );
    return buildItems(rows);
  }

  /** The gradable items of the papers these questions belong to (whole papers: one query each time a new paper appears). */
  private async itemsForQuestions(questionIds: string[]): Promise<Map<string, StoredItem>> {
    const versions: { id: string }[] = await this.db.query(`SELECT DISTINCT paper_version_id AS id FROM questions WHERE id = ANY($1)`, [
      questionIds,
    ]);
    return this.itemsFor(versions.map((v) => v.id));
  }

  /** Grade rows for one response by the rules, then the LLM extractor (if configured) for what they leave unparsed. */
  private async rowsFor(r: AnswerRow, item: StoredItem): Promise<GradeRow[]> {
    if (!this.extractor.isEnabled || r.outcome !== 'answered') return this.rowsByRules(r, item);
    const result = gradeResponse(item, r.text, { finishReason: r.finishReason });
    return this.rowsOf(r, item, isExtractable(result) ? await this.extractor.retry(item, r.text ?? '', result) : result);
  }

  /** The grade rows the rules alone give (no model call): synchronous, the hot path. */
  private rowsByRules(r: AnswerRow, item: StoredItem): GradeRow[] {
    return r.outcome === 'answered'
      ? this.rowsOf(r, item, gradeResponse(item, r.text, { finishReason: r.finishReason }))
      : this.notScoredRows(r, item);
  }

  /** The model gave no usable answer: every graded part is not scored, never wrong. */
  private notScoredRows(r: AnswerRow, item: StoredItem): GradeRow[] {
    return gradedUnits(item).map((u) => ({
      responseId: r.id,
      questionId: u.id,
      score: null,
      maxScore: u.points,
      status: 'not_scored',
      method: `outcome:${r.outcome}`,
      region: null,
      extracted: null,
      explanation: r.outcome === 'not_applicable' ? 'image question put to a text-only model' : 'no answer: error or refusal',
      reason: { code: r.outcome === 'not_applicable' ? 'not-scored.not-applicable' : 'not-scored.no-answer', trace: [] },
    }));
  }

  private rowsOf(r: AnswerRow, item: StoredItem, result: GradeResult): GradeRow[] {
    const units = gradedUnits(item);
    const parts: GradeResult[] = item.type === 'composite' ? (result.parts ?? []) : [result];
    return units.map((u, i) => ({
      responseId: r.id,
      questionId: u.id,
      score: parts[i].score,
      maxScore: parts[i].maxScore,
      status: parts[i].status,
      method: parts[i].method,
      region: parts[i].region,
      extracted: parts[i].extracted,
      explanation:
        parts[i].explanation + (parts[i].parts ? ` (${parts[i].parts!.map((p) => `${p.number}: ${p.explanation}`).join('; ')})` : ''),
      // steps that changed the reading are marked, so a client words them without its own list
      reason: { ...parts[i].reason, trace: parts[i].trace.map((t) => (NOTABLE_STEPS.has(t.code) ? { ...t, notable: true } : t)) },
    }));
  }

  /**
   * Appends grade rows as column arrays (unnest), no per-row JSON parsing in the database, and
   * queues for teachers the answers the grader could not read. `m` is a transaction, so an answer
   * is graded, taken off the grading queue (`dequeue`, one statement with the grades for a catch-up
   * batch) and queued for teachers together or not at all; a large re-grade goes in slices.
   */
  private async insert(m: EntityManager, rows: GradeRow[], dequeue: string[] = []) {
    const slices = dequeue.length
      ? [rows]
      : Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) => rows.slice(i * BATCH, (i + 1) * BATCH));
    for (const b of slices) {
      await m.query(
        `WITH appended AS (
           INSERT INTO auto_grades (response_id, question_id, score, max_score, status, method, region, extracted, explanation, grader_version, reason)
           SELECT r, q, s, mx, st, me, re, ex, e, $10, rs
           FROM unnest($1::uuid[], $2::uuid[], $3::numeric[], $4::numeric[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $12::jsonb[])
                AS x(r, q, s, mx, st, me, re, ex, e, rs))
         DELETE FROM grading_queue WHERE response_id = ANY($11::uuid[])`,
        [
          pgArray(b.map((x) => x.responseId)),
          pgArray(b.map((x) => x.questionId)),
          pgArray(b.map((x) => x.score)),
          pgArray(b.map((x) => x.maxScore)),
          pgArray(b.map((x) => x.status)),
          pgArray(b.map((x) => x.method)),
          pgArray(b.map((x) => x.region)),
          pgArray(b.map((x) => (x.extracted === null ? null : JSON.stringify(x.extracted)))),
          pgArray(b.map((x) => x.explanation)),
          GRADER_VERSION,
          pgArray(dequeue),
          pgArray(b.map((x) => JSON.stringify(x.reason))),
        ],
      );
    }
    await this.marking.queueUnparsed(
      m,
      rows.filter((r) => r.status === 'unparsed'),
    );
  }

  /** The next queued answers after the cursor, in key order: the queue holds only what is left to grade. */
  private selectQueued(m: EntityManager, cursor: string | null): Promise<AnswerRow[]> {
    return m.query(
      `SELECT r.id, r.question_id AS "questionId", r.outcome, r.text, a.finish_reason AS "finishReason"
       FROM (SELECT response_id FROM grading_queue WHERE response_id > $2 ORDER BY response_id LIMIT $1) w
       JOIN responses r ON r.id = w.response_id
       LEFT JOIN attempts a ON a.id = r.attempt_id
       ORDER BY r.id`,
      // The cursor skips the batch whose grades are being stored while this one is read.
      [BATCH, cursor ?? '00000000-0000-0000-0000-000000000000'],
    );
  }

  private async rowsForBatch(responses: AnswerRow[], items: Map<string, StoredItem>): Promise<GradeRow[]> {
    const rows: GradeRow[] = [];
    for (const r of responses) {
      const item = items.get(r.questionId)!;
      rows.push(...(this.extractor.isEnabled ? await this.rowsFor(r, item) : this.rowsByRules(r, item)));
    }
    return rows;
  }

  /**
   * Everything not graded yet, batch after batch in id order, as a pipeline: while one batch's
   * grades are inserted, the next batch is read on another connection and Node grades it, so
   * PostgreSQL and the grader work at the same time. A session advisory lock keeps it to one
   * process; each insert is atomic, so a crash leaves whole batches and the rest is found later.
   */
  private async gradeAllUngraded(): Promise<number> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock(hashtext('yj-grading')) AS locked`);
      if (!locked) return 0;
      try {
        const items = new Map<string, StoredItem>();
        let graded = 0;
        let batch = await this.selectQueued(this.db.manager, null);
        const inserting = new Set<Promise<void>>();
        while (batch.length) {
          const unknown = [...new Set(batch.map((r) => r.questionId))].filter((q) => !items.has(q));
          if (unknown.length) for (const [id, item] of await this.itemsForQuestions(unknown)) items.set(id, item);
          const next = batch.length === BATCH ? this.selectQueued(this.db.manager, batch[batch.length - 1].id) : Promise.resolve([]);
          next.catch(() => undefined); // awaited below, unless a failed insert ends the loop first
          // Node grades this batch while PostgreSQL stores earlier ones and reads the next.
          const rows = await this.rowsForBatch(batch, items);
          if (inserting.size >= INSERTS_IN_FLIGHT) await Promise.race(inserting);
          const ids = batch.map((r) => r.id);
          const insert = this.db.transaction((m) => this.insert(m, rows, ids));
          inserting.add(insert);
          // Awaited by the race above or after the loop, not left unhandled meanwhile.
          insert.then(
            () => inserting.delete(insert),
            () => undefined,
          );
          graded += batch.length;
          batch = await next;
        }
        await Promise.all(inserting);
        return graded;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('yj-grading'))`);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Re-grades stored responses (a run, or the answers to some questions) with the current keys and
   * grader, without any model call; appends a grade only where score, status, answer or method
   * changed, and reports those changes.
   */
  async regrade(
    scope: { runId?: string; questionIds?: string[]; isOutdatedOnly?: boolean },
    actor: AuditActor | null,
  ): Promise<{ checked: number; changes: RegradeChange[] }> {
    // An answer that became unparsed goes to teachers with its new grade (insert); one that became
    // readable keeps its task for now.
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('yj-grading'))`);
      const latest: (ResponseRow & { model: string | null; grades: (GradeRow & { number: string; graderVersion: string })[] })[] =
        await m.query(
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
          [scope.runId ?? null, scope.questionIds ?? null, !!scope.isOutdatedOnly, GRADER_VERSION],
        );
      const items = await this.itemsFor([...new Set(latest.map((r) => r.paperVersionId))], m);
      const changes: RegradeChange[] = [];
      const appended: GradeRow[] = [];
      for (const r of latest) {
        const item = items.get(r.questionId);
        if (!item) continue;
        for (const row of await this.rowsFor(r, item)) {
          const old = r.grades.find((g) => g.questionId === row.questionId);
          const same =
            old &&
            old.score === row.score &&
            old.status === row.status &&
            old.method === row.method &&
            old.maxScore === row.maxScore &&
            JSON.stringify(old.extracted) === JSON.stringify(row.extracted);
          if (same && old.graderVersion === GRADER_VERSION) continue;
          appended.push(row);
          if (!same)
            changes.push({
              responseId: r.id,
              questionId: row.questionId,
              questionNumber: old?.number ?? '',
              model: r.model,
              old: { score: old?.score ?? null, status: old?.status ?? 'none', extracted: old?.extracted ?? null },
              new: { score: row.score, status: row.status, extracted: row.extracted },
            });
        }
      }
      await this.insert(m, appended);
      if (actor)
        await this.audit.record(
          actor,
          {
            action: 'regrade',
            entityType: scope.runId ? 'run' : 'questions',
            entityId: scope.runId,
            after: { checked: latest.length, changed: changes.length },
          },
          m,
        );
      return { checked: latest.length, changes };
    });
  }
}
