import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why an answer was read as it was, as codes with parameters: the grader's decision and every step
 * of its trace (`{code, params, trace: [{code, params}]}`), beside the English `explanation` kept
 * for the record. Clients word the codes in the reader's language. Grades appended before this
 * have none and are shown by their explanation.
 */
export class GradeReasonCodes1764300070000 implements MigrationInterface {
  name = 'GradeReasonCodes1764300070000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE auto_grades ADD COLUMN reason jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE auto_grades DROP COLUMN reason`);
  }
}
