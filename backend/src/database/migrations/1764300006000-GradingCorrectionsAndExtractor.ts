import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auto-grades become append-only like marks: a re-grade adds rows, the latest per (response,
 * question) counts. A published paper version stays immutable, so errata to its answer key or
 * scoring rule are appended corrections that the grader applies on top. LLM extractor calls are
 * cached by request hash, as model answers are.
 */
export class GradingCorrectionsAndExtractor1764300006000 implements MigrationInterface {
  name = 'GradingCorrectionsAndExtractor1764300006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$ LANGUAGE plpgsql`);
    await q.query(
      `CREATE TRIGGER tr_auto_grades_append_only BEFORE UPDATE OR DELETE ON auto_grades FOR EACH ROW EXECUTE FUNCTION append_only()`,
    );
    await q.query(`
      CREATE TABLE answer_key_corrections (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_answer_key_corrections PRIMARY KEY,
        question_id uuid NOT NULL CONSTRAINT fk_answer_key_corrections_question REFERENCES questions(id),
        answer_key jsonb,
        scoring_policy jsonb,
        reason text NOT NULL,
        created_by uuid CONSTRAINT fk_answer_key_corrections_user REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_answer_key_corrections_question ON answer_key_corrections (question_id, id DESC)`);
    await q.query(
      `CREATE TRIGGER tr_answer_key_corrections_append_only BEFORE UPDATE OR DELETE ON answer_key_corrections FOR EACH ROW EXECUTE FUNCTION append_only()`,
    );
    await q.query(`
      CREATE TABLE extractor_calls (
        request_hash text CONSTRAINT pk_extractor_calls PRIMARY KEY,
        model_id uuid NOT NULL CONSTRAINT fk_extractor_calls_model REFERENCES ai_models(id),
        output text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_auto_grades_question ON auto_grades (question_id)`);
    // Grader versions whose re-grade of everything graded before them has completed.
    await q.query(
      `CREATE TABLE grader_versions (version text CONSTRAINT pk_grader_versions PRIMARY KEY, regraded_at timestamptz NOT NULL DEFAULT now())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grader_versions`);
    await q.query(`DROP INDEX ix_auto_grades_question`);
    await q.query(`DROP TABLE extractor_calls`);
    await q.query(`DROP TABLE answer_key_corrections`);
    await q.query(`DROP TRIGGER tr_auto_grades_append_only ON auto_grades`);
    await q.query(`DROP FUNCTION append_only()`);
  }
}
