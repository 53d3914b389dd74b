import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two migrations were edited after they had landed, so a database migrated before those edits
 * never received them (TypeORM runs a migration once, by name):
 * - 1764300006000 gained `grader_versions` (commit c4977b7, grading throughput);
 * - 1764300009000 gained `cohorts.question_ids` and `cohort_students.scores` (one score array per
 *   student) and dropped `cohort_scores` (commit 53ad91b, report at scale).
 * This brings such a database to the same schema. Every step checks first, so on a database
 * migrated after the edits it changes nothing. The old per-score rows are folded into the arrays
 * before their table goes, so no imported cohort loses its scores.
 * Since then, landed migrations are locked by hash (manifest.json, `npm run migrations:lock`).
 */
export class LandedMigrationEdits1764300098000 implements MigrationInterface {
  name = 'LandedMigrationEdits1764300098000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE IF NOT EXISTS grader_versions (version text CONSTRAINT pk_grader_versions PRIMARY KEY, regraded_at timestamptz NOT NULL DEFAULT now())`,
    );
    await q.query(`ALTER TABLE cohorts ADD COLUMN IF NOT EXISTS question_ids uuid[]`);
    await q.query(`ALTER TABLE cohort_students ADD COLUMN IF NOT EXISTS scores real[]`);
    const [{ old }] = await q.query(`SELECT to_regclass('public.cohort_scores') IS NOT NULL AS old`);
    if (!old) return;
    // A cohort's question order: the paper's, a composite's parts in place of the composite (the
    // importer's order). Any fixed order would do, as long as ids and every student's scores agree.
    await q.query(`
      WITH units AS (
        SELECT DISTINCT st.cohort_id, cs.question_id, coalesce(p.ordinal, u.ordinal) AS top_ordinal,
               CASE WHEN p.id IS NULL THEN -1 ELSE u.ordinal END AS part_ordinal
        FROM cohort_scores cs
        JOIN cohort_students st ON st.id = cs.student_id
        JOIN questions u ON u.id = cs.question_id
        LEFT JOIN questions p ON p.id = u.parent_id)
      UPDATE cohorts c SET question_ids = o.ids
      FROM (SELECT cohort_id, array_agg(question_id ORDER BY top_ordinal, part_ordinal, question_id) AS ids FROM units GROUP BY cohort_id) o
      WHERE c.id = o.cohort_id AND c.question_ids IS NULL`);
    await q.query(`
      UPDATE cohort_students st SET scores = (
        SELECT array_agg(cs.score::real ORDER BY x.j)
        FROM unnest(c.question_ids) WITH ORDINALITY x(question_id, j)
        LEFT JOIN cohort_scores cs ON cs.student_id = st.id AND cs.question_id = x.question_id)
      FROM cohorts c
      WHERE c.id = st.cohort_id AND st.scores IS NULL AND c.question_ids IS NOT NULL
        AND EXISTS (SELECT 1 FROM cohort_scores cs WHERE cs.student_id = st.id)`);
    await q.query(`DROP TABLE cohort_scores`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the schema this reaches is the one 1764300006000 and 1764300009000 create.
  }
}
