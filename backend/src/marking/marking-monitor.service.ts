import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-errors';
import { agreement, Agreement } from '../statistics/agreement';

export interface TeacherStats {
  marker: string;
  count: number;
  medianSeconds: number | null;
  mean: number | null;
  sd: number | null;
  thirdReadRate: number | null;
  agreement: Agreement;
  flags: ('lenient' | 'severe' | 'low_agreement')[];
}

/**
 * Per teacher on one question: how many, how fast, how generous, and how well they agree with the
 * other reader of the same answers. Aggregated in SQL; the agreement statistics are pure functions.
 */
@Injectable()
export class MarkingMonitorService {
  constructor(private readonly db: DataSource) {}

  async question(
    questionId: string,
  ): Promise<{ questionId: string; maxPoints: number; mean: number | null; sd: number | null; teachers: TeacherStats[] }> {
    const [q] = await this.db.query(
      `SELECT points::float AS points, COALESCE(tolerance, 1)::float AS tolerance FROM questions WHERE id = $1`,
      [questionId],
    );
    if (!q) throw new DomainError(`question ${questionId} does not exist`, 404);
    // Each teacher's latest scoring read per answer (a re-mark replaces the earlier one).
    const rows: {
      marker: string;
      count: number;
      medianSeconds: number | null;
      mean: number | null;
      sd: number | null;
      thirdReadRate: number | null;
      pairs: [number, number][] | null;
    }[] = await this.db.query(
      `WITH eff AS (
         SELECT DISTINCT ON (k.task_id, k.marker_id) k.task_id, k.marker_id, k.points::float AS points, k.seconds_spent
         FROM marks k JOIN marking_tasks t ON t.id = k.task_id
         WHERE t.question_id = $1 AND k.read_kind NOT IN ('problem', 'arbitration') AND k.points IS NOT NULL
         ORDER BY k.task_id, k.marker_id, k.id DESC)
       SELECT u.display_name AS marker, count(*)::int AS count,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY e.seconds_spent) AS "medianSeconds",
              avg(e.points)::float AS mean, stddev_samp(e.points)::float AS sd,
              (avg(CASE WHEN EXISTS (SELECT 1 FROM marks k3 WHERE k3.task_id = e.task_id AND k3.read_kind = 'third') THEN 1 ELSE 0 END)
                FILTER (WHERE t.reads_required > 1))::float AS "thirdReadRate",
              (SELECT json_agg(json_build_array(e2.points, o.points)) FROM eff e2 JOIN eff o ON o.task_id = e2.task_id AND o.marker_id <> e2.marker_id
               WHERE e2.marker_id = e.marker_id) AS pairs
       FROM eff e JOIN users u ON u.id = e.marker_id JOIN marking_tasks t ON t.id = e.task_id
       GROUP BY e.marker_id, u.display_name ORDER BY u.display_name`,
      [questionId],
    );
    const all = rows.filter((r) => r.mean !== null);
    const total = all.reduce((a, r) => a + r.count, 0);
    const mean = total ? all.reduce((a, r) => a + r.mean! * r.count, 0) / total : null;
    const [{ sd }] = await this.db.query(
      `SELECT stddev_samp(k.points)::float AS sd FROM marks k JOIN marking_tasks t ON t.id = k.task_id
       WHERE t.question_id = $1 AND k.read_kind NOT IN ('problem', 'arbitration')`,
      [questionId],
    );
    const teachers = rows.map((r): TeacherStats => {
      const a = agreement(r.pairs ?? [], 0, q.points, q.tolerance);
      const flags: TeacherStats['flags'] = [];
      // Leniency and severity: the teacher's mean half a standard deviation or more from everyone's.
      if (mean !== null && sd && r.mean !== null && r.count >= 5) {
        if (r.mean - mean >= 0.5 * sd) flags.push('lenient');
        if (mean - r.mean >= 0.5 * sd) flags.push('severe');
      }
      if (a.qwk !== null && a.n >= 5 && a.qwk < 0.7) flags.push('low_agreement');
      return {
        marker: r.marker,
        count: r.count,
        medianSeconds: r.medianSeconds,
        mean: r.mean,
        sd: r.sd,
        thirdReadRate: r.thirdReadRate,
        agreement: a,
        flags,
      };
    });
    return { questionId, maxPoints: q.points, mean, sd, teachers };
  }
}
