import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the report needs: per cohort, a salt for pseudonyms, the distribution of its students'
 * totals and student-resampled question means (both computed once at import, so a report never
 * reads 10,000 students again); and one view that says, for every scored unit of every answer,
 * whether it is scored (and with what), pending, not scored or not applicable.
 * A student's scores become one array aligned to the cohort's question order: 10,000 rows per
 * cohort instead of 10,000 × questions, each checked against two foreign keys (30k rows/s).
 */
export class CohortsAndReport1764300009000 implements MigrationInterface {
  name = 'CohortsAndReport1764300009000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cohorts
        ADD COLUMN pseudonym_salt bytea,
        ADD COLUMN total_histogram jsonb,
        ADD COLUMN student_replicates jsonb,
        ADD COLUMN source_file text,
        ADD COLUMN question_ids uuid[]`);
    await q.query(`ALTER TABLE cohort_students ADD COLUMN scores real[]`);
    await q.query(`DROP TABLE cohort_scores`);
    await q.query(`CREATE INDEX ix_cohorts_paper ON cohorts (paper_version_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_responses_student ON responses (student_id) WHERE student_id IS NOT NULL`);
    // A composite answer is scored on its sub-questions, any other answer on its own question.
    // Teachers' final score wins where a marking task exists; otherwise the latest automatic grade.
    await q.query(`
      CREATE VIEW unit_scores AS
      SELECT r.id AS response_id, r.source_kind, r.run_id, r.model_id, r.sample_index, r.student_id,
             u.id AS question_id, u.points AS max_points, t.id AS task_id,
             CASE WHEN r.outcome = 'not_applicable' THEN 'not_applicable'
                  WHEN r.outcome = 'not_scored' THEN 'not_scored'
                  WHEN t.id IS NOT NULL THEN CASE WHEN t.state = 'done' AND t.final_score IS NOT NULL THEN 'scored' ELSE 'pending' END
                  WHEN g.status IN ('correct', 'partial', 'wrong') THEN 'scored'
                  WHEN g.status = 'not_scored' THEN 'not_scored'
                  ELSE 'pending' END AS state,
             CASE WHEN r.outcome <> 'answered' THEN NULL
                  WHEN t.id IS NOT NULL THEN CASE WHEN t.state = 'done' THEN t.final_score END
                  WHEN g.status IN ('correct', 'partial', 'wrong') THEN g.score END AS score
      FROM responses r
      JOIN questions top ON top.id = r.question_id
      JOIN LATERAL (
        SELECT top.id, top.points, top.is_objective WHERE top.type <> 'composite'
        UNION ALL
        SELECT s.id, s.points, s.is_objective FROM questions s WHERE s.parent_id = top.id AND top.type = 'composite') u ON true
      LEFT JOIN marking_tasks t ON t.response_id = r.id AND t.question_id = u.id
      LEFT JOIN LATERAL (
        SELECT g.status, g.score FROM auto_grades g WHERE g.response_id = r.id AND g.question_id = u.id ORDER BY g.id DESC LIMIT 1) g
        ON u.is_objective`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW unit_scores`);
    await q.query(`DROP INDEX ix_responses_student`);
    await q.query(`DROP INDEX ix_cohorts_paper`);
    await q.query(
      `ALTER TABLE cohorts DROP COLUMN pseudonym_salt, DROP COLUMN total_histogram, DROP COLUMN student_replicates, DROP COLUMN source_file`,
    );
  }
}
