import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the LLM judge needs besides its reads (1764300090000):
 * - `ai_models.is_judge`: judges are listed apart from the models under test; `judge_output` says
 *   how a judge is held to the output contract: the provider's structured output ('json_schema',
 *   OpenAI-compatible `response_format`) or, where a provider has none, tagged text ('tagged').
 * - `runs.kind`: a judge run reads answers instead of asking questions; it goes through the same
 *   work items, slots, attempts (the cache) and leases as an answer run.
 * - `work_items.target_response_id`: the answer a judge work item reads. The unit of a judge item
 *   is (run, judge model, answer, scored question), so the single unit constraint becomes two
 *   partial unique indexes, one per kind of item.
 * - `judge_runs`: the judge and template a judge run uses, its configuration as it was, and what it
 *   was asked to read. Kept out of `run_models`, which lists models under test (the report reads it).
 * - `question_judge_settings`: per question, whether teachers see judge reads after their own read
 *   ('after_own_read'), only seniors at arbitration ('seniors_only'), or nobody ('hidden', the
 *   default when no row exists). One current row per question; changes are in the audit trail.
 */
export class JudgeWork1764300091000 implements MigrationInterface {
  name = 'JudgeWork1764300091000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ai_models ADD COLUMN is_judge boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE ai_models ADD COLUMN judge_output text NOT NULL DEFAULT 'json_schema' CONSTRAINT ck_ai_models_judge_output CHECK (judge_output IN ('json_schema','tagged'))`,
    );
    await q.query(
      `ALTER TABLE runs ADD COLUMN kind text NOT NULL DEFAULT 'answer' CONSTRAINT ck_runs_kind CHECK (kind IN ('answer','judge'))`,
    );
    await q.query(
      `ALTER TABLE work_items ADD COLUMN target_response_id uuid CONSTRAINT fk_work_items_target_response REFERENCES responses(id)`,
    );
    await q.query(`ALTER TABLE work_items DROP CONSTRAINT uq_work_items_unit`);
    await q.query(
      `CREATE UNIQUE INDEX uq_work_items_answer_unit ON work_items (run_id, model_id, question_id, sample_index) WHERE target_response_id IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX uq_work_items_judge_unit ON work_items (run_id, model_id, target_response_id, question_id) WHERE target_response_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE judge_runs (
        run_id uuid CONSTRAINT pk_judge_runs PRIMARY KEY CONSTRAINT fk_judge_runs_run REFERENCES runs(id),
        judge_model_id uuid NOT NULL CONSTRAINT fk_judge_runs_model REFERENCES ai_models(id),
        template_version text NOT NULL,
        config_snapshot jsonb NOT NULL,
        scope jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_judge_runs_model ON judge_runs (judge_model_id)`);
    await q.query(`
      CREATE TABLE question_judge_settings (
        question_id uuid CONSTRAINT pk_question_judge_settings PRIMARY KEY
          CONSTRAINT fk_question_judge_settings_question REFERENCES questions(id) ON DELETE CASCADE,
        visibility text NOT NULL CONSTRAINT ck_question_judge_settings_visibility
          CHECK (visibility IN ('hidden','after_own_read','seniors_only')),
        set_by uuid CONSTRAINT fk_question_judge_settings_set_by REFERENCES users(id),
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE question_judge_settings`);
    await q.query(`DROP TABLE judge_runs`);
    await q.query(`DROP INDEX uq_work_items_judge_unit`);
    await q.query(`DROP INDEX uq_work_items_answer_unit`);
    await q.query(`ALTER TABLE work_items ADD CONSTRAINT uq_work_items_unit UNIQUE (run_id, model_id, question_id, sample_index)`);
    await q.query(`ALTER TABLE work_items DROP COLUMN target_response_id`);
    await q.query(`ALTER TABLE runs DROP COLUMN kind`);
    await q.query(`ALTER TABLE ai_models DROP COLUMN judge_output`);
    await q.query(`ALTER TABLE ai_models DROP COLUMN is_judge`);
  }
}
