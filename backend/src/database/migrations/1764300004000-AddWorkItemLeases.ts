import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work items are claimed under a lease that the claiming process renews; after a crash the lease
 * runs out and any process takes the item again. Runs record when they started.
 */
export class AddWorkItemLeases1764300004000 implements MigrationInterface {
  name = 'AddWorkItemLeases1764300004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE work_items ADD COLUMN lease_until timestamptz, ADD COLUMN claimed_by uuid, ADD COLUMN last_error text`);
    await q.query(`CREATE INDEX ix_work_items_claimable ON work_items (model_id, run_id) WHERE state IN ('pending', 'in_flight')`);
    await q.query(`ALTER TABLE runs ADD COLUMN started_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE runs DROP COLUMN started_at`);
    await q.query(`DROP INDEX ix_work_items_claimable`);
    await q.query(`ALTER TABLE work_items DROP COLUMN lease_until, DROP COLUMN claimed_by, DROP COLUMN last_error`);
  }
}
