import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { JobsService } from '../jobs/jobs.service';
import { MARKING_TASKS_DUE } from '../jobs/queues';
import { NOTABLE_STEPS } from './domain/explain';
import { gradeResponse, isExtractable } from './domain/grade';
import { GRADER_VERSION, GradeResult } from './domain/types';
import { buildItems, gradedUnits, StoredItem } from './grading-items';
import {
  AnswerRow,
  GradeRow,
  GradingRepository,
  LatestGraded,
  RegradeScope,
} from './grading.repository';
import { LlmExtractor } from './llm-extractor';

export type { GradeRow } from './grading.repository';

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
 * Grading writes grades only: when it has appended some, it signals that marking tasks are due
 * (MARKING_TASKS_DUE), and the worker creates them outside grading's transactions.
 */
@Injectable()
export class GradingService {
  private readonly logger = new Logger(GradingService.name);

  constructor(
    private readonly repo: GradingRepository,
    private readonly audit: AuditService,
    private readonly extractor: LlmExtractor,
    private readonly jobs: JobsService,
  ) {}

  /**
   * Grades everything not graded yet and re-grades what an older grader version graded.
   * `wait`: if another process is grading, wait for it and grade what is left (a caller that
   * answers with the graded state); otherwise leave the queue to that process.
   */
  async catchUp({ wait = false }: { wait?: boolean } = {}): Promise<{
    graded: number;
    changed: number;
  }> {
    const started = Date.now();
    const graded = (await this.repo.whileLocked(wait, () => this.gradeAllQueued())) ?? 0;
    const changed = await this.regradeOlderVersions();
    const ms = Date.now() - started;
    if (graded)
      this.logger.log(
        `graded ${graded} answers in ${ms} ms (${Math.round((graded * 1000) / Math.max(ms, 1))}/s)`,
      );
    if (graded || changed) await this.signalMarking();
    return { graded, changed };
  }

  /** Once per grader version: re-grade what older versions graded (if any), then remember it is done. */
  private async regradeOlderVersions(): Promise<number> {
    if (await this.repo.isVersionDone(GRADER_VERSION)) return 0;
    const { changes } = (await this.repo.hasOtherVersions(GRADER_VERSION))
      ? await this.regrade({ isOutdatedOnly: true }, null)
      : { changes: [] };
    await this.repo.markVersionDone(GRADER_VERSION);
    return changes.length;
  }

  /** Gradable items for paper versions, with the latest answer-key corrections applied. */
  async itemsFor(paperVersionIds: string[], m?: EntityManager): Promise<Map<string, StoredItem>> {
    if (!paperVersionIds.length) return new Map();
    return buildItems(await this.repo.questionRows(paperVersionIds, m));
  }

  /** Grade rows for one response by the rules, then the LLM extractor (if configured) for what they leave unparsed. */
  private async rowsFor(r: AnswerRow, item: StoredItem): Promise<GradeRow[]> {
    if (!this.extractor.isEnabled || r.outcome !== 'answered') return this.rowsByRules(r, item);
    const result = gradeResponse(item, r.text, { finishReason: r.finishReason });
    return rowsOf(
      r,
      item,
      isExtractable(result) ? await this.extractor.retry(item, r.text ?? '', result) : result,
    );
  }

  /** The grade rows the rules alone give (no model call): synchronous, the hot path. */
  private rowsByRules(r: AnswerRow, item: StoredItem): GradeRow[] {
    return r.outcome === 'answered'
      ? rowsOf(r, item, gradeResponse(item, r.text, { finishReason: r.finishReason }))
      : notScoredRows(r, item);
  }

  private async rowsForBatch(
    responses: AnswerRow[],
    items: Map<string, StoredItem>,
  ): Promise<GradeRow[]> {
    const rows: GradeRow[] = [];
    for (const r of responses) {
      const item = items.get(r.questionId)!;
      rows.push(
        ...(this.extractor.isEnabled ? await this.rowsFor(r, item) : this.rowsByRules(r, item)),
      );
    }
    return rows;
  }

