import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-errors';
import { MarkInput, resolve, rubricPoints } from './domain/marking-rules';
import { answerForMarker, excerptForMarker } from './domain/answer-for-marker';
import { assertAllOrNothing, blinded, modeFrom, noSuchAnswer, outcome } from './marking-checks';
import { AppendedMark, MarkingReviewRepository } from './marking-review.repository';
import { MarkingTasksRepository } from './marking-tasks.repository';
import { MarkOutcome } from './marking.types';

const NOT_MINE = () => new DomainError('you have not marked this answer', 404);

/**
 * After the first reads: a teacher's own history and re-marks (回评), and the seniors' desk for
 * answers beyond the third read's tolerance and problem answers. Every change is a new mark.
 */
@Injectable()
export class MarkingReviewService {
  constructor(
    private readonly tasks: MarkingTasksRepository,
    private readonly reviews: MarkingReviewRepository,
  ) {}

  /** The teacher's recent marks, newest first: blind, like the queue. */
  async history(userId: string, limit = 50) {
    const rows = await this.reviews.history(userId);
    return rows
      .sort((a, b) => (a.at < b.at ? 1 : -1))
      .slice(0, limit)
      .map((r) => ({ ...r, excerpt: excerptForMarker(r.excerpt, 120) }));
  }

  /**
   * An answer this teacher has marked, to look at again (no lease: it is already theirs to correct),
   * with their latest mark on it, so the correction starts from what they gave.
   */
  async myTask(userId: string, taskId: string) {
    const mine = await this.reviews.ownMark(userId, taskId);
    if (!mine) throw NOT_MINE();
    const { kind: _, ...previous } = mine;
    return { ...blinded(await this.tasks.blindTask(taskId)), previous };
  }

  /** 回评: the teacher corrects their own mark; the new mark replaces theirs in the resolution. */
  async review(userId: string, taskId: string, body: MarkInput): Promise<MarkOutcome> {
    return this.tasks.transaction(async (m) => {
      const t = await this.reviews.lockTask(taskId, m);
      if (!t) throw noSuchAnswer(taskId);
      const last = await this.reviews.ownMarkId(userId, taskId, m);
      if (!last) throw NOT_MINE();
      const { rubricId, points } = await this.scored(t.questionId, t.type, body, m);
      // Correcting a calibration read keeps it a calibration read: it never moves the answer's score.
      const isCalibration = last.kind === 'calibration';
      await this.reviews.appendMark(
        taskId,
        userId,
        markOf(isCalibration ? 'calibration' : 'review', rubricId, body, points, last.id),
        m,
      );
      const mode = modeFrom(await this.tasks.mode(t.questionId, m));
      if (isCalibration)
        return outcome(
          taskId,
          resolve(mode, [{ markerId: userId, kind: 'first', points }]),
          points,
        );
      return this.rederive(taskId, mode, m);
    });
  }

  /**
   * The seniors' desk: answers beyond the third read's tolerance, and problem answers, with every
   * read beside the other, the rubric the reads applied, and the question's reference answer.
   */
  async seniorQueue() {
    const rows = await this.reviews.seniorQueue();
    return rows.map((r) => ({ ...r, answerText: answerForMarker(r.answerText) }));
  }

  /** A senior decides: the arbitration mark is final. */
  async arbitrate(userId: string, taskId: string, body: MarkInput): Promise<MarkOutcome> {
    return this.tasks.transaction(async (m) => {
      const t = await this.reviews.lockTask(taskId, m);
      if (!t) throw noSuchAnswer(taskId);
      if (t.state !== 'needs_arbitration' && t.state !== 'problem')
        throw new DomainError(`this answer does not wait for arbitration (it is ${t.state})`, 409);
      const { rubricId, points } = await this.scored(t.questionId, t.type, body, m);
      await this.reviews.appendMark(
        taskId,
        userId,
        markOf('arbitration', rubricId, body, points, null),
        m,
      );
      return this.rederive(taskId, modeFrom(await this.tasks.mode(t.questionId, m)), m);
    });
  }

  /** The points the mark gives under the question's latest rubric, refused when the rubric or the type does not allow them. */
  private async scored(questionId: string, type: string, body: MarkInput, m: EntityManager) {
    const { id: rubricId, rubric } = await this.tasks.rubric(questionId, m);
    const points = rubricPoints(rubric, body);
    if (!points.ok) throw new DomainError(points.error, 422);
    assertAllOrNothing(type, points.points, rubric.ceilingPoints);
    return { rubricId, points: points.points };
  }

  /** The task's state and final score from all its reads, written; the reply names the last read's points. */
  private async rederive(
    taskId: string,
    mode: ReturnType<typeof modeFrom>,
    m: EntityManager,
  ): Promise<MarkOutcome> {
    const reads = await this.tasks.reads(taskId, m);
    const res = resolve(mode, reads);
    await this.tasks.writeResolution(taskId, res, m);
    return outcome(taskId, res, reads[reads.length - 1]?.points ?? null);
  }
}

function markOf(
  kind: AppendedMark['kind'],
  rubricId: string | null,
  body: MarkInput,
  points: number,
  supersedesId: string | null,
): AppendedMark {
  return {
    kind,
    rubricId,
    appliedItems: body.appliedItems ?? [],
    adjustment: body.adjustment ?? 0,
    comment: body.comment ?? null,
    points,
    supersedesId,
  };
}
