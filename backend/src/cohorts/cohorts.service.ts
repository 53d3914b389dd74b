import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { studentReplicates } from '../statistics/bootstrap';
import { irtCohort, irtItem, IrtQuestion } from '../statistics/irt';
import { seededRandom, seedOf } from '../statistics/random';
import { CohortRejectedError, readTable } from './cohort-file';
import { CohortsRepository, UnitRow } from './cohorts.repository';

export { CohortRejectedError } from './cohort-file';
import { CohortQuestion, ParsedCohort, parseCohortTable } from './domain/cohort-table';

/** Student-resampled replicates kept per cohort; the report's bootstrap uses the same number. */
export const REPLICATES = 1000;
export const SYNTHETIC_STUDENTS = 1000;

type Unit = CohortQuestion & UnitRow;

interface CohortMeta {
  name: string;
  isSynthetic: boolean;
  generator: object | null;
  sourceFile: string | null;
}

/** Pseudonym of a student id: a keyed hash, so the raw id is never stored. */
const pseudonymOf = (salt: Buffer, id: string) =>
  createHmac('sha256', salt).update(id).digest('hex').slice(0, 16);

@Injectable()
export class CohortsService {
  constructor(
    private readonly repo: CohortsRepository,
    private readonly audit: AuditService,
  ) {}

  /** The scored units of a paper version (questions, and sub-questions of composite ones). */
  async units(paperVersionId: string): Promise<Unit[]> {
    if (!(await this.repo.paperVersionExists(paperVersionId)))
      throw new DomainError(`paper version ${paperVersionId} does not exist`, 404);
    return this.repo.units(paperVersionId);
  }

  async importFile(
    paperVersionId: string,
    name: string,
    file: string,
    data: Buffer,
    actor: AuditActor,
  ) {
    const units = await this.units(paperVersionId);
    const table = await readTable(file, data);
    const { cohort, errors } = parseCohortTable(file, table.header, table.rows, units);
    if (!cohort) throw new CohortRejectedError(errors);
    return this.store(
      paperVersionId,
      { name, isSynthetic: false, generator: null, sourceFile: file },
      cohort,
      actor,
    );
  }

  /**
   * A synthetic cohort from the documented IRT model (statistics/irt.ts), seeded by the paper's
   * content hash so the same paper always gets the same students. Labelled synthetic everywhere.
   */
  async generateSynthetic(paperVersionId: string, students: number, actor: AuditActor) {
    const units = await this.units(paperVersionId);
    const seed = seedOf(await this.repo.contentHash(paperVersionId));
    const random = seededRandom(seed);
    const kind = (u: Unit): IrtQuestion['kind'] =>
      ['single_choice', 'true_false'].includes(u.type)
        ? 'choice'
        : u.type === 'multiple_choice'
          ? 'multiple_choice'
          : u.type === 'fill_blank'
            ? 'blank'
            : 'subjective';
    const items = units.map((u) =>
      irtItem(
        {
          points: u.maxPoints,
          kind: kind(u),
          options: u.type === 'true_false' ? 2 : u.options || 4,
        },
        random,
      ),
    );
    const scores = irtCohort(items, students, random);
    const generator = {
      model: 'IRT: ability N(0,1); P = c + (1 − c)·logistic(1.7·a·(θ − b)); binomial score steps',
      seed,
      students,
      items: units.map((u, j) => ({ question: u.number, ...items[j] })),
    };
    const ids = Array.from(
      { length: students },
      (_, i) => `synthetic-${String(i + 1).padStart(5, '0')}`,
    );
    return this.store(
      paperVersionId,
      {
        name: `Synthetic cohort (IRT, ${students} students)`,
        isSynthetic: true,
        generator,
        sourceFile: null,
      },
      { kind: 'score_matrix', students: ids, questionIds: units.map((u) => u.id), scores },
      actor,
    );
  }

  /** Gives every published paper version without a cohort a synthetic one (the demo's samples). */
  async ensureSyntheticCohorts(students = SYNTHETIC_STUDENTS): Promise<number> {
    const papers = await this.repo.versionsWithoutCohort();
    for (const id of papers)
      await this.generateSynthetic(id, students, { id: null, name: 'system' });
    return papers.length;
  }

  private async store(
    paperVersionId: string,
    meta: CohortMeta,
    cohort: ParsedCohort,
    actor: AuditActor,
  ) {
    const salt = randomBytes(32);
    const replicates =
      cohort.kind === 'score_matrix'
        ? {
            questionIds: cohort.questionIds,
            means: studentReplicates(
              cohort.scores,
              cohort.students.length,
              cohort.questionIds.length,
              REPLICATES,
              seedOf(meta.name),
            ),
          }
        : null;
    const id = await this.repo.transaction(async (m) => {
      const students =
        cohort.kind === 'score_matrix'
          ? cohort.students.length
          : Math.max(...cohort.stats.map((s) => s.n));
      const cohortId = await this.repo.insertCohort(m, {
        paperVersionId,
        name: meta.name,
        kind: cohort.kind,
        isSynthetic: meta.isSynthetic,
        generator: meta.generator,
        students,
        createdBy: actor.id,
        salt,
        replicates,
        sourceFile: meta.sourceFile,
      });
      if (cohort.kind === 'score_matrix')
        await this.repo.insertMatrix(m, cohortId, {
          questionIds: cohort.questionIds,
          pseudonyms: cohort.students.map((s) => pseudonymOf(salt, s)),
          scores: cohort.scores,
        });
      else await this.repo.insertQuestionStats(m, cohortId, cohort.stats);
      await this.audit.record(
        actor,
        {
          action: 'cohort_import',
          entityType: 'cohort',
          entityId: cohortId,
          after: {
            paperVersionId,
            name: meta.name,
            kind: cohort.kind,
            students,
            isSynthetic: meta.isSynthetic,
          },
        },
        m,
      );
      return cohortId;
    });
    return this.get(id);
  }

  list(paperVersionId?: string) {
    return this.repo.list(paperVersionId);
  }

  async get(id: string) {
    const c = await this.repo.get(id);
    if (!c) throw new DomainError(`cohort ${id} does not exist`, 404);
    return c;
  }

  /** Salt and paper of a cohort, for matching student answers to its pseudonyms. */
  async keyOf(
    cohortId: string,
  ): Promise<{ salt: Buffer; paperVersionId: string; pseudonym: (id: string) => string }> {
    const c = await this.repo.saltOf(cohortId);
    if (!c) throw new DomainError(`cohort ${cohortId} does not exist`, 404);
    return { ...c, pseudonym: (id: string) => pseudonymOf(c.salt, id) };
  }
}
