import { excerptForMarker } from './domain/answer-for-marker';
import { Injectable } from '@nestjs/common';
import type { TeacherStats } from '@yuejuan/contracts';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { agreement } from '../statistics/agreement';
import { MarkingMonitorRepository, TeacherRow } from './marking-monitor.repository';

// One teacher's figures are the monitor page's too: defined once in @yuejuan/contracts.
export type { TeacherStats } from '@yuejuan/contracts';

/**
 * Per teacher on one question: how many, how fast, how generous, how steady, how well they agree
 * with the other reader of the same answers and with the expert on calibration items. Aggregated
 * in SQL; the agreement statistics are pure functions.
 */
@Injectable()
export class MarkingMonitorService {
  constructor(
    private readonly repo: MarkingMonitorRepository,
    private readonly audit: AuditService,
  ) {}

  /** Questions with answers in the marking queue, with progress, for the monitoring page. */
  questions() {
    return this.repo.questions();
  }

  /** Settled answers of a question (blind), to pick calibration items from. */
  async answers(questionId: string) {
    const rows = await this.repo.settledAnswers(questionId);
    // seniors who mark read these too: in the blind form, like every answer a marker sees
    return rows.map((r) => ({ ...r, excerpt: excerptForMarker(r.excerpt, 300) }));
  }

  async question(questionId: string) {
    const q = await this.repo.pointsAndTolerance(questionId);
    if (!q) throw new DomainError(`question ${questionId} does not exist`, 404);
    const rows = await this.repo.teachers(questionId);
    const total = rows.reduce((a, r) => a + r.count, 0);
    const mean = total ? rows.reduce((a, r) => a + r.mean! * r.count, 0) / total : null;
    const sd = await this.repo.overallSd(questionId);
    return {
      questionId,
      maxPoints: q.points,
      mean,
      sd,
      teachers: rows.map((r) => this.stats(r, q, mean, sd)),
    };
  }

  private stats(
    r: TeacherRow,
    q: { points: number; tolerance: number },
    mean: number | null,
    sd: number | null,
  ): TeacherStats {
    const a = agreement(r.pairs ?? [], 0, q.points, q.tolerance);
    const flags: TeacherStats['flags'] = [];
    // Leniency and severity: the teacher's mean half a standard deviation or more from everyone's.
    if (mean !== null && sd && r.mean !== null && r.count >= 5) {
      if (r.mean - mean >= 0.5 * sd) flags.push('lenient');
      if (mean - r.mean >= 0.5 * sd) flags.push('severe');
    }
    // Drift: the later half of the teacher's reads half a standard deviation away from the earlier half.
    if (
      sd &&
      r.count >= 10 &&
      r.earlyMean !== null &&
      r.lateMean !== null &&
      Math.abs(r.lateMean - r.earlyMean) >= 0.5 * sd
    )
      flags.push('drift');
    if (a.qwk !== null && a.n >= 5 && a.qwk < 0.7) flags.push('low_agreement');
    if (r.calibrationN >= 3 && r.calibrationError !== null && r.calibrationError > q.tolerance)
      flags.push('calibration_error');
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
    return this.repo.transaction(async (m) => {
      const t = await this.repo.lockForCalibration(taskId, m);
      if (!t) throw new DomainError(`answer ${taskId} does not exist`, 404);
      if (t.state !== 'done')
        throw new DomainError(
          'only a marked answer (final score settled) can become a calibration item',
          409,
        );
      if (expertScore > t.points)
        throw new DomainError(
          `expert score ${expertScore} is above the question's ${t.points} points`,
          422,
        );
      await this.repo.setCalibration(taskId, expertScore, m);
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
