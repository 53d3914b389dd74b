import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CohortSummary } from '@yuejuan/contracts';

/** A scored unit of a paper version (a question, or a sub-question of a composite one). */
export interface UnitRow {
  id: string;
  number: string;
  maxPoints: number;
  type: string;
  /** How many options it offers (0 for a question without options). */
  options: number;
}

export interface CohortInsert {
  paperVersionId: string;
  name: string;
  kind: string;
  isSynthetic: boolean;
  generator: object | null;
  students: number;
  createdBy: string | null;
  salt: Buffer;
  replicates: object | null;
  sourceFile: string | null;
}

export interface QuestionStatsInsert {
  questionId: string;
  n: number;
  mean: number;
  sd: number | null;
  distribution: object | null;
}

/** A cohort as the list shows it (the client's CohortSummary, with a Date). */
export type CohortListRow = CohortSummary<Date>;

export interface CohortDetail extends Omit<CohortListRow, 'subject'> {
  generator: object | null;
  questions:
    | {
        questionId: string;
        number: string;
        n: number;
        mean: number;
        sd: number | null;
        maxPoints: number;
        distribution: object | null;
      }[]
    | null;
}

/**
 * The cohorts' queries. Raw SQL: bulk inserts through unnest, the per-question statistics and the
 * totals histogram aggregated over the students' score arrays in the database (unnest WITH
 * ORDINALITY, array slices), and json_agg for a cohort's questions; none of it is ORM-shaped.
 */
