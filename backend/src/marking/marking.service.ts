import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-errors';
import { MarkInput, nextReadKind, resolve, rubricPoints } from './domain/marking-rules';
import {
  assertAllOrNothing,
  blinded,
  modeFrom,
  noSuchAnswer,
  notAssigned,
  outcome,
} from './marking-checks';
import { MarkingTasksRepository } from './marking-tasks.repository';
import { BlindTask, LEASE_SECONDS, LockedTask, MarkOutcome, NewMark } from './marking.types';

type MarkBody = MarkInput & { leaseToken: string; secondsSpent?: number };

/**
 * The marking queue: tasks per (answer, question), leased one at a time to assigned teachers in a
 * stable per-teacher pseudo-random order, marked by appended marks, resolved by the rules. The
 * decisions are here; the statements are in marking-tasks.repository.ts.
 */
@Injectable()
export class MarkingService {
  constructor(
    private readonly tasks: MarkingTasksRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Puts every subjective answer (and each subjective part of a composite one) into its question's
   * queue. Idempotent. Objective answers the grader could not read are queued by the grader itself,
   * in the transaction that appends their grades (queueUnparsed), so no sweep has to search the grades.
   */
  async syncTasks(): Promise<number> {
    return this.tasks.queueAnswered();
  }

  /** Queues answers the grader could not read (UNPARSED) for teachers; `m` must be a transaction. */
  queueUnparsed(
    m: EntityManager,
    units: { responseId: string; questionId: string }[],
  ): Promise<number> {
    if (!units.length) return Promise.resolve(0);
    return this.tasks.queueUnits(m, units);
  }

  /** The questions a teacher marks, those with answers waiting for them first. */
  myQuestions(userId: string) {
    return this.tasks.myQuestions(userId);
  }

  /**
   * Leases the teacher's next answer for a question (validation samples first, then the teacher's
   * own stable order); now and then, at the configured rate, a calibration item instead, which
   * looks exactly like any answer. Null when nothing is left for this teacher.
   */
  async next(userId: string, questionId: string): Promise<BlindTask | null> {
    if (Math.random() * 100 < this.config.markingCalibrationPercent) {
      if (!(await this.tasks.isAssigned(userId, questionId))) throw notAssigned();
      const calibration = await this.tasks.claimCalibration(userId, questionId, LEASE_SECONDS);
      if (calibration) return blinded(await this.tasks.blindTask(calibration));
    }
    const { isAssigned, task } = await this.tasks.claimNext(userId, questionId, LEASE_SECONDS);
    if (!isAssigned) throw notAssigned();
    return task && blinded(task);
  }

  /** The answer of this question already leased to the teacher (oldest first), so a reload does not strand it for the lease's length. */
  async myLease(userId: string, questionId: string): Promise<BlindTask | null> {
    const id = await this.tasks.leasedTaskId(userId, questionId);
    return id ? blinded(await this.tasks.blindTask(id)) : null;
  }

  /** The task for a mark, refused unless it exists, the teacher marks its question and holds its lease with this token. */
  private async leased(
    userId: string,
    taskId: string,
    leaseToken: string,
    lock: boolean,
    m?: EntityManager,
  ): Promise<LockedTask> {
    const t = await this.tasks.taskForMark(userId, taskId, lock, m);
    if (!t) throw noSuchAnswer(taskId);
    if (!t.isAssigned) throw notAssigned();
    if (t.leaseHolder !== userId || t.leaseToken !== leaseToken || !t.isLeaseLive)
      throw new DomainError(
        'this answer is no longer leased to you (the lease ran out or it was taken by another teacher); your mark was not saved',
        409,
        undefined,
        'marking.lease_lost',
      );
    return t;
  }

  /**
   * Appends the teacher's mark and re-derives the task's state and final score: one read, then one
   * write conditioned on the task being unchanged since (its row version, lease and token), so the
   * hot path needs no transaction held across round trips. A concurrent change (a re-mark of the
   * same answer at that instant) makes the write miss; it is then read and tried again, three times.
   */
  async submit(userId: string, taskId: string, body: MarkBody): Promise<MarkOutcome> {
    for (let attempt = 1; ; attempt++) {
      const t = await this.leased(userId, taskId, body.leaseToken, false);
      const points = rubricPoints(t.rubric, body);
      if (!points.ok) throw new DomainError(points.error, 422);
      assertAllOrNothing(t.type, points.points, t.rubric.ceilingPoints);
      if (t.isCalibration)
        return this.tasks.transaction(async (m) =>
          this.recordCalibration(
            m,
            await this.leased(userId, taskId, body.leaseToken, true, m),
            userId,
            body,
            points.points,
          ),
        );
      const kind = nextReadKind(t.reads);
      const res = resolve(modeFrom(t), [
        ...t.reads,
        { markerId: userId, kind, points: points.points },
      ]);
      if (
        await this.tasks.appendAndResolve(
          taskId,
          userId,
          markOf(kind, t.rubricId, body, points.points),
          res,
          t.version,
        )
      )
        return outcome(taskId, res, points.points);
      if (attempt === 3)
        throw new DomainError(
          'this answer kept changing while your mark was saved; please try again',
          409,
        );
    }
  }

  /**
   * A calibration read: kept as its own kind, the task's state and final score untouched. The reply
   * has the shape a first read of this question would get, so nothing gives the check away.
   */
  private async recordCalibration(
    m: EntityManager,
    t: LockedTask,
    userId: string,
    body: MarkBody,
    points: number,
  ) {
    await this.tasks.appendCalibration(
      t.id,
      userId,
      markOf('calibration', t.rubricId, body, points),
      m,
    );
    return outcome(
      t.id,
      resolve(modeFrom(t), [{ markerId: userId, kind: 'first', points }]),
      points,
    );
  }

  /** Gives the answer back to the queue; this teacher will not be offered it again. */
  async skip(userId: string, taskId: string, leaseToken: string) {
    await this.tasks.transaction(async (m) => {
      await this.leased(userId, taskId, leaseToken, true, m);
      await this.tasks.skip(taskId, userId, m);
    });
    return { taskId, skipped: true };
  }

  /** Sends a problem answer (unreadable, off-topic, suspicious) to the seniors, with the reason. */
  async problem(
    userId: string,
    taskId: string,
    leaseToken: string,
    reason: string,
  ): Promise<MarkOutcome> {
    return this.tasks.transaction(async (m) => {
      const t = await this.leased(userId, taskId, leaseToken, true, m);
      await this.tasks.appendProblem(taskId, userId, reason, leaseToken, m);
      const res = resolve(modeFrom(t), [
        ...t.reads,
        { markerId: userId, kind: 'problem', points: null },
      ]);
      await this.tasks.writeResolution(taskId, res, m);
      return outcome(taskId, res, null);
    });
  }
}

function markOf(kind: string, rubricId: string | null, body: MarkBody, points: number): NewMark {
  return {
    kind,
    rubricId,
    appliedItems: body.appliedItems ?? [],
    adjustment: body.adjustment ?? 0,
    comment: body.comment ?? null,
    points,
    secondsSpent: body.secondsSpent ?? null,
    leaseToken: body.leaseToken,
  };
}
