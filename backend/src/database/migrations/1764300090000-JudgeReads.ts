import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Judge reads: an LLM judge's marking of one scored unit (response × question), its own kind of
 * read, kept apart from teachers' `marks` so human reads stay independent and every judged point
 * can be traced to its judge (model + template version), its call (attempt) and its rationale.
 * Append-only like marks: the latest row per (response, question, judge model, template) is the
 * judgement; a failed judgement (unparsable, breaks the rubric) is recorded with a code and no points.
 */
export class JudgeReads1764300090000 implements MigrationInterface {
  name = 'JudgeReads1764300090000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE judge_reads (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_judge_reads PRIMARY KEY,
        response_id uuid NOT NULL CONSTRAINT fk_judge_reads_response REFERENCES responses(id),
        question_id uuid NOT NULL CONSTRAINT fk_judge_reads_question REFERENCES questions(id),
        judge_model_id uuid NOT NULL CONSTRAINT fk_judge_reads_model REFERENCES ai_models(id),
        template_version text NOT NULL,
        judge_run_id uuid CONSTRAINT fk_judge_reads_run REFERENCES runs(id),
        attempt_id bigint CONSTRAINT fk_judge_reads_attempt REFERENCES attempts(id),
        status text NOT NULL CONSTRAINT ck_judge_reads_status CHECK (status IN ('scored','failed')),
        failure_code text,
        failure_params jsonb,
        rubric_id uuid CONSTRAINT fk_judge_reads_rubric REFERENCES rubrics(id),
        applied_items jsonb NOT NULL DEFAULT '[]',
        adjustment numeric(8,2) NOT NULL DEFAULT 0,
        points numeric(8,2),
        max_points numeric(8,2) NOT NULL,
        rationale text,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- A failed judgement never carries a score, and a scored one always does.
        CONSTRAINT ck_judge_reads_points CHECK
          ((status = 'scored' AND points IS NOT NULL AND failure_code IS NULL)
           OR (status = 'failed' AND points IS NULL AND failure_code IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX ix_judge_reads_latest ON judge_reads (question_id, judge_model_id, template_version, response_id, id DESC)`,
    );
    await q.query(`CREATE INDEX ix_judge_reads_response ON judge_reads (response_id, question_id)`);
    await q.query(`CREATE INDEX ix_judge_reads_run ON judge_reads (judge_run_id) WHERE judge_run_id IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION judge_reads_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'judge_reads are append-only: record a new judgement instead';
      END $$ LANGUAGE plpgsql`);
    await q.query(`
      CREATE TRIGGER tr_judge_reads_append_only BEFORE UPDATE OR DELETE ON judge_reads
      FOR EACH ROW EXECUTE FUNCTION judge_reads_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_judge_reads_append_only ON judge_reads`);
    await q.query(`DROP FUNCTION judge_reads_append_only()`);
    await q.query(`DROP TABLE judge_reads`);
  }
}
