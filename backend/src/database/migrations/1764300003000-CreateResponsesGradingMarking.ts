import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Answers (from models or students), automatic grades, the marking queue and marks.
 * Grades and marks are append-only; the current score of an item is derived from them.
 */
export class CreateResponsesGradingMarking1764300003000 implements MigrationInterface {
  name = 'CreateResponsesGradingMarking1764300003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cohorts (
        id uuid CONSTRAINT pk_cohorts PRIMARY KEY DEFAULT gen_random_uuid(),
        paper_version_id uuid NOT NULL CONSTRAINT fk_cohorts_paper REFERENCES paper_versions(id),
        name text NOT NULL,
        kind text NOT NULL CONSTRAINT ck_cohorts_kind CHECK (kind IN ('question_stats','score_matrix')),
        is_synthetic boolean NOT NULL,
        generator jsonb,
        student_count int NOT NULL DEFAULT 0,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE cohort_students (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_cohort_students PRIMARY KEY,
        cohort_id uuid NOT NULL CONSTRAINT fk_cohort_students_cohort REFERENCES cohorts(id),
        pseudonym char(16) NOT NULL,
        CONSTRAINT uq_cohort_students_pseudonym UNIQUE (cohort_id, pseudonym)
      )`);

    // Answers are per top-level question; a composite's sub-questions are graded within it.
    await q.query(`
      CREATE TABLE responses (
        id uuid CONSTRAINT pk_responses PRIMARY KEY DEFAULT gen_random_uuid(),
        question_id uuid NOT NULL CONSTRAINT fk_responses_question REFERENCES questions(id),
        source_kind text NOT NULL CONSTRAINT ck_responses_source CHECK (source_kind IN ('model','student')),
        run_id uuid CONSTRAINT fk_responses_run REFERENCES runs(id),
        model_id uuid CONSTRAINT fk_responses_model REFERENCES ai_models(id),
        sample_index int,
        attempt_id bigint CONSTRAINT fk_responses_attempt REFERENCES attempts(id),
        student_id bigint CONSTRAINT fk_responses_student REFERENCES cohort_students(id),
        outcome text NOT NULL CONSTRAINT ck_responses_outcome CHECK (outcome IN ('answered','not_scored','not_applicable')),
        text text,
        reasoning_text text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_responses_owner CHECK ((source_kind = 'model' AND model_id IS NOT NULL) OR (source_kind = 'student' AND student_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_responses_model_unit ON responses (run_id, model_id, question_id, sample_index) WHERE source_kind = 'model'`,
    );
    await q.query(`CREATE INDEX ix_responses_question ON responses (question_id)`);

    await q.query(`
      CREATE TABLE auto_grades (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_auto_grades PRIMARY KEY,
        response_id uuid NOT NULL CONSTRAINT fk_auto_grades_response REFERENCES responses(id),
        question_id uuid NOT NULL CONSTRAINT fk_auto_grades_question REFERENCES questions(id),
        score numeric(8,2),
        max_score numeric(8,2) NOT NULL,
        status text NOT NULL CONSTRAINT ck_auto_grades_status CHECK
          (status IN ('correct','partial','wrong','not_scored','unparsed')),
        method text NOT NULL,
        region text,
        extracted jsonb,
        explanation text,
        grader_version text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_auto_grades_latest ON auto_grades (response_id, question_id, id DESC)`);

    await q.query(`
      CREATE TABLE marking_tasks (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_marking_tasks PRIMARY KEY,
        response_id uuid NOT NULL CONSTRAINT fk_marking_tasks_response REFERENCES responses(id),
        question_id uuid NOT NULL CONSTRAINT fk_marking_tasks_question REFERENCES questions(id),
        state text NOT NULL DEFAULT 'open' CONSTRAINT ck_marking_tasks_state CHECK
          (state IN ('open','needs_third','needs_arbitration','problem','done')),
        reads_required smallint NOT NULL DEFAULT 1,
        is_calibration boolean NOT NULL DEFAULT false,
        expert_score numeric(8,2),
        shuffle_key int NOT NULL,
        lease_holder uuid CONSTRAINT fk_marking_tasks_lease_holder REFERENCES users(id),
        lease_token uuid,
        lease_expires_at timestamptz,
        final_score numeric(8,2),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_marking_tasks_unit UNIQUE (response_id, question_id)
      )`);
    await q.query(`CREATE INDEX ix_marking_tasks_queue ON marking_tasks (question_id, state, shuffle_key)`);

    await q.query(`
      CREATE TABLE marks (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_marks PRIMARY KEY,
        task_id bigint NOT NULL CONSTRAINT fk_marks_task REFERENCES marking_tasks(id),
        marker_id uuid NOT NULL CONSTRAINT fk_marks_marker REFERENCES users(id),
        read_kind text NOT NULL CONSTRAINT ck_marks_read_kind CHECK
          (read_kind IN ('first','second','third','arbitration','review','rescore','problem')),
        rubric_id uuid CONSTRAINT fk_marks_rubric REFERENCES rubrics(id),
        applied_items jsonb NOT NULL DEFAULT '[]',
        adjustment numeric(8,2) NOT NULL DEFAULT 0,
        comment text,
        points numeric(8,2),
        problem_reason text,
        seconds_spent real,
        lease_token uuid,
        supersedes_id bigint CONSTRAINT fk_marks_supersedes REFERENCES marks(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_marks_task ON marks (task_id, id)`);
    await q.query(`CREATE INDEX ix_marks_marker ON marks (marker_id, created_at DESC)`);
    await q.query(`
      CREATE FUNCTION marks_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'marks are append-only: record a new mark instead';
      END $$ LANGUAGE plpgsql`);
    await q.query(`
      CREATE TRIGGER tr_marks_append_only BEFORE UPDATE OR DELETE ON marks
      FOR EACH ROW EXECUTE FUNCTION marks_append_only()`);

    // Cohort results: per-question statistics, or a per-student matrix (both may exist).
    await q.query(`
      CREATE TABLE cohort_question_stats (
        cohort_id uuid NOT NULL CONSTRAINT fk_cohort_question_stats_cohort REFERENCES cohorts(id),
        question_id uuid NOT NULL CONSTRAINT fk_cohort_question_stats_question REFERENCES questions(id),
        n int NOT NULL,
        mean numeric(8,3) NOT NULL,
        sd numeric(8,3),
        distribution jsonb,
        CONSTRAINT pk_cohort_question_stats PRIMARY KEY (cohort_id, question_id)
      )`);
    await q.query(`
      CREATE TABLE cohort_scores (
        student_id bigint NOT NULL CONSTRAINT fk_cohort_scores_student REFERENCES cohort_students(id),
        question_id uuid NOT NULL CONSTRAINT fk_cohort_scores_question REFERENCES questions(id),
        score numeric(8,2) NOT NULL,
        CONSTRAINT pk_cohort_scores PRIMARY KEY (student_id, question_id)
      )`);
    await q.query(`CREATE INDEX ix_cohort_scores_question ON cohort_scores (question_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_marks_append_only ON marks`);
    await q.query(`DROP FUNCTION marks_append_only()`);
    for (const t of [
      'cohort_scores',
      'cohort_question_stats',
      'marks',
      'marking_tasks',
      'auto_grades',
      'responses',
      'cohort_students',
      'cohorts',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
