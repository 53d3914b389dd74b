import { EntityManager } from 'typeorm';
import { QuestionRow } from '../grading-items';
import {
  AnswerRow,
  CorrectableQuestion,
  GradeRow,
  LatestGraded,
  RegradeScope,
} from '../grading.repository';

/** The transaction a fake hands out: a marker object, so a spec can see which writes shared one. */
export const fakeTransaction = (n: number) => ({ tx: n }) as unknown as EntityManager;

/**
 * An in-memory GradingRepository: the grading queue, questions, appended grades and corrections,
 * with a log of the writes in order (and the transaction each was in).
 */
export class FakeGradingRepository {
  queue: AnswerRow[] = [];
  questions: (QuestionRow & { paperVersionId: string })[] = [];
  latest: LatestGraded[] = [];
  doneVersions = new Set<string>();
  hasOther = false;
  /** Another process holds the grading lock. */
  isLockedElsewhere = false;
  correctable: CorrectableQuestion | null = null;
  readonly writes: {
    op: string;
    tx?: EntityManager;
    rows?: GradeRow[];
    dequeue?: string[];
    data?: unknown;
  }[] = [];
  readonly lockCalls: boolean[] = [];
  private transactions = 0;

  async transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return fn(fakeTransaction(++this.transactions));
  }

  async whileLocked<T>(wait: boolean, fn: () => Promise<T>): Promise<T | null> {
    this.lockCalls.push(wait);
    if (this.isLockedElsewhere && !wait) return null;
    return fn();
  }

  async lockForTransaction(m: EntityManager) {
    this.writes.push({ op: 'lock', tx: m });
  }

  async isVersionDone(v: string) {
    return this.doneVersions.has(v);
  }

  async hasOtherVersions() {
    return this.hasOther;
  }

  async markVersionDone(v: string) {
    this.doneVersions.add(v);
    this.writes.push({ op: 'version', data: v });
  }

  async questionRows(paperVersionIds: string[]): Promise<QuestionRow[]> {
    return this.questions.filter((q) => paperVersionIds.includes(q.paperVersionId));
  }

  async paperVersionsOf(questionIds: string[]) {
    return [
      ...new Set(
        this.questions.filter((q) => questionIds.includes(q.id)).map((q) => q.paperVersionId),
      ),
    ];
  }

  async queued(cursor: string | null, limit: number): Promise<AnswerRow[]> {
    return this.queue.filter((r) => cursor === null || r.id > cursor).slice(0, limit);
  }

  async appendGrades(m: EntityManager, rows: GradeRow[], _version: string, dequeue: string[] = []) {
    this.writes.push({ op: 'grades', tx: m, rows, dequeue });
    this.queue = this.queue.filter((r) => !dequeue.includes(r.id));
  }

  async latestGraded(_m: EntityManager, scope: RegradeScope): Promise<LatestGraded[]> {
    // One run in the fake: a scope naming another finds nothing.
    return !scope.runId || scope.runId === 'run-1' ? this.latest : [];
  }

  async correctableQuestion() {
    return this.correctable;
  }

  async appendCorrection(m: EntityManager, c: unknown) {
    this.writes.push({ op: 'correction', tx: m, data: c });
  }

  async extractorOutput() {
    return null;
  }

  async storeExtractorOutput() {}
}

/** A single-choice question worth 5 points, key C, on paper version `pv`. */
export const choiceQuestion = (
  id: string,
  number = '1',
  pv = 'pv-1',
): QuestionRow & { paperVersionId: string } => ({
  id,
  paperVersionId: pv,
  parentId: null,
  number,
  type: 'single_choice',
  points: '5',
  options: ['A', 'B', 'C', 'D'].map((label) => ({ label, text: label })),
  blanks: null,
  answerKey: 'C',
  scoringPolicy: null,
  paperPolicy: null,
  subject: 'math',
  correctedKey: null,
  correctedPolicy: null,
});
