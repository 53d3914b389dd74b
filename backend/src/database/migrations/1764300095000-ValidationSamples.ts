import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Validation samples: a researcher asks for a stratified random sample of a question's answers
 * (strata: each model under test, and the students) to be marked by teachers, so a judge that read
 * every answer can be compared with them. Each request is recorded (who, when, the seed, the strata
 * with their sizes) and the chosen marking tasks point to it; those tasks are served first in
 * teachers' queues (marking.service.ts, next()), so the comparison fills before the rest.
 */
export class ValidationSamples1764300095000 implements MigrationInterface {
  name = 'ValidationSamples1764300095000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE validation_samples (
        id uuid CONSTRAINT pk_validation_samples PRIMARY KEY DEFAULT gen_random_uuid(),
        question_id uuid NOT NULL CONSTRAINT fk_validation_samples_question REFERENCES questions(id),
        requested_by uuid CONSTRAINT fk_validation_samples_user REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        seed bigint NOT NULL,
        per_stratum int NOT NULL CONSTRAINT ck_validation_samples_per_stratum CHECK (per_stratum > 0),
        -- [{ stratum, source, modelId, population, sampled }]: what there was to draw from, and what was drawn
        strata jsonb NOT NULL,
        task_count int NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_validation_samples_question ON validation_samples (question_id, requested_at DESC)`);
    await q.query(
      `ALTER TABLE marking_tasks ADD COLUMN validation_sample_id uuid CONSTRAINT fk_marking_tasks_validation_sample REFERENCES validation_samples(id)`,
    );
    // the queue's first pass: open sampled tasks of a question in shuffled order (a range scan, like ix_marking_tasks_open)
    await q.query(
      `CREATE INDEX ix_marking_tasks_validation_open ON marking_tasks (question_id, shuffle_key)
       WHERE validation_sample_id IS NOT NULL AND state IN ('open', 'needs_third')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_marking_tasks_validation_open`);
    await q.query(`ALTER TABLE marking_tasks DROP COLUMN validation_sample_id`);
    await q.query(`DROP TABLE validation_samples`);
  }
}