  /**
   * Appends grade rows in transaction `m`. With `dequeue` (a catch-up batch) the answers leave the
   * grading queue in the same statement, so each is queued or graded, never both or neither; a large
   * re-grade goes in slices.
   */
  private async append(m: EntityManager, rows: GradeRow[], dequeue: string[] = []) {
    const slices = dequeue.length
      ? [rows]
      : Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) =>
          rows.slice(i * BATCH, (i + 1) * BATCH),
        );
    for (const b of slices) await this.repo.appendGrades(m, b, GRADER_VERSION, dequeue);
  }

  /**
   * Everything queued, batch after batch in id order, as a pipeline: while one batch's grades are
   * inserted, the next batch is read on another connection and Node grades it, so PostgreSQL and
   * the grader work at the same time. Called holding the grading lock (one process at a time);
   * each insert is atomic, so a crash leaves whole batches and the rest is found later.
   */
  private async gradeAllQueued(): Promise<number> {
    const items = new Map<string, StoredItem>();
    let graded = 0;
    let batch = await this.repo.queued(null, BATCH);
    const inserting = new Set<Promise<void>>();
    while (batch.length) {
      const unknown = [...new Set(batch.map((r) => r.questionId))].filter((q) => !items.has(q));
      // Whole papers: one query each time a new paper appears.
      if (unknown.length)
        for (const [id, item] of await this.itemsFor(await this.repo.paperVersionsOf(unknown)))
          items.set(id, item);
      // The cursor skips the batch whose grades are being stored while this one is read.
      const next =
        batch.length === BATCH
          ? this.repo.queued(batch[batch.length - 1].id, BATCH)
          : Promise.resolve([]);
      next.catch(() => undefined); // awaited below, unless a failed insert ends the loop first
      // Node grades this batch while PostgreSQL stores earlier ones and reads the next.
      const rows = await this.rowsForBatch(batch, items);
      if (inserting.size >= INSERTS_IN_FLIGHT) await Promise.race(inserting);
      const ids = batch.map((r) => r.id);
      const insert = this.repo.transaction((m) => this.append(m, rows, ids));
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
  }

  /** Marking tasks are due (answers graded unparsed, new answers to queue): a job for the worker. */
  private async signalMarking() {
    await this.jobs.send(MARKING_TASKS_DUE, { id: 'grading' });
  }

  /**
   * Re-grades stored responses (a run, or the answers to some questions) with the current keys and
   * grader, without any model call; appends a grade only where score, status, answer or method
   * changed, and reports those changes. An answer that became unparsed goes to teachers through
   * the worker (signalled); one that became readable keeps its task for now.
   */
  async regrade(
    scope: RegradeScope,
    actor: AuditActor | null,
  ): Promise<{ checked: number; changes: RegradeChange[] }> {
    const result = await this.repo.transaction(async (m) => {
      await this.repo.lockForTransaction(m);
      const latest = await this.repo.latestGraded(m, scope, GRADER_VERSION);
      const items = await this.itemsFor([...new Set(latest.map((r) => r.paperVersionId))], m);
      const { appended, changes } = await this.compare(latest, items);
      await this.append(m, appended);
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
      return { checked: latest.length, changes, appended: appended.length };
    });
    // Called from catchUp (an older grader's grades), which signals for both.
    if (result.appended && actor) await this.signalMarking();
    return { checked: result.checked, changes: result.changes };
  }

  /** The rows to append (changed, or the same by an older grader) and the changes to report. */
  private async compare(latest: LatestGraded[], items: Map<string, StoredItem>) {
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
            old: {
              score: old?.score ?? null,
              status: old?.status ?? 'none',
              extracted: old?.extracted ?? null,
            },
            new: { score: row.score, status: row.status, extracted: row.extracted },
          });
      }
    }
    return { appended, changes };
  }
}

/** The model gave no usable answer: every graded part is not scored, never wrong. */
function notScoredRows(r: AnswerRow, item: StoredItem): GradeRow[] {
  return gradedUnits(item).map((u) => ({
    responseId: r.id,
    questionId: u.id,
    score: null,
    maxScore: u.points,
    status: 'not_scored',
    method: `outcome:${r.outcome}`,
    region: null,
    extracted: null,
    explanation:
      r.outcome === 'not_applicable'
        ? 'image question put to a text-only model'
        : 'no answer: error or refusal',
    reason: {
      code: r.outcome === 'not_applicable' ? 'not-scored.not-applicable' : 'not-scored.no-answer',
      trace: [],
    },
  }));
}

function rowsOf(r: AnswerRow, item: StoredItem, result: GradeResult): GradeRow[] {
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
      parts[i].explanation +
      (parts[i].parts
        ? ` (${parts[i].parts!.map((p) => `${p.number}: ${p.explanation}`).join('; ')})`
        : ''),
    // steps that changed the reading are marked, so a client words them without its own list
    reason: {
      ...parts[i].reason,
      trace: parts[i].trace.map((t) => (NOTABLE_STEPS.has(t.code) ? { ...t, notable: true } : t)),
    },
  }));
}
