import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TOLERANCE_SQL } from './marking-sql';
import type { MonitorQuestion as MonitoredQuestionRow } from '@yuejuan/contracts';

/** A monitored question is the monitoring page's row too: defined once in @yuejuan/contracts. */
export type { MonitorQuestion as MonitoredQuestionRow } from '@yuejuan/contracts';

export interface SettledAnswerRow {
  taskId: string;
  excerpt: string;
  finalScore: number | null;
  isCalibration: boolean;
  expertScore: number | null;
  calibrationReads: number;
}

/** One teacher's figures on one question, as aggregated in SQL. */
export interface TeacherRow {
  marker: string;
  count: number;
  medianSeconds: number | null;
  mean: number | null;
  sd: number | null;
  thirdReadRate: number | null;
  pairs: [number, number][] | null;
  earlyMean: number | null;
  lateMean: number | null;
  calibrationN: number;
  calibrationError: number | null;
}

export interface CalibrationTarget {
  id: string;
  state: string;
  isCalibration: boolean;
  expertScore: number | null;
  points: number;
}

/**
 * The monitoring page's aggregates. Raw SQL: each teacher's latest read per answer (DISTINCT ON),
 * ranks for drift (window functions), a median (percentile_cont) and the pairs with the other
 * reader of the same answers, all in one statement per question.
 */
@Injectable()
export class MarkingMonitorRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  questions(): Promise<MonitoredQuestionRow[]> {
    return this.db.query(
      `SELECT q.id AS "questionId", q.number, v.title AS "paperTitle", v.subject, count(*)::int AS total,
              count(*) FILTER (WHERE t.state = 'done')::int AS done, count(*) FILTER (WHERE t.is_calibration)::int AS calibration
       FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       GROUP BY q.id, q.number, v.title, v.subject, q.ordinal ORDER BY v.subject, v.title, q.ordinal`,
    );
  }

  /** Up to 200 settled answers of a question, calibration items first (text as stored). */
  settledAnswers(questionId: string): Promise<SettledAnswerRow[]> {
    return this.db.query(
      `SELECT t.id::text AS "taskId", left(COALESCE(r.text, ''), 600) AS excerpt, t.final_score::float AS "finalScore",
              t.is_calibration AS "isCalibration", t.expert_score::float AS "expertScore",
              (SELECT count(*)::int FROM marks k WHERE k.task_id = t.id AND k.read_kind = 'calibration') AS "calibrationReads"
       FROM marking_tasks t JOIN responses r ON r.id = t.response_id
       WHERE t.question_id = $1 AND t.state = 'done' ORDER BY t.is_calibration DESC, t.shuffle_key LIMIT 200`,
      [questionId],
    );
  }

  async pointsAndTolerance(
    questionId: string,
  ): Promise<{ points: number; tolerance: number } | null> {
    const [q] = await this.db.query(
      `SELECT q.points::float AS points, ${TOLERANCE_SQL} AS tolerance
       FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id WHERE q.id = $1`,
      [questionId],
    );
    return q ?? null;
  }

  /** Each teacher's figures from their latest scoring read per answer (a re-mark replaces the earlier one); calibration reads apart. */
  teachers(questionId: string): Promise<TeacherRow[]> {
    return this.db.query(
      `WITH eff AS (
         SELECT DISTINCT ON (k.task_id, k.marker_id) k.task_id, k.marker_id, k.points::float AS points, k.seconds_spent, k.created_at
         FROM marks k JOIN marking_tasks t ON t.id = k.task_id
         WHERE t.question_id = $1 AND k.read_kind NOT IN ('problem', 'arbitration', 'calibration') AND k.points IS NOT NULL
         ORDER BY k.task_id, k.marker_id, k.id DESC),
       ranked AS (SELECT e.*, row_number() OVER (PARTITION BY e.marker_id ORDER BY e.created_at) AS i, count(*) OVER (PARTITION BY e.marker_id) AS n FROM eff e),
       cal AS (
         SELECT DISTINCT ON (k.task_id, k.marker_id) k.marker_id, abs(k.points - t.expert_score)::float AS error
         FROM marks k JOIN marking_tasks t ON t.id = k.task_id
         WHERE t.question_id = $1 AND k.read_kind = 'calibration' AND t.expert_score IS NOT NULL
         ORDER BY k.task_id, k.marker_id, k.id DESC)
       SELECT u.display_name AS marker, count(*)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY e.seconds_spent) AS "medianSeconds",
              avg(e.points)::float AS mean, stddev_samp(e.points)::float AS sd,
              (avg(CASE WHEN EXISTS (SELECT 1 FROM marks k3 WHERE k3.task_id = e.task_id AND k3.read_kind = 'third') THEN 1 ELSE 0 END)
                FILTER (WHERE t.reads_required > 1))::float AS "thirdReadRate",
              (SELECT json_agg(json_build_array(e2.points, o.points)) FROM eff e2 JOIN eff o ON o.task_id = e2.task_id AND o.marker_id <> e2.marker_id
               WHERE e2.marker_id = e.marker_id) AS pairs,
              (avg(e.points) FILTER (WHERE e.i * 2 <= e.n))::float AS "earlyMean", (avg(e.points) FILTER (WHERE e.i * 2 > e.n))::float AS "lateMean",
              (SELECT count(*)::int FROM cal WHERE cal.marker_id = e.marker_id) AS "calibrationN",
              (SELECT avg(error)::float FROM cal WHERE cal.marker_id = e.marker_id) AS "calibrationError"
       FROM ranked e JOIN users u ON u.id = e.marker_id JOIN marking_tasks t ON t.id = e.task_id
       GROUP BY e.marker_id, u.display_name ORDER BY u.display_name`,
      [questionId],
    );
  }

  /** The spread of every scoring read of the question (all teachers). */
  async overallSd(questionId: string): Promise<number | null> {
    const [{ sd }] = await this.db.query(
      `SELECT stddev_samp(k.points)::float AS sd FROM marks k JOIN marking_tasks t ON t.id = k.task_id
       WHERE t.question_id = $1 AND k.read_kind NOT IN ('problem', 'arbitration', 'calibration')`,
      [questionId],
    );
    return sd;
  }

  async lockForCalibration(taskId: string, m: EntityManager): Promise<CalibrationTarget | null> {
    const [t] = await m.query(
      `SELECT t.id::text, t.state, t.is_calibration AS "isCalibration", t.expert_score::float AS "expertScore", q.points::float AS points
       FROM marking_tasks t JOIN questions q ON q.id = t.question_id WHERE t.id::text = $1 FOR UPDATE OF t`,
      [taskId],
    );
    return t ?? null;
  }

  async setCalibration(taskId: string, expertScore: number, m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE marking_tasks SET is_calibration = true, expert_score = $2 WHERE id = $1`,
      [taskId, expertScore],
    );
  }
}
