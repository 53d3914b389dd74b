import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The grader now queues for teachers the answers it could not read, in the transaction that appends
 * their grades, instead of a sweep searching all grades for them every second; answers graded
 * unparsed before this and never queued (a crash between grading and the sweep) are queued here.
 *
 * And the per-statement reference check of grades and marking tasks (1764300011000), with half the
 * probes: a batch of thousands of grades names thousands of answers but only the few questions of
 * its papers, so each distinct question is looked up once, after the answers. On the grading bench
 * the check's share of a 5,000-row insert fell from ~53 ms to ~21 ms (docs/benchmarks.md).
 * The error names the first missing answer, else the first missing question; same code (23503).
 */
const check = (body: string) => `
  CREATE OR REPLACE FUNCTION check_answer_references() RETURNS trigger LANGUAGE plpgsql
  -- A batch is thousands of rows against tables of millions: probe the primary keys row by row
  -- rather than hash a whole table (the transition table has no statistics to plan by).
  SET enable_hashjoin = off SET enable_mergejoin = off AS $$
  DECLARE bad record;
  BEGIN
    ${body}
    RETURN NULL;
  END $$`;

/** Raises 23503 if the SELECT … INTO bad before it found a row; `message` names it, `%` for each of `values`. */
const refuse = (message: string, values: string) => `
    IF FOUND THEN
      RAISE EXCEPTION '%: ${message} does not exist', TG_TABLE_NAME, ${values} USING ERRCODE = 'foreign_key_violation';
    END IF;`;

export class GraderQueuesUnparsed1764300012000 implements MigrationInterface {
  name = 'GraderQueuesUnparsed1764300012000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      check(`
    SELECT n.response_id INTO bad FROM new_rows n
    WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.id = n.response_id)
    LIMIT 1;
    ${refuse('answer %', 'bad.response_id')}
    SELECT n.question_id INTO bad FROM (SELECT DISTINCT question_id FROM new_rows) n
    WHERE NOT EXISTS (SELECT 1 FROM questions q WHERE q.id = n.question_id)
    LIMIT 1;
    ${refuse('question %', 'bad.question_id')}`),
    );
    await q.query(`
      INSERT INTO marking_tasks (response_id, question_id, reads_required, shuffle_key)
      SELECT g.response_id, g.question_id,
             CASE WHEN COALESCE(q.scoring_policy->'marking'->>'mode', v.scoring_policy->'marking'->>'mode') = 'double' THEN 2 ELSE 1 END,
             hashtext(g.response_id::text || g.question_id::text)
      FROM auto_grades g JOIN questions q ON q.id = g.question_id JOIN paper_versions v ON v.id = q.paper_version_id
      WHERE g.status = 'unparsed'
        AND NOT EXISTS (SELECT 1 FROM auto_grades n WHERE n.response_id = g.response_id AND n.question_id = g.question_id AND n.id > g.id)
      ON CONFLICT (response_id, question_id) DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      check(`
    SELECT n.response_id, n.question_id INTO bad FROM new_rows n
    WHERE NOT EXISTS (SELECT 1 FROM responses r WHERE r.id = n.response_id)
       OR NOT EXISTS (SELECT 1 FROM questions q WHERE q.id = n.question_id)
    LIMIT 1;
    ${refuse('answer % or question %', 'bad.response_id, bad.question_id')}`),
    );
  }
}
