import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migrate } from '../src/database/data-source';
import { LandedMigrationEdits1764300098000 } from '../src/database/migrations/1764300098000-LandedMigrationEdits';

/**
 * A database migrated before 1764300006000 and 1764300009000 were edited (commits c4977b7 and
 * 53ad91b) lacks what the edits added. The fix-up migration must bring it to the schema a fresh
 * database gets, fold the old per-score rows into the arrays, and change nothing the second time.
 * Runs in a database of its own: it takes tables away that every other spec needs.
 */
describe('LandedMigrationEdits1764300098000', () => {
  let admin: DataSource;
  let db: DataSource;
  const name = `yuejuan_fixup_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    admin = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    db = await new DataSource({ type: 'postgres', url: url.toString() }).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin?.destroy();
  });

  /** Tables, columns with their types, constraints and indexes of the public schema. */
  const schema = async () => ({
    columns: await db.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default FROM information_schema.columns
       WHERE table_schema = 'public' ORDER BY 1, 2`,
    ),
    constraints: await db.query(
      `SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
       WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
    ),
    indexes: await db.query(
      `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`,
    ),
  });

  const runFixUp = async () => {
    const runner = db.createQueryRunner();
    try {
      await new LandedMigrationEdits1764300098000().up(runner);
    } finally {
      await runner.release();
    }
  };

  it('brings a database migrated before the edits to the current schema and keeps its scores', async () => {
    const current = await schema();

    // The schema piece as it was before the edits: no grader_versions, one row per score.
    await db.query(`DROP TABLE grader_versions`);
    await db.query(`ALTER TABLE cohorts DROP COLUMN question_ids`);
    await db.query(`ALTER TABLE cohort_students DROP COLUMN scores`);
    await db.query(`
      CREATE TABLE cohort_scores (
        student_id bigint NOT NULL CONSTRAINT fk_cohort_scores_student REFERENCES cohort_students(id),
        question_id uuid NOT NULL CONSTRAINT fk_cohort_scores_question REFERENCES questions(id),
        score numeric(8,2) NOT NULL,
        CONSTRAINT pk_cohort_scores PRIMARY KEY (student_id, question_id)
      )`);
    await db.query(`CREATE INDEX ix_cohort_scores_question ON cohort_scores (question_id)`);
    expect(await schema()).not.toEqual(current);

    // One cohort of two students on a paper with a plain question and a composite of two parts.
    const [{ id: paperId }] = await db.query(
      `INSERT INTO papers (slug) VALUES ('fixup') RETURNING id`,
    );
    const [{ id: pv }] = await db.query(
      `INSERT INTO paper_versions (paper_id, version, content_hash, title, subject, grade, stage, year, region, language,
         total_points, question_count, image_question_count, scoring_policy, source, document)
       VALUES ($1, 1, repeat('a', 64), 'Fix-up', 'math', 9, 'junior', 2025, 'test', 'zh', 10, 2, 0, '{}', '{}', '{}') RETURNING id`,
      [paperId],
    );
    const question = async (ordinal: number, num: string, type: string, parent: string | null) =>
      (
        await db.query(
          `INSERT INTO questions (paper_version_id, parent_id, ordinal, number, type, is_objective, points, stem)
           VALUES ($1, $2, $3, $4, $5, false, 5, 'stem') RETURNING id`,
          [pv, parent, ordinal, num, type],
        )
      )[0].id as string;
    const q1 = await question(1, '1', 'short_answer', null);
    const q2 = await question(2, '2', 'composite', null);
    const q2b = await question(2, '2(2)', 'short_answer', q2);
    const q2a = await question(1, '2(1)', 'short_answer', q2);
    const [{ id: cohort }] = await db.query(
      `INSERT INTO cohorts (paper_version_id, name, kind, is_synthetic, student_count) VALUES ($1, 'c', 'score_matrix', false, 2) RETURNING id`,
      [pv],
    );
    const students = await db.query(
      `INSERT INTO cohort_students (cohort_id, pseudonym) VALUES ($1, 'aaaaaaaaaaaaaaaa'), ($1, 'bbbbbbbbbbbbbbbb') RETURNING id, pseudonym`,
      [cohort],
    );
    const [a, b] = students.sort((x: { pseudonym: string }, y: { pseudonym: string }) =>
      x.pseudonym.localeCompare(y.pseudonym),
    );
    await db.query(
      `INSERT INTO cohort_scores (student_id, question_id, score) VALUES
         ($1, $3, 4), ($1, $4, 1.5), ($1, $5, 2), ($2, $3, 0), ($2, $4, 3), ($2, $5, 0.5)`,
      [a.id, b.id, q1, q2a, q2b],
    );

    await runFixUp();

    expect(await schema()).toEqual(current);
    const [{ question_ids }] = await db.query(`SELECT question_ids FROM cohorts WHERE id = $1`, [
      cohort,
    ]);
    expect(question_ids).toEqual([q1, q2a, q2b]);
    const rows = await db.query(
      `SELECT pseudonym, scores FROM cohort_students WHERE cohort_id = $1 ORDER BY pseudonym`,
      [cohort],
    );
    expect(rows.map((r: { scores: number[] }) => r.scores)).toEqual([
      [4, 1.5, 2],
      [0, 3, 0.5],
    ]);

    // A second run, as on a database migrated after the edits, changes nothing.
    await runFixUp();
    expect(await schema()).toEqual(current);
    const again = await db.query(
      `SELECT scores FROM cohort_students WHERE cohort_id = $1 ORDER BY pseudonym`,
      [cohort],
    );
    expect(again).toEqual(rows.map((r: { scores: number[] }) => ({ scores: r.scores })));
  });
});
