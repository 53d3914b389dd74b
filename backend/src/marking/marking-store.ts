import { EntityManager } from 'typeorm';
import { answerForMarker } from './domain/answer-for-marker';
import { MarkingMode, Read, resolve, Rubric } from './domain/marking-rules';
import type { BlindTask } from './marking.service';
import { DomainError } from '../common/domain-errors';

/** SQL shared by the queue, the reviews and the seniors' desk. */

export const RUBRIC_JSON = `json_build_object('mode', COALESCE(b.mode, 'score'), 'startingPoints', COALESCE(b.starting_points, 0)::float,
  'floorPoints', COALESCE(b.floor_points, 0)::float, 'ceilingPoints', COALESCE(b.ceiling_points, q.points)::float,
  'items', COALESCE(b.items, '[]'::jsonb), 'graderNotes', b.grader_notes)`;

/** The blind view's columns, with t (task), q (question), r (response) and b (latest rubric) in scope. */
export const BLIND_COLUMNS = `t.id::text AS "taskId", t.lease_token AS "leaseToken", t.lease_expires_at AS "leaseExpiresAt",
  json_build_object('id', q.id, 'number', q.number, 'type', q.type, 'points', q.points::float, 'stem', q.stem,
                    'referenceAnswer', COALESCE(q.reference_answer, q.answer_key::text)) AS question,
  json_build_object('text', COALESCE(r.text, '')) AS answer, ${RUBRIC_JSON} AS rubric,
  COALESCE(b.samples, '[]'::jsonb) AS samples,
  (SELECT count(DISTINCT k.marker_id)::int + 1 FROM marks k WHERE k.task_id = t.id AND k.read_kind IN ('first', 'second', 'third')) AS "readNumber"`;

/** The answer as a marker reads it: nothing in its form may say a model wrote it (answer-for-marker.ts). */
export function blinded<T extends { answer: { text: string } }>(task: T): T {
  return { ...task, answer: { text: answerForMarker(task.answer.text) } };
}

/** The blind view of a task: question, latest rubric, answer text; nothing about who wrote it. */
export async function blindTaskOf(m: EntityManager, taskId: string): Promise<BlindTask> {
  const [t] = await m.query(
    `SELECT ${BLIND_COLUMNS}
     FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN responses r ON r.id = t.response_id
     LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true
     WHERE t.id = $1`,
    [taskId],
  );
  return blinded(t);
}

export async function readsOf(m: EntityManager, taskId: string): Promise<Read[]> {
  return m.query(`SELECT marker_id AS "markerId", read_kind AS kind, points::float AS points FROM marks WHERE task_id = $1 ORDER BY id`, [
    taskId,
  ]);
}

/**
 * A question's tolerance, the one definition (q, v in scope): the marking resolution, the quality
 * page and the report all read it, so agreement is measured against the tolerance marking uses.
 */
export const TOLERANCE_SQL = `COALESCE((SELECT o.tolerance FROM marking_policy_overrides o WHERE o.question_id = q.id),
    (SELECT o.tolerance FROM marking_policy_overrides o WHERE o.paper_version_id = v.id),
    q.tolerance, (q.scoring_policy->'marking'->>'tolerance')::numeric, (v.scoring_policy->'marking'->>'tolerance')::numeric, 0)::float`;

/**
 * Single or double marking and the tolerance, each field by precedence: the admin's override of the
 * question, of the paper (marking_policy_overrides, one index probe each), then the question's
 * policy, the paper's (q, v in scope).
 */
export const MODE_COLUMNS = `COALESCE((SELECT o.mode FROM marking_policy_overrides o WHERE o.question_id = q.id),
    (SELECT o.mode FROM marking_policy_overrides o WHERE o.paper_version_id = v.id),
    q.scoring_policy->'marking'->>'mode', v.scoring_policy->'marking'->>'mode', 'single') AS mode,
  ${TOLERANCE_SQL} AS tolerance`;

export function modeFrom(row: { mode: string; tolerance: number }): MarkingMode {
  return row.mode === 'double' ? { mode: 'double', tolerance: row.tolerance } : { mode: 'single' };
}