@Injectable()
export class CohortsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  async paperVersionExists(id: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM paper_versions WHERE id = $1`, [id])).length > 0;
  }

  async contentHash(paperVersionId: string): Promise<string> {
    const [{ hash }] = await this.db.query(
      `SELECT content_hash AS hash FROM paper_versions WHERE id = $1`,
      [paperVersionId],
    );
    return hash;
  }

  /** The scored units in paper order (a composite's parts where it stands). */
  units(paperVersionId: string): Promise<UnitRow[]> {
    return this.db.query(
      `SELECT q.id, q.number, q.points::float AS "maxPoints", q.type, COALESCE(jsonb_array_length(q.options), 0) AS options
       FROM questions q LEFT JOIN questions p ON p.id = q.parent_id
       WHERE q.paper_version_id = $1 AND q.type <> 'composite' ORDER BY COALESCE(p.ordinal, q.ordinal), q.parent_id NULLS FIRST, q.ordinal`,
      [paperVersionId],
    );
  }

  /** Published paper versions without any cohort, oldest first. */
  async versionsWithoutCohort(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT v.id FROM paper_versions v WHERE NOT EXISTS (SELECT 1 FROM cohorts c WHERE c.paper_version_id = v.id) ORDER BY v.created_at`,
    );
    return rows.map((r) => r.id);
  }

  async insertCohort(m: EntityManager, c: CohortInsert): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO cohorts (paper_version_id, name, kind, is_synthetic, generator, student_count, created_by, pseudonym_salt, student_replicates, source_file)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        c.paperVersionId,
        c.name,
        c.kind,
        c.isSynthetic,
        c.generator && JSON.stringify(c.generator),
        c.students,
        c.createdBy,
        c.salt,
        c.replicates && JSON.stringify(c.replicates),
        c.sourceFile,
      ],
    );
    return row.id;
  }

  /** Per-question statistics as imported (a cohort without a score matrix). */
  async insertQuestionStats(
    m: EntityManager,
    cohortId: string,
    stats: QuestionStatsInsert[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO cohort_question_stats (cohort_id, question_id, n, mean, sd, distribution)
       SELECT $1, x.q, x.n, x.mean, x.sd, x.d FROM unnest($2::uuid[], $3::int[], $4::numeric[], $5::numeric[], $6::jsonb[]) x(q, n, mean, sd, d)`,
      [
        cohortId,
        ...(['questionId', 'n', 'mean', 'sd'] as const).map((k) => stats.map((s) => s[k])),
        stats.map((s) => s.distribution && JSON.stringify(s.distribution)),
      ],
    );
  }

  /**
   * A score matrix: the students (pseudonyms) with their scores, then per-question statistics and
   * the distribution of totals, aggregated in SQL. `scores` is flat, student after student.
   */
  async insertMatrix(
    m: EntityManager,
    cohortId: string,
    matrix: { questionIds: string[]; pseudonyms: string[]; scores: ArrayLike<number> },
  ): Promise<void> {
    await m.query(`UPDATE cohorts SET question_ids = $2 WHERE id = $1`, [
      cohortId,
      matrix.questionIds,
    ]);
    // Each student's slice of the flat score array: fixed-width elements, so slicing is direct.
    await m.query(
      `INSERT INTO cohort_students (cohort_id, pseudonym, scores)
       SELECT $1, o.p, ($3::real[])[(o.i - 1) * $4 + 1 : o.i * $4] FROM unnest($2::text[]) WITH ORDINALITY o(p, i)`,
      [cohortId, matrix.pseudonyms, Array.from(matrix.scores), matrix.questionIds.length],
    );
    await m.query(
      `WITH d AS (SELECT x.j, x.s::numeric AS score, count(*)::numeric AS c FROM cohort_students st, unnest(st.scores) WITH ORDINALITY x(s, j)
                  WHERE st.cohort_id = $1 GROUP BY 1, 2)
       INSERT INTO cohort_question_stats (cohort_id, question_id, n, mean, sd, distribution)
       SELECT $1, ($2::uuid[])[j], sum(c), sum(c * score) / sum(c),
              CASE WHEN sum(c) > 1 THEN sqrt(greatest(0, (sum(c * score * score) - sum(c * score) ^ 2 / sum(c)) / (sum(c) - 1))) END,
              jsonb_object_agg(score::float::text, c::int)
       FROM d GROUP BY j`,
      [cohortId, matrix.questionIds],
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

  list(paperVersionId?: string): Promise<CohortListRow[]> {
    return this.db.query(
      `SELECT c.id, c.paper_version_id AS "paperVersionId", v.title AS "paperTitle", v.subject, c.name, c.kind, c.is_synthetic AS "isSynthetic",
              c.student_count AS students, c.source_file AS "sourceFile", c.created_at AS "createdAt"
       FROM cohorts c JOIN paper_versions v ON v.id = c.paper_version_id
       WHERE $1::uuid IS NULL OR c.paper_version_id = $1 ORDER BY v.subject, v.title, c.created_at DESC`,
      [paperVersionId ?? null],
    );
  }

  async get(id: string): Promise<CohortDetail | null> {
    const [c] = await this.db.query(
      `SELECT c.id, c.paper_version_id AS "paperVersionId", v.title AS "paperTitle", c.name, c.kind, c.is_synthetic AS "isSynthetic",
              c.student_count AS students, c.source_file AS "sourceFile", c.generator, c.created_at AS "createdAt",
              (SELECT json_agg(json_build_object('questionId', s.question_id, 'number', q.number, 'n', s.n, 'mean', s.mean::float, 'sd', s.sd::float,
                                                 'maxPoints', q.points::float, 'distribution', s.distribution) ORDER BY q.ordinal)
               FROM cohort_question_stats s JOIN questions q ON q.id = s.question_id WHERE s.cohort_id = c.id) AS questions
       FROM cohorts c JOIN paper_versions v ON v.id = c.paper_version_id WHERE c.id = $1`,
      [id],
    );
    return c ?? null;
  }

  async saltOf(cohortId: string): Promise<{ salt: Buffer; paperVersionId: string } | null> {
    const [c] = await this.db.query(
      `SELECT pseudonym_salt AS salt, paper_version_id AS "paperVersionId" FROM cohorts WHERE id = $1`,
      [cohortId],
    );
    return c ?? null;
  }

  /** The cohort's students: pseudonym → student row id. */
  async students(cohortId: string): Promise<Map<string, string>> {
    const rows: { id: string; pseudonym: string }[] = await this.db.query(
      `SELECT id::text, pseudonym FROM cohort_students WHERE cohort_id = $1`,
      [cohortId],
    );
    return new Map(rows.map((r) => [r.pseudonym, r.id]));
  }

  /** The paper's top-level questions: number → id. */
  async topLevelQuestions(paperVersionId: string): Promise<Map<string, string>> {
    const rows: { id: string; number: string }[] = await this.db.query(
      `SELECT id, number FROM questions WHERE paper_version_id = $1 AND parent_id IS NULL`,
      [paperVersionId],
    );
    return new Map(rows.map((r) => [r.number, r.id]));
  }

  /** How many of these (student, question) pairs already have a stored answer. */
  async answeredBefore(
    m: EntityManager,
    pairs: { studentId: string; questionId: string }[],
  ): Promise<number> {
    const [{ n }] = await m.query(
      `SELECT count(*)::int AS n FROM responses r JOIN unnest($1::bigint[], $2::uuid[]) x(s, q) ON r.student_id = x.s AND r.question_id = x.q`,
      [pairs.map((o) => o.studentId), pairs.map((o) => o.questionId)],
    );
    return n;
  }

  /** Students' answers as responses (the grading queue's trigger picks up the objective ones). */
  async insertAnswers(
    m: EntityManager,
    answers: { studentId: string; questionId: string; text: string }[],
  ): Promise<void> {
    await m.query(
      `INSERT INTO responses (question_id, source_kind, student_id, outcome, text)
       SELECT q, 'student', s, 'answered', t FROM unnest($1::uuid[], $2::bigint[], $3::text[]) x(q, s, t)`,
      [
        answers.map((o) => o.questionId),
        answers.map((o) => o.studentId),
        answers.map((o) => o.text),
      ],
    );
  }
}
