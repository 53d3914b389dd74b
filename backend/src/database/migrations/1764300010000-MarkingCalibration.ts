import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calibration reads: a teacher's mark on a calibration item (an answer with an expert score slipped
 * into the queue) is recorded as its own kind, so it measures the teacher and never moves the
 * answer's final score.
 */
export class MarkingCalibration1764300010000 implements MigrationInterface {
  name = 'MarkingCalibration1764300010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE marks DROP CONSTRAINT ck_marks_read_kind`);
    await q.query(`ALTER TABLE marks ADD CONSTRAINT ck_marks_read_kind CHECK
      (read_kind IN ('first','second','third','arbitration','review','rescore','problem','calibration'))`);
    await q.query(`CREATE INDEX ix_marking_tasks_calibration ON marking_tasks (question_id, shuffle_key) WHERE is_calibration`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_marking_tasks_calibration`);
    await q.query(`ALTER TABLE marks DROP CONSTRAINT ck_marks_read_kind`);
    await q.query(`ALTER TABLE marks ADD CONSTRAINT ck_marks_read_kind CHECK
      (read_kind IN ('first','second','third','arbitration','review','rescore','problem'))`);
  }
}
