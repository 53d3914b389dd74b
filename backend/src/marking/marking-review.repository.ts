import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ReadKind, Rubric } from './domain/marking-rules';
import { LATEST_RUBRIC, RUBRIC_JSON } from './marking-sql';

export interface HistoryRow {
  taskId: string;
  questionId: string;
  questionNumber: string;
  paperTitle: string;
  kind: string;
  points: number | null;
  at: string;
  excerpt: string;
  state: string;
}

/** A teacher's latest scoring mark on an answer, as a correction starts from it. */
export interface OwnMarkRow {
  appliedItems: string[];
  points: number | null;
  adjustment: number;
  comment: string | null;
  kind: ReadKind;
  at: string;
}

export interface SeniorQueueRow {
  taskId: string;
  state: string;
  rule: string;
  ruleCode: string;
  ruleParams: Record<string, number>;
  questionId: string;
  questionNumber: string;
  maxPoints: number;
  paperTitle: string;
  answerText: string;
  rubric: Rubric & { graderNotes: string | null };
  reads: unknown[];
}

/** A mark appended by a correction or an arbitration (never an update of an earlier one). */
export interface AppendedMark {
  kind: 'review' | 'calibration' | 'arbitration';
  rubricId: string | null;
  appliedItems: string[];
  adjustment: number;
  comment: string | null;
  points: number;
  supersedesId: string | null;
}

/**
 * The reads behind a teacher's history and re-marks and the seniors' desk. Raw SQL: DISTINCT ON
 * for each answer's latest mark, a lateral join for the latest rubric, json_agg of every read.
 */
@Injectable()
export class MarkingReviewRepository {
  constructor(private readonly db: DataSource) {}

  /** The teacher's latest mark on each answer they marked (problem reports aside), unordered. */
  history(userId: string): Promise<HistoryRow[]> {
    return this.db.query(
      `SELECT DISTINCT ON (k.task_id) k.task_id::text AS "taskId", q.id AS "questionId", q.number AS "questionNumber", v.title AS "paperTitle",
              CASE WHEN k.read_kind = 'calibration' THEN 'first' ELSE k.read_kind END AS kind,
              k.points::float AS points, k.created_at AS at, left(COALESCE(r.text, ''), 400) AS excerpt, t.state
       FROM marks k JOIN marking_tasks t ON t.id = k.task_id JOIN questions q ON q.id = t.question_id JOIN responses r ON r.id = t.response_id
       JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE k.marker_id = $1 AND k.read_kind <> 'problem'
       ORDER BY k.task_id, k.id DESC`,
      [userId],
    );
  }

  /** The teacher's latest own scoring mark on an answer (not a problem report, not an arbitration). */
  async ownMark(userId: string, taskId: string): Promise<OwnMarkRow | null> {
    const [row] = await this.db.query(
      `SELECT k.applied_items AS "appliedItems", k.points::float AS points, k.adjustment::float AS adjustment, k.comment,
              k.read_kind AS kind, k.created_at AS at
       FROM marks k WHERE k.task_id = $1 AND k.marker_id = $2 AND k.read_kind NOT IN ('problem', 'arbitration') ORDER BY k.id DESC LIMIT 1`,
      [taskId, userId],
    );
    return row ?? null;
  }

  /** The same mark's id and kind, under the caller's lock on the task. */
  async ownMarkId(
    userId: string,
    taskId: string,
    m: EntityManager,
  ): Promise<{ id: string; kind: ReadKind } | null> {
    const [row] = await m.query(
      `SELECT id, read_kind AS kind FROM marks WHERE task_id = $1 AND marker_id = $2 AND read_kind NOT IN ('problem', 'arbitration') ORDER BY id DESC LIMIT 1`,
      [taskId, userId],
    );
    return row ?? null;
  }

  /** The task locked for a correction or an arbitration, with its question's type. */
  async lockTask(
    taskId: string,
    m: EntityManager,
  ): Promise<{ id: string; questionId: string; state: string; type: string } | null> {
    const [t] = await m.query(
      `SELECT t.id, t.question_id AS "questionId", t.state, q.type FROM marking_tasks t JOIN questions q ON q.id = t.question_id WHERE t.id = $1 FOR UPDATE OF t`,
      [taskId],
    );
    return t ?? null;
  }

  async appendMark(
    taskId: string,
    userId: string,
    mark: AppendedMark,
    m: EntityManager,
  ): Promise<void> {
    await m.query(
      `INSERT INTO marks (task_id, marker_id, read_kind, rubric_id, applied_items, adjustment, comment, points, supersedes_id)
       VALUES ($1, $2, $9, $3, $4, $5, $6, $7, $8)`,
      [
        taskId,
        userId,
        mark.rubricId,
        JSON.stringify(mark.appliedItems),
        mark.adjustment,
        mark.comment,
        mark.points,
        mark.supersedesId,
        mark.kind,
      ],
    );
  }

  /** Answers beyond the third read's tolerance and problem answers, each with every read beside the other (text as stored). */
  seniorQueue(): Promise<SeniorQueueRow[]> {
    return this.db.query(
      `SELECT t.id::text AS "taskId", t.state, t.rule, t.rule_code AS "ruleCode", t.rule_params AS "ruleParams",
              q.id AS "questionId", q.number AS "questionNumber", q.points::float AS "maxPoints",
              v.title AS "paperTitle", COALESCE(r.text, '') AS "answerText", ${RUBRIC_JSON} AS rubric,
              (SELECT json_agg(json_build_object('marker', u.display_name, 'kind', k.read_kind, 'points', k.points::float,
                        'appliedItems', k.applied_items, 'comment', k.comment, 'problemReason', k.problem_reason, 'at', k.created_at) ORDER BY k.id)
               FROM marks k JOIN users u ON u.id = k.marker_id WHERE k.task_id = t.id) AS reads
       FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       JOIN responses r ON r.id = t.response_id
       ${LATEST_RUBRIC}
       WHERE t.state IN ('needs_arbitration', 'problem') ORDER BY t.id`,
    );
  }
}
