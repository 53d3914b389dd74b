import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the grader has still to grade, and grade rows checked once per statement.
 *
 * The queue: every answer to an objective question (or to a composite one with objective parts)
 * enters `grading_queue` when it is stored, by a statement trigger, so no way of storing answers
 * can miss it; the grader reads the queue in key order and removes an answer in the same statement
 * that appends its grades, so a crash leaves each answer either queued or graded. Finding the work
 * costs what there is to do, not a walk over every answer ever stored (which, on a table without
 * statistics yet, the planner turned into a sort of everything for each batch).
 *
 * The checks: grades and marking tasks are appended in batches of thousands. A foreign key checks
 * each row on its own and takes a key-share lock on the referenced answer and question, which
 * writes to those rows: on the bench that was two thirds of the cost of storing a grade. The same
 * guarantee, set-wise, for auto_grades and marking_tasks:
 * - an insert is refused (23503) if any of its rows names an answer or question that does not
 *   exist, checked by one anti-join over the statement's new rows;
 * - deleting an answer or question that has grades or tasks is refused (23503), after taking a
 *   share lock on both tables, which waits for inserts in flight and holds new ones until the
 *   delete ends, so nothing can slip in for a row being deleted. Nothing in the app deletes either.
 * Only unparsed grades send answers to teachers; a partial index finds them without a scan.
 */
/** What the grader grades: an objective question, or a composite one with an objective part (q in scope). */
const GRADABLE = `(q.is_objective OR (q.type = 'composite' AND EXISTS (SELECT 1 FROM questions s WHERE s.parent_id = q.id AND s.is_objective)))`;

export class GradingQueue1764300011000 implements MigrationInterface {
  name = 'GradingQueue1764300011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE auto_grades DROP CONSTRAINT fk_auto_grades_response, DROP CONSTRAINT fk_auto_grades_question`);
    await q.query(`ALTER TABLE marking_tasks DROP CONSTRAINT fk_marking_tasks_response, DROP CONSTRAINT fk_marking_tasks_question`);
    await q.query(`
      CREATE FUNCTION check_answer_references() RETURNS trigger LANGUAGE plpgsql
      -- A batch is thousands of rows against tables of millions: probe the primary keys row by row
      -- rather than hash a whole table (the transition table has no statistics to plan by).
      SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      DECLARE bad record;
      BEGIN
        SELECT n.response_id, n.question_id INTO bad FROM new_rows n
        WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.id = n.response_id)
           OR NOT EXISTS (SELECT 1 FROM questions q WHERE q.id = n.question_id)
        LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION '%: answer % or question % does not exist', TG_TABLE_NAME, bad.response_id, bad.question_id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['auto_grades', 'marking_tasks'])
      await q.query(`
        CREATE TRIGGER tr_${table}_references AFTER INSERT ON ${table}
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION check_answer_references()`);
    await q.query(`
      CREATE FUNCTION refuse_delete_if_graded() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE auto_grades, marking_tasks IN SHARE MODE;
        IF (TG_TABLE_NAME = 'responses' AND (EXISTS (SELECT 1 FROM auto_grades WHERE response_id = OLD.id)
                                             OR EXISTS (SELECT 1 FROM marking_tasks WHERE response_id = OLD.id)))
           OR (TG_TABLE_NAME = 'questions' AND (EXISTS (SELECT 1 FROM auto_grades WHERE question_id = OLD.id)
                                                OR EXISTS (SELECT 1 FROM marking_tasks WHERE question_id = OLD.id))) THEN
          RAISE EXCEPTION '% % has grades or marking tasks and cannot be deleted', TG_TABLE_NAME, OLD.id
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN OLD;
      END $$`);
    await q.query(`CREATE TRIGGER tr_responses_graded BEFORE DELETE ON responses FOR EACH ROW EXECUTE FUNCTION refuse_delete_if_graded()`);
    await q.query(`CREATE TRIGGER tr_questions_graded BEFORE DELETE ON questions FOR EACH ROW EXECUTE FUNCTION refuse_delete_if_graded()`);
    await q.query(`CREATE INDEX ix_auto_grades_unparsed ON auto_grades (response_id, question_id) WHERE status = 'unparsed'`);
    // No query looks grades up by question alone (they are read per answer): one index less to write.
    await q.query(`DROP INDEX ix_auto_grades_question`);

    await q.query(`
      CREATE TABLE grading_queue (
        response_id uuid CONSTRAINT pk_grading_queue PRIMARY KEY CONSTRAINT fk_grading_queue_response REFERENCES responses(id)
      )`);
    await q.query(`
      CREATE FUNCTION responses_enqueue_for_grading() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO grading_queue (response_id)
        SELECT n.id FROM new_responses n JOIN questions q ON q.id = n.question_id
        WHERE ${GRADABLE}
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_responses_grading_queue AFTER INSERT ON responses
      REFERENCING NEW TABLE AS new_responses FOR EACH STATEMENT EXECUTE FUNCTION responses_enqueue_for_grading()`);
    // Answers stored before this migration and not graded yet.
    await q.query(`
      INSERT INTO grading_queue (response_id)
      SELECT r.id FROM responses r JOIN questions q ON q.id = r.question_id
      WHERE ${GRADABLE}
        AND NOT EXISTS (SELECT 1 FROM auto_grades g WHERE g.response_id = r.id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_auto_grades_question ON auto_grades (question_id)`);
    await q.query(`DROP TRIGGER tr_responses_grading_queue ON responses`);
    await q.query(`DROP FUNCTION responses_enqueue_for_grading()`);
    await q.query(`DROP TABLE grading_queue`);
    await q.query(`DROP INDEX ix_auto_grades_unparsed`);
    await q.query(`DROP TRIGGER tr_questions_graded ON questions`);
    await q.query(`DROP TRIGGER tr_responses_graded ON responses`);
    await q.query(`DROP FUNCTION refuse_delete_if_graded()`);
    for (const table of ['auto_grades', 'marking_tasks']) {
      await q.query(`DROP TRIGGER tr_${table}_references ON ${table}`);
      await q.query(`
        ALTER TABLE ${table}
          ADD CONSTRAINT fk_${table}_response FOREIGN KEY (response_id) REFERENCES responses(id),
          ADD CONSTRAINT fk_${table}_question FOREIGN KEY (question_id) REFERENCES questions(id)`);
    }
    await q.query(`DROP FUNCTION check_answer_references()`);
  }
}
