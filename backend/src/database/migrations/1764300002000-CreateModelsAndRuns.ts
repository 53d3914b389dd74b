import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The model registry, runs and their work items, and one row per request attempt.
 * The attempt table is both the cache and the resume record: a successful attempt with a given
 * request hash is never sent again.
 */
export class CreateModelsAndRuns1764300002000 implements MigrationInterface {
  name = 'CreateModelsAndRuns1764300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ai_models (
        id uuid CONSTRAINT pk_ai_models PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CONSTRAINT uq_ai_models_name UNIQUE,
        provider text NOT NULL DEFAULT 'openai_compatible',
        base_url text,
        model_id text NOT NULL,
        api_key_env text,
        modality text NOT NULL CONSTRAINT ck_ai_models_modality CHECK (modality IN ('text','vision')),
        image_profile jsonb,
        params jsonb NOT NULL DEFAULT '{}',
        samples_per_question int NOT NULL DEFAULT 1,
        concurrency int NOT NULL DEFAULT 4,
        rpm_limit int,
        tpm_limit int,
        price_input_per_mtok numeric(12,6),
        price_output_per_mtok numeric(12,6),
        is_imported boolean NOT NULL DEFAULT false,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE runs (
        id uuid CONSTRAINT pk_runs PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        status text NOT NULL DEFAULT 'queued' CONSTRAINT ck_runs_status CHECK
          (status IN ('queued','running','paused','cancelled','finished','imported')),
        template_version text NOT NULL,
        notes text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE run_papers (
        run_id uuid NOT NULL CONSTRAINT fk_run_papers_run REFERENCES runs(id),
        paper_version_id uuid NOT NULL CONSTRAINT fk_run_papers_paper REFERENCES paper_versions(id),
        CONSTRAINT pk_run_papers PRIMARY KEY (run_id, paper_version_id)
      )`);
    await q.query(`
      CREATE TABLE run_models (
        run_id uuid NOT NULL CONSTRAINT fk_run_models_run REFERENCES runs(id),
        model_id uuid NOT NULL CONSTRAINT fk_run_models_model REFERENCES ai_models(id),
        config_snapshot jsonb NOT NULL,
        CONSTRAINT pk_run_models PRIMARY KEY (run_id, model_id)
      )`);
    await q.query(`
      CREATE TABLE work_items (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_work_items PRIMARY KEY,
        run_id uuid NOT NULL CONSTRAINT fk_work_items_run REFERENCES runs(id),
        model_id uuid NOT NULL CONSTRAINT fk_work_items_model REFERENCES ai_models(id),
        question_id uuid NOT NULL CONSTRAINT fk_work_items_question REFERENCES questions(id),
        sample_index int NOT NULL,
        state text NOT NULL DEFAULT 'pending' CONSTRAINT ck_work_items_state CHECK
          (state IN ('pending','in_flight','answered','failed','not_applicable','cancelled')),
        request_hash char(64),
        attempts_count int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_work_items_unit UNIQUE (run_id, model_id, question_id, sample_index)
      )`);
    await q.query(`CREATE INDEX ix_work_items_progress ON work_items (run_id, model_id, state)`);
    await q.query(`
      CREATE TABLE attempts (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_attempts PRIMARY KEY,
        work_item_id bigint CONSTRAINT fk_attempts_work_item REFERENCES work_items(id),
        request_hash char(64) NOT NULL,
        template_version text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        response_text text,
        reasoning_text text,
        finish_reason text,
        tokens_in int,
        tokens_out int,
        latency_ms int,
        cost numeric(14,8),
        http_status int,
        error text,
        is_success boolean NOT NULL DEFAULT false
      )`);
    // The cache lookup: at most one successful attempt per request hash.
    await q.query(`CREATE UNIQUE INDEX uq_attempts_success_hash ON attempts (request_hash) WHERE is_success`);
    await q.query(`CREATE INDEX ix_attempts_work_item ON attempts (work_item_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['attempts', 'work_items', 'run_models', 'run_papers', 'runs', 'ai_models']) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
