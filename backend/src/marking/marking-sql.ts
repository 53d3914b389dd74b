/**
 * The SQL fragments the marking queries share with the judge, the quality page and the report: one
 * definition of the latest rubric's shape, the blind view's columns, and a question's effective
 * marking mode and tolerance, so every reader measures agreement the way marking resolves it.
 * Strings only (no queries run here); the repositories put them into their statements.
 */

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

/** The question's latest rubric as `b`, q in scope. */
export const LATEST_RUBRIC = `LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true`;

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
