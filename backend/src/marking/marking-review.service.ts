import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-errors';
import { MarkInput, resolve, rubricPoints } from './domain/marking-rules';
import { answerForMarker, excerptForMarker } from './domain/answer-for-marker';
import { assertAllOrNothing, blindTaskOf, modeOf, readsOf, rederive, RUBRIC_JSON, rubricOf } from './marking-store';

/**
 * After the first reads: a teacher's own history and re-marks (回评), and the seniors' desk for
 * answers beyond the third read's tolerance and problem answers. Every change is a new mark.
 */
@Injectable()
export class MarkingReviewService {
  constructor(private readonly db: DataSource) {}

  /** The teacher's recent marks, newest first: blind, like the queue. */
  history(userId: string, limit = 50) {
    return this.db
      .query(
        `SELECT DISTINCT ON (k.task_id) k.task_id::text AS "taskId", q.id AS "questionId", q.number AS "questionNumber", v.title AS "paperTitle",
              CASE WHEN k.read_kind = 'calibration' THEN 'first' ELSE k.read_kind END AS kind,
              k.points::float AS points, k.created_at AS at, left(COALESCE(r.text, ''), 400) AS excerpt, t.state
       FROM marks k JOIN marking_tasks t ON t.id = k.task_id JOIN questions q ON q.id = t.question_id JOIN responses r ON r.id = t.response_id
       JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE k.marker_id = $1 AND k.read_kind <> 'problem'
       ORDER BY k.task_id, k.id DESC`,
        [userId],
      )
      .then((rows: { at: string; excerpt: string }[]) =>
        rows
          .sort((a, b) => (a.at < b.at ? 1 : -1))
          .slice(0, limit)
          .map((r) => ({ ...r, excerpt: excerptForMarker(r.excerpt, 120) })),
      );
  }

  /**
   * An answer this teacher has marked, to look at again (no lease: it is already theirs to correct),
   * with their latest mark on it, so the correction starts from what they gave.
   */
  async myTask(userId: string, taskId: string) {
    const [mine] = await this.db.query(
      `SELECT k.applied_items AS "appliedItems", k.points::float AS points, k.adjustment::float AS adjustment, k.comment,
              k.read_kind AS kind, k.created_at AS at
       FROM marks k WHERE k.task_id = $1 AND k.marker_id = $2 AND k.read_kind NOT IN ('problem', 'arbitration') ORDER BY k.id DESC LIMIT 1`,
      [taskId, userId],
    );
    if (!mine) throw new DomainError('you have not marked this answer', 404);
    const { kind: _, ...previous } = mine;
    return { ...(await blindTaskOf(this.db.manager, taskId)), previous };
  }

  /** 回评: the teacher corrects their own mark; the new mark replaces theirs in the resolution. */
  async review(userId: string, taskId: string, body: MarkInput) {
    return this.db.transaction(async (m) => {
      const [t] = await m.query(
        `SELECT t.id, t.question_id AS "questionId", q.type FROM marking_tasks t JOIN questions q ON q.id = t.question_id WHERE t.id = $1 FOR UPDATE OF t`,
        [taskId],
      );
      if (!t) throw new DomainError(`answer ${taskId} does not exist`, 404);
      const [last] = await m.query(
        `SELECT id, read_kind AS kind FROM marks WHERE task_id = $1 AND marker_id = $2 AND read_kind NOT IN ('problem', 'arbitration') ORDER BY id DESC LIMIT 1`,
        [taskId, userId],
      );
      if (!last) throw new DomainError('you have not marked this answer', 404);
      const { id: rubricId, rubric } = await rubricOf(m, t.questionId);
      const points = rubricPoints(rubric, body);
      if (!points.ok) throw new DomainError(points.error, 422);
      assertAllOrNothing(t.type, points.points, rubric.ceilingPoints);
      await m.query(
        `INSERT INTO marks (task_id, marker_id, read_kind, rubric_id, applied_items, adjustment, comment, points, supersedes_id)
         VALUES ($1, $2, $9, $3, $4, $5, $6, $7, $8)`,
        [
          taskId,
          userId,
          rubricId,
          JSON.stringify(body.appliedItems ?? []),
          body.adjustment ?? 0,
          body.comment ?? null,
          points.points,
          last.id,
          // Correcting a calibration read keeps it a calibration read: it never moves the answer's score.
          last.kind === 'calibration' ? 'calibration' : 'review',
        ],
      );
      const mode = await modeOf(m, t.questionId);
      if (last.kind === 'calibration') {
        const looks = resolve(mode, [{ markerId: userId, kind: 'first', points: points.points }]);
        return { taskId, state: looks.state, finalScore: looks.finalScore, points: points.points };
      }
      return rederive(m, taskId, mode, await readsOf(m, taskId));
    });
  }

  /**
   * The seniors' desk: answers beyond the third read's tolerance, and problem answers, with every
   * read beside the other, the rubric the reads applied, and the question's reference answer.
   */
  async seniorQueue() {
    const rows: { answerText: string }[] = await this.db.query(
      `SELECT t.id::text AS "taskId", t.state, t.rule, t.rule_code AS "ruleCode", t.rule_params AS "ruleParams",
              q.id AS "questionId", q.number AS "questionNumber", q.points::float AS "maxPoints",
              v.title AS "paperTitle", COALESCE(r.text, '') AS "answerText", ${RUBRIC_JSON} AS rubric,
              (SELECT json_agg(json_build_object('marker', u.display_name, 'kind', k.read_kind, 'points', k.points::float,
                        'appliedItems', k.applied_items, 'comment', k.comment, 'problemReason', k.problem_reason, 'at', k.created_at) ORDER BY k.id)
               FROM marks k JOIN users u ON u.id = k.marker_id WHERE k.task_id = t.id) AS reads
       FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       JOIN responses r ON r.id = t.response_id
       LEFT JOIN LATERAL (SELECT * FROM rubrics b WHERE b.question_id = q.id ORDER BY b.version DESC LIMIT 1) b ON true
       WHERE t.state IN ('needs_arbitration', 'problem') ORDER BY t.id`,
    );
    return rows.map((r) => ({ ...r, answerText: answerForMarker(r.answerText) }));
  }

  /** A senior decides: the arbitration mark is final. */
  async arbitrate(userId: string, taskId: string, body: MarkInput) {
    return this.db.transaction(async (m) => {
      const [t] = await m.query(
        `SELECT t.id, t.question_id AS "questionId", t.state, q.type FROM marking_tasks t JOIN questions q ON q.id = t.question_id WHERE t.id = $1 FOR UPDATE OF t`,
        [taskId],
      );
      if (!t) throw new DomainError(`answer ${taskId} does not exist`, 404);
      if (t.state !== 'needs_arbitration' && t.state !== 'problem')
        throw new DomainError(`this answer does not wait for arbitration (it is ${t.state})`, 409);
      const { id: rubricId, rubric } = await rubricOf(m, t.questionId);
      const points = rubricPoints(rubric, body);
      if (!points.ok) throw new DomainError(points.error, 422);
      assertAllOrNothing(t.type, points.points, rubric.ceilingPoints);
      await m.query(
        `INSERT INTO marks (task_id, marker_id, read_kind, rubric_id, applied_items, adjustment, comment, points)
         VALUES ($1, $2, 'arbitration', $3, $4, $5, $6, $7)`,
        [taskId, userId, rubricId, JSON.stringify(body.appliedItems ?? []), body.adjustment ?? 0, body.comment ?? null, points.points],
      );
      return rederive(m, taskId, await modeOf(m, t.questionId), await readsOf(m, taskId));
    });
  }
}
