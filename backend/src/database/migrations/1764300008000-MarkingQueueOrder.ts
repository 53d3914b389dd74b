import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A teacher's next answer is the first open task at or after the teacher's own point in the
 * question's shuffled order (wrapping around): an index range scan instead of sorting the queue.
 */
export class MarkingQueueOrder1764300008000 implements MigrationInterface {
  name = 'MarkingQueueOrder1764300008000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_marking_tasks_open ON marking_tasks (question_id, shuffle_key) WHERE state IN ('open', 'needs_third')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_marking_tasks_open`);
  }
}
