import { excerptForMarker } from './domain/answer-for-marker';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { agreement, Agreement } from '../statistics/agreement';
import { TOLERANCE_SQL } from './marking-store';

export interface TeacherStats {
  marker: string;
  count: number;
  medianSeconds: number | null;
  mean: number | null;
  sd: number | null;
  thirdReadRate: number | null;
  agreement: Agreement;
  calibration: { n: number; meanAbsoluteError: number | null };
  /** Mean of the teacher's earlier half of reads and of the later half, for drift. */
  earlyMean: number | null;
  lateMean: number | null;
  flags: ('lenient' | 'severe' | 'low_agreement' | 'drift' | 'calibration_error')[];
}

interface Row {
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

/**
 * Per teacher on one question: how many, how fast, how generous, how steady, how well they agree
 * with the other reader of the same answers and with the expert on calibration items. Aggregated
 * in SQL; the agreement statistics are pure functions.
 */
@Injectable()
export class MarkingMonitorService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Questions with answers in the marking queue, with progress, for the monitoring page. */
  questions() {
    return this.db.query(
      `SELECT q.id AS "questionId", q.number, v.title AS "paperTitle", v.subject, count(*)::int AS total,
              count(*) FILTER (WHERE t.state = 'done')::int AS done, count(*) FILTER (WHERE t.is_calibration)::int AS calibration
       FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       GROUP BY q.id, q.number, v.title, v.subject, q.ordinal ORDER BY v.subject, v.title, q.ordinal`,
    );
  }

  /** Settled answers of a question (blind), to pick calibration items from. */
  async answers(questionId: string) {
    const rows: { excerpt: string }[] = await this.db.query(
      `SELECT t.id::text AS "taskId", left(COALESCE(r.text, ''), 600) AS excerpt, t.final_score::float AS "finalScore",
              t.is_calibration AS "isCalibration", t.expert_score::float AS "expertScore",
              (SELECT count(*)::int FROM marks k WHERE k.task_id = t.id AND k.read_kind = 'calibration') AS "calibrationReads"
       FROM marking_tasks t JOIN responses r ON r.id = t.response_id
       WHERE t.question_id = $1 AND t.state = 'done' ORDER BY t.is_calibration DESC, t.shuffle_key LIMIT 200`,
      [questionId],
    );
    // seniors who mark read these too: in the blind form, like every answer a marker sees
    return rows.map((r) => ({ ...r, excerpt: excerptForMarker(r.excerpt, 300) }));
  }

  async question(questionId: string) {
    const [q] = await this.db.query(
      `SELECT q.points::float AS points, ${TOLERANCE_SQL} AS tolerance
       FROM questions q JOIN paper_versions v ON v.id = q.paper_version_id WHERE q.id = $1`,
      [questionId],
    );
    if (!q) throw new DomainError(`question ${questionId} does not exist`, 404);
    // Each teacher's latest scoring read per answer (a re-mark replaces the earlier one); calibration reads apart.
    const rows: Row[] = await this.db.query(
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
    const total = rows.reduce((a, r) => a + r.count, 0);
    const mean = total ? rows.reduce((a, r) => a + r.mean! * r.count, 0) / total : null;
    const [{ sd }] = await this.db.query(
      `SELECT stddev_samp(k.points)::float AS sd FROM marks k JOIN marking_tasks t ON t.id = k.task_id
       WHERE t.question_id = $1 AND k.read_kind NOT IN ('problem', 'arbitration', 'calibration')`,
      [questionId],
    );
    return { questionId, maxPoints: q.points, mean, sd, teachers: rows.map((r) => this.stats(r, q, mean, sd)) };
  }

  private stats(r: Row, q: { points: number; tolerance: number }, mean: number | null, sd: number | null): TeacherStats {
    const a = agreement(r.pairs ?? [], 0, q.points, q.tolerance);
    const flags: TeacherStats['flags'] = [];
    // Leniency and severity: the teacher's mean half a standard deviation or more from everyone's.
    if (mean !== null && sd && r.mean !== null && r.count >= 5) {
      if (r.mean - mean >= 0.5 * sd) flags.push('lenient');
      if (mean - r.mean >= 0.5 * sd) flags.push('severe');
    }
    // Drift: the later half of the teacher's reads half a standard deviation away from the earlier half.
    if (sd && r.count >= 10 && r.earlyMean !== null && r.lateMean !== null && Math.abs(r.lateMean - r.earlyMean) >= 0.5 * sd)
      flags.push('drift');
    if (a.qwk !== null && a.n >= 5 && a.qwk < 0.7) flags.push('low_agreement');
    if (r.calibrationN >= 3 && r.calibrationError !== null && r.calibrationError > q.tolerance) flags.push('calibration_error');
    return {
      marker: r.marker,
      count: r.count,
      medianSeconds: r.medianSeconds,
      mean: r.mean,
      sd: r.sd,
      thirdReadRate: r.thirdReadRate,
      agreement: a,
      calibration: { n: r.calibrationN, meanAbsoluteError: r.calibrationError },
      earlyMean: r.earlyMean,
      lateMean: r.lateMean,
      flags,
    };
  }

  /** An answer already marked becomes a calibration item with an expert score; its own final score stays. */
  async makeCalibration(taskId: string, expertScore: number, actor: AuditActor) {
    return this.db.transaction(async (m) => {
      const [t] = await m.query(
        `SELECT t.id::text, t.state, t.is_calibration AS "isCalibration", t.expert_score::float AS "expertScore", q.points::float AS points
         FROM marking_tasks t JOIN questions q ON q.id = t.question_id WHERE t.id::text = $1 FOR UPDATE OF t`,
        [taskId],
      );
      if (!t) throw new DomainError(`answer ${taskId} does not exist`, 404);
      if (t.state !== 'done') throw new DomainError('only a marked answer (final score settled) can become a calibration item', 409);
      if (expertScore > t.points) throw new DomainError(`expert score ${expertScore} is above the question's ${t.points} points`, 422);
      await m.query(`UPDATE marking_tasks SET is_calibration = true, expert_score = $2 WHERE id = $1`, [taskId, expertScore]);
      await this.audit.record(
        actor,
        {
          action: 'calibration_set',
          entityType: 'marking_task',
          entityId: taskId,
          before: { isCalibration: t.isCalibration, expertScore: t.expertScore },
          after: { isCalibration: true, expertScore },
        },
        m,
      );
      return { taskId, isCalibration: true, expertScore };
    });
  }
}
