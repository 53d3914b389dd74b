import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where an imported judgement comes from (dataset, commit, file, index, the grader's model id), so
 * every recorded judged point can be traced to its source line. Null for the workbench's own
 * judgements, whose source is their attempt (judge_reads.attempt_id).
 */
export class JudgeReadProvenance1764300092000 implements MigrationInterface {
  name = 'JudgeReadProvenance1764300092000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE judge_reads ADD COLUMN provenance jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE judge_reads DROP COLUMN provenance`);
  }
}
