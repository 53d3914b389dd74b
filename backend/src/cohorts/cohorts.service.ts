import { Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { studentReplicates } from '../statistics/bootstrap';
import { irtCohort, irtItem, IrtQuestion } from '../statistics/irt';
import { seededRandom, seedOf } from '../statistics/random';
import { CohortRejectedError, readTable } from './cohort-file';

export { CohortRejectedError } from './cohort-file';
import { CohortQuestion, ParsedCohort, parseCohortTable } from './domain/cohort-table';

/** Student-resampled replicates kept per cohort; the report's bootstrap uses the same number. */
export const REPLICATES = 1000;
export const SYNTHETIC_STUDENTS = 1000;

interface Unit extends CohortQuestion {
  type: string;
  options: number;
}

interface CohortMeta {
  name: string;
  isSynthetic: boolean;
  generator: object | null;
  sourceFile: string | null;
}

/** Pseudonym of a student id: a keyed hash, so the raw id is never stored. */
const pseudonymOf = (salt: Buffer, id: string) => createHmac('sha256', salt).update(id).digest('hex').slice(0, 16);

@Injectable()
export class CohortsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The scored units of a paper version (questions, and sub-questions of composite ones). */
  async units(paperVersionId: string): Promise<Unit[]> {
    const [paper] = await this.db.query(`SELECT 1 FROM paper_versions WHERE id = $1`, [paperVersionId]);
    if (!paper) throw new DomainError(`paper version ${paperVersionId} does not exist`, 404);
    return this.db.query(
      `SELECT q.id, q.number, q.points::float AS "maxPoints", q.type, COALESCE(jsonb_array_length(q.options), 0) AS options
       FROM questions q LEFT JOIN questions p ON p.id = q.parent_id
       WHERE q.paper_version_id = $1 AND q.type <> 'composite' ORDER BY COALESCE(p.ordinal, q.ordinal), q.parent_id NULLS FIRST, q.ordinal`,
      [paperVersionId],
    );
  }

  async importFile(paperVersionId: string, name: string, file: string, data: Buffer, actor: AuditActor) {
    const units = await this.units(paperVersionId);
    const table = await readTable(file, data);
    const { cohort, errors } = parseCohortTable(file, table.header, table.rows, units);
    if (!cohort) throw new CohortRejectedError(errors);
    return this.store(paperVersionId, { name, isSynthetic: false, generator: null, sourceFile: file }, cohort, actor);
  }

  /**
   * A synthetic cohort from the documented IRT model (statistics/irt.ts), seeded by the paper's
   * content hash so the same paper always gets the same students. Labelled synthetic everywhere.
   */
  async generateSynthetic(paperVersionId: string, students: number, actor: AuditActor) {
    const units = await this.units(paperVersionId);
    const [{ hash }] = await this.db.query(`SELECT content_hash AS hash FROM paper_versions WHERE id = $1`, [paperVersionId]);
    const seed = seedOf(hash);
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
      irtItem({ points: u.maxPoints, kind: kind(u), options: u.type === 'true_false' ? 2 : u.options || 4 }, random),
    );
    const scores = irtCohort(items, students, random);
    const generator = {
      model: 'IRT: ability N(0,1); P = c + (1 − c)·logistic(1.7·a·(θ − b)); binomial score steps',
      seed,
      students,
      items: units.map((u, j) => ({ question: u.number, ...items[j] })),
    };
    const ids = Array.from({ length: students }, (_, i) => `synthetic-${String(i + 1).padStart(5, '0')}`);
    return this.store(
      paperVersionId,
      { name: `Synthetic cohort (IRT, ${students} students)`, isSynthetic: true, generator, sourceFile: null },
      { kind: 'score_matrix', students: ids, questionIds: units.map((u) => u.id), scores },
      actor,
    );
  }

  /** Gives every published paper version without a cohort a synthetic one (the demo's samples). */
  async ensureSyntheticCohorts(students = SYNTHETIC_STUDENTS): Promise<number> {
    const papers: { id: string }[] = await this.db.query(
      `SELECT v.id FROM paper_versions v WHERE NOT EXISTS (SELECT 1 FROM cohorts c WHERE c.paper_version_id = v.id) ORDER BY v.created_at`,
    );
    for (const p of papers) await this.generateSynthetic(p.id, students, { id: null, name: 'system' });
    return papers.length;
  }

  private async store(paperVersionId: string, meta: CohortMeta, cohort: ParsedCohort, actor: AuditActor) {
    const salt = randomBytes(32);
    const replicates =
      cohort.kind === 'score_matrix'
        ? {
            questionIds: cohort.questionIds,
            means: studentReplicates(cohort.scores, cohort.students.length, cohort.questionIds.length, REPLICATES, seedOf(meta.name)),
          }
        : null;
    const id = await this.db.transaction(async (m) => {
      const students = cohort.kind === 'score_matrix' ? cohort.students.length : Math.max(...cohort.stats.map((s) => s.n));
      const [row] = await m.query(
        `INSERT INTO cohorts (paper_version_id, name, kind, is_synthetic, generator, student_count, created_by, pseudonym_salt, student_replicates, source_file)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [
          paperVersionId,
          meta.name,
          cohort.kind,
          meta.isSynthetic,
          meta.generator && JSON.stringify(meta.generator),
          students,
          actor.id,
          salt,
          replicates && JSON.stringify(replicates),
          meta.sourceFile,
        ],
      );
      if (cohort.kind === 'score_matrix') await this.storeMatrix(m, row.id, salt, cohort);
      else
        await m.query(
          `INSERT INTO cohort_question_stats (cohort_id, question_id, n, mean, sd, distribution)
           SELECT $1, x.q, x.n, x.mean, x.sd, x.d FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::numeric[], $6::jsonb[]) x(q, n, mean, sd, d)`,
          [
            row.id,
            ...(['questionId', 'n', 'mean', 'sd'] as const).map((k) => cohort.stats.map((s) => s[k])),
            cohort.stats.map((s) => s.distribution && JSON.stringify(s.distribution)),
          ],
        );
      await this.audit.record(
        actor,
        {
          action: 'cohort_import',
          entityType: 'cohort',
          entityId: row.id,
          after: { paperVersionId, name: meta.name, kind: cohort.kind, students, isSynthetic: meta.isSynthetic },
        },
        m,
      );
      return row.id as string;
    });
    return this.get(id);
  }

  /** Students with their scores, then per-question statistics and the distribution of totals, aggregated in SQL. */
  private async storeMatrix(m: EntityManager, cohortId: string, salt: Buffer, c: Extract<ParsedCohort, { kind: 'score_matrix' }>) {
    await m.query(`UPDATE cohorts SET question_ids = $2 WHERE id = $1`, [cohortId, c.questionIds]);
    // Each student's slice of the flat score array: fixed-width elements, so slicing is direct.
    await m.query(
      `INSERT INTO cohort_students (cohort_id, pseudonym, scores)
       SELECT $1, o.p, ($3::real[])[(o.i - 1) * $4 + 1 : o.i * $4] FROM unnest($2::text[]) WITH ORDINALITY o(p, i)`,
      [cohortId, c.students.map((s) => pseudonymOf(salt, s)), Array.from(c.scores), c.questionIds.length],
    );
    await m.query(
      `WITH d AS (SELECT x.j, x.s::numeric AS score, count(*)::numeric AS c FROM cohort_students st, unnest(st.scores) WITH ORDINALITY x(s, j)
                  WHERE st.cohort_id = $1 GROUP BY 1, 2)
       INSERT INTO cohort_question_stats (cohort_id, question_id, n, mean, sd, distribution)
       SELECT $1, ($2::uuid[])[j], sum(c), sum(c * score) / sum(c),
              CASE WHEN sum(c) > 1 THEN sqrt(greatest(0, (sum(c * score * score) - sum(c * score) ^ 2 / sum(c)) / (sum(c) - 1))) END,
              jsonb_object_agg(score::float::text, c::int)
       FROM d GROUP BY j`,
      [cohortId, c.questionIds],
    );
    await m.query(
      `UPDATE cohorts SET total_histogram = (
         SELECT jsonb_agg(jsonb_build_array(total, n) ORDER BY total) FROM (
           SELECT total, count(*)::int AS n FROM (
             SELECT (SELECT sum(s)::float FROM unnest(st.scores) s) AS total FROM cohort_students st WHERE st.cohort_id = $1) t
           GROUP BY total) h)
       WHERE id = $1`,
      [cohortId],
    );
  }

  async list(paperVersionId?: string) {
    return this.db.query(
      `SELECT c.id, c.paper_version_id AS "paperVersionId", v.title AS "paperTitle", v.subject, c.name, c.kind, c.is_synthetic AS "isSynthetic",
              c.student_count AS students, c.source_file AS "sourceFile", c.created_at AS "createdAt"
       FROM cohorts c JOIN paper_versions v ON v.id = c.paper_version_id
       WHERE $1::uuid IS NULL OR c.paper_version_id = $1 ORDER BY v.subject, v.title, c.created_at DESC`,
      [paperVersionId ?? null],
    );
  }

  async get(id: string) {
    const [c] = await this.db.query(
      `SELECT c.id, c.paper_version_id AS "paperVersionId", v.title AS "paperTitle", c.name, c.kind, c.is_synthetic AS "isSynthetic",
              c.student_count AS students, c.source_file AS "sourceFile", c.generator, c.created_at AS "createdAt",
              (SELECT json_agg(json_build_object('questionId', s.question_id, 'number', q.number, 'n', s.n, 'mean', s.mean::float, 'sd', s.sd::float,
                                                 'maxPoints', q.points::float, 'distribution', s.distribution) ORDER BY q.ordinal)
               FROM cohort_question_stats s JOIN questions q ON q.id = s.question_id WHERE s.cohort_id = c.id) AS questions
       FROM cohorts c JOIN paper_versions v ON v.id = c.paper_version_id WHERE c.id = $1`,
      [id],
    );
    if (!c) throw new DomainError(`cohort ${id} does not exist`, 404);
    return c;
  }

  /** Salt and paper of a cohort, for matching student answers to its pseudonyms. */
  async keyOf(cohortId: string): Promise<{ salt: Buffer; paperVersionId: string; pseudonym: (id: string) => string }> {
    const [c] = await this.db.query(`SELECT pseudonym_salt AS salt, paper_version_id AS "paperVersionId" FROM cohorts WHERE id = $1`, [
      cohortId,
    ]);
    if (!c) throw new DomainError(`cohort ${cohortId} does not exist`, 404);
    return { ...c, pseudonym: (id: string) => pseudonymOf(c.salt, id) };
  }
}
