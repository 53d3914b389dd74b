import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A simulated model (模拟模型) is a writer whose answers were drawn by a script to stand in for a
 * model where no real answers exist (the demo's K12 papers below grade 12), not written by a model.
 * The flag travels with the model so the models page, the report and its findings can say so: a
 * simulated model's figures are never a model's. Existing models are real (default false).
 */
export class SimulatedModels1764300099000 implements MigrationInterface {
  name = 'SimulatedModels1764300099000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ai_models ADD COLUMN is_simulated boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ai_models DROP COLUMN is_simulated`);
  }
}
