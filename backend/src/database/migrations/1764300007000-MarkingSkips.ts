import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A teacher who skips an answer never gets it back; other teachers still do. Tasks are found by
 * question and state, in each teacher's own stable order.
 */
export class MarkingSkips1764300007000 implements MigrationInterface {
  name = 'MarkingSkips1764300007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE marking_skips (
        task_id bigint NOT NULL CONSTRAINT fk_marking_skips_task REFERENCES marking_tasks(id),
        user_id uuid NOT NULL CONSTRAINT fk_marking_skips_user REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_marking_skips PRIMARY KEY (task_id, user_id)
      )`);
    await q.query(`ALTER TABLE marking_tasks ADD COLUMN rule text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE marking_tasks DROP COLUMN rule`);
    await q.query(`DROP TABLE marking_skips`);
  }
}