export async function modeOf(m: EntityManager, questionId: string): Promise<MarkingMode> {
  const [q] = await m.query(`SELECT ${MODE_COLUMNS} FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id WHERE q.id = $1`, [
    questionId,
  ]);
  return modeFrom(q);
}

export interface NewMark {
  kind: string;
  rubricId: string | null;
  appliedItems: string[];
  adjustment: number;
  comment: string | null;
  points: number;
  secondsSpent: number | null;
  leaseToken: string | null;
}

/**
 * Appends a mark and writes the task's derived state in one statement. With `version`, only if the
 * task is still that row version and leased to this teacher with this token (else null: nothing
 * written); without it, the caller holds the task's lock.
 */
export async function appendAndResolve(
  m: EntityManager,
  taskId: string,
  userId: string,
  mark: NewMark,
  mode: MarkingMode,
  reads: Read[],
  version: string | null = null,
) {
  const res = resolve(mode, reads);
  const rows: unknown[] = await m.query(
    `WITH t AS (SELECT id FROM marking_tasks
                WHERE id = $1 AND ($14::text IS NULL OR (xmin::text = $14 AND lease_holder = $2 AND lease_token = $10 AND lease_expires_at >= now()))
                FOR UPDATE),
          ins AS (
            INSERT INTO marks (task_id, marker_id, read_kind, rubric_id, applied_items, adjustment, comment, points, seconds_spent, lease_token)
            SELECT t.id, $2, $3, $4::uuid, $5::jsonb, $6::numeric, $7::text, $8::numeric, $9::real, $10::uuid FROM t)
     UPDATE marking_tasks SET state = $11, final_score = $12, rule = $13, rule_code = $15, rule_params = $16::jsonb,
            lease_holder = NULL, lease_token = NULL, lease_expires_at = NULL
     FROM t WHERE marking_tasks.id = t.id RETURNING marking_tasks.id`,
    [
      taskId,
      userId,
      mark.kind,
      mark.rubricId,
      JSON.stringify(mark.appliedItems),
      mark.adjustment,
      mark.comment,
      mark.points,
      mark.secondsSpent,
      mark.leaseToken,
      res.state,
      res.finalScore,
      res.rule,
      version,
      res.code,
      JSON.stringify(res.params),
    ],
  );
  // TypeORM returns [rows, count] for an UPDATE … RETURNING.
  const updated = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
  if (!updated.length) return null;
  return { taskId, state: res.state, finalScore: res.finalScore, points: mark.points };
}

/** The question's latest rubric; a question without one is marked by score up to its points. */
export async function rubricOf(m: EntityManager, questionId: string): Promise<{ id: string | null; rubric: Rubric }> {
  const [row] = await m.query(
    `SELECT b.id, ${RUBRIC_JSON} AS rubric FROM questions q
     LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true WHERE q.id = $1`,
    [questionId],
  );
  return { id: row.id, rubric: row.rubric };
}

/** Derives the task's state and final score from all its reads, and ends any lease on it. */
export async function rederive(m: EntityManager, taskId: string, mode: MarkingMode, reads: Read[]) {
  const res = resolve(mode, reads);
  await m.query(
    `UPDATE marking_tasks SET state = $2, final_score = $3, rule = $4, rule_code = $5, rule_params = $6::jsonb,
            lease_holder = NULL, lease_token = NULL, lease_expires_at = NULL WHERE id = $1`,
    [taskId, res.state, res.finalScore, res.rule, res.code, JSON.stringify(res.params)],
  );
  return { taskId, state: res.state, finalScore: res.finalScore, points: reads[reads.length - 1]?.points ?? null };
}

/** Question types whose answer is either right or wrong, when a teacher reads one the grader could not. */
const ALL_OR_NOTHING = new Set(['single_choice', 'true_false']);

/** Refuses a score between nothing and full marks for such a question: in a first read, a re-mark or an arbitration. */
export function assertAllOrNothing(type: string, points: number, ceiling: number) {
  if (ALL_OR_NOTHING.has(type) && points !== 0 && points !== ceiling)
    throw new DomainError(`a ${type} answer scores 0 or ${ceiling}`, 422, undefined, 'marking.all_or_nothing', { max: ceiling });
}
