import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answer groups (answer-groups.ts): a teacher who splits an answer off a group reads it on its own,
 * in the ordinary queue; this row keeps it out of that teacher's groups (other teachers may still
 * find it in theirs: each read is its teacher's own). A queue preference, not a mark: marks stay
 * the only record of a read, and a group's marks share their lease token (the one read they were).
 */
export class MarkingGroupSplits1764300096500 implements MigrationInterface {
  name = 'MarkingGroupSplits1764300096500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE marking_group_splits (
        task_id bigint NOT NULL CONSTRAINT fk_marking_group_splits_task REFERENCES marking_tasks(id),
        user_id uuid NOT NULL CONSTRAINT fk_marking_group_splits_user REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_marking_group_splits PRIMARY KEY (task_id, user_id)
      )`);
    // A group's marks are found by their shared lease token (the audit of "marked as a group of n").
    await q.query(`CREATE INDEX ix_marks_lease_token ON marks (lease_token) WHERE lease_token IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_marks_lease_token`);
    await q.query(`DROP TABLE marking_group_splits`);
  }
}
