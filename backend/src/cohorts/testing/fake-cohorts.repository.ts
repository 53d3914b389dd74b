import { EntityManager } from 'typeorm';
import { CohortDetail, CohortInsert, QuestionStatsInsert, UnitRow } from '../cohorts.repository';

/** An in-memory CohortsRepository: papers, their units, stored cohorts and students, and a log of the writes in order. */
export class FakeCohortsRepository {
  papers = new Map<string, { hash: string; units: UnitRow[]; topLevel: Map<string, string> }>();
  cohorts = new Map<string, CohortInsert & { id: string }>();
  /** Per cohort: pseudonym → student row id. */
  cohortStudents = new Map<string, Map<string, string>>();
  /** (studentId|questionId) pairs with a stored answer. */
  answered = new Set<string>();
  readonly writes: { op: string; tx: EntityManager; data: unknown }[] = [];
  private transactions = 0;

  async transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return fn({ tx: ++this.transactions } as unknown as EntityManager);
  }

  async paperVersionExists(id: string) {
    return this.papers.has(id);
  }

  async contentHash(id: string) {
    return this.papers.get(id)!.hash;
  }

  async units(id: string) {
    return this.papers.get(id)!.units;
  }

  async versionsWithoutCohort() {
    const withCohort = new Set([...this.cohorts.values()].map((c) => c.paperVersionId));
    return [...this.papers.keys()].filter((id) => !withCohort.has(id));
  }

  async insertCohort(m: EntityManager, c: CohortInsert) {
    const id = `cohort-${this.cohorts.size + 1}`;
    this.cohorts.set(id, { ...c, id });
    this.writes.push({ op: 'cohort', tx: m, data: c });
    return id;
  }

  async insertQuestionStats(m: EntityManager, cohortId: string, stats: QuestionStatsInsert[]) {
    this.writes.push({ op: 'stats', tx: m, data: { cohortId, stats } });
  }

  async insertMatrix(
    m: EntityManager,
    cohortId: string,
    matrix: { questionIds: string[]; pseudonyms: string[]; scores: ArrayLike<number> },
  ) {
    this.cohortStudents.set(cohortId, new Map(matrix.pseudonyms.map((p, i) => [p, String(i + 1)])));
    this.writes.push({
      op: 'matrix',
      tx: m,
      data: { cohortId, ...matrix, scores: Array.from(matrix.scores) },
    });
  }

  async list() {
    return [];
  }

  async get(id: string): Promise<CohortDetail | null> {
    const c = this.cohorts.get(id);
    return c
      ? ({ id, name: c.name, kind: c.kind, students: c.students } as unknown as CohortDetail)
      : null;
  }

  async saltOf(id: string) {
    const c = this.cohorts.get(id);
    return c ? { salt: c.salt, paperVersionId: c.paperVersionId } : null;
  }

  async students(id: string) {
    return this.cohortStudents.get(id) ?? new Map<string, string>();
  }

  async topLevelQuestions(paperVersionId: string) {
    return this.papers.get(paperVersionId)!.topLevel;
  }

  async answeredBefore(_m: EntityManager, pairs: { studentId: string; questionId: string }[]) {
    return pairs.filter((p) => this.answered.has(`${p.studentId}|${p.questionId}`)).length;
  }

  async insertAnswers(
    m: EntityManager,
    answers: { studentId: string; questionId: string; text: string }[],
  ) {
    this.writes.push({ op: 'answers', tx: m, data: answers });
  }
}
