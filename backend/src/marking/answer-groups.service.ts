import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AnswerGroupsRepository, GroupMarkRow } from './answer-groups.repository';
import { groupAnswers } from './domain/answer-groups';
import { answerForMarker } from './domain/answer-for-marker';
import { MarkInput, nextReadKind, resolve, rubricPoints } from './domain/marking-rules';
import { assertAllOrNothing, blinded, modeFrom } from './marking-checks';
import { BlindTask, LEASE_SECONDS } from './marking.types';

/**
 * A group as a teacher sees it: the blind view of its first answer (question, rubric, samples, the
 * read mine is) and every answer in it, each as the teacher reads it. Nothing says who wrote any of
 * them: a group mixes model and student answers without a label.
 */
export interface BlindGroup extends Omit<BlindTask, 'taskId'> {
  size: number;
  members: { taskId: string; text: string }[];
}

export type GroupMarkBody = MarkInput & {
  leaseToken: string;
  taskIds: string[];
  secondsSpent?: number;
};

const NOT_ASSIGNED = () =>
  new DomainError(
    'you have no marking queue for this question (not assigned to it)',
    404,
    undefined,
    'marking.not_assigned',
  );
const LEASE_LOST = () =>
  new DomainError(
    'this group is no longer leased to you as it was shown (the lease ran out, or an answer was taken by another teacher); nothing was saved',
    409,
    undefined,
    'marking.lease_lost',
  );

/** The group's answer as shown: the form most of its members take (the first such, on a tie). */
function mostCommon(texts: string[]): string {
  const counts = new Map<string, number>();
  for (const x of texts) counts.set(x, (counts.get(x) ?? 0) + 1);
  return texts.reduce((best, x) => (counts.get(x)! > counts.get(best)! ? x : best), texts[0]);
}

/** How many groups to try when others claim the ones in front at the same instant. */
const CLAIM_TRIES = 5;

/**
 * Answer groups (issue 18): identical short answers leased together and marked with one read,
 * which appends one mark per answer. Each answer's reads still resolve on their own by the 2+1+1
 * rules; a teacher never reads an answer twice; calibration items are sampled in as groups of one,
 * at the ordinary rate, and look like any other group.
 */
@Injectable()
export class AnswerGroupsService {
  constructor(
    private readonly db: DataSource,
    private readonly repo: AnswerGroupsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The teacher's next group for a question (or the one already leased, on `resume`); null when none is left. */
  async next(userId: string, questionId: string, resume = false): Promise<BlindGroup | null> {
    if (!(await this.repo.isAssigned(userId, questionId))) throw NOT_ASSIGNED();
    if (resume) {
      const token = await this.repo.myLeaseToken(userId, questionId);
      if (token) {
        const group = await this.view(userId, token);
        if (group) return group;
      }
    }
    if (Math.random() * 100 < this.config.markingCalibrationPercent) {
      const id = await this.repo.calibrationCandidate(userId, questionId);
      const token = id && (await this.repo.lease(userId, questionId, [id], LEASE_SECONDS));
      if (token) return this.view(userId, token);
    }
    const groups = groupAnswers(
      await this.repo.candidates(userId, questionId),
      await this.repo.questionType(questionId),
    );
    for (const group of groups.slice(0, CLAIM_TRIES)) {
      const token = await this.repo.lease(userId, questionId, group.taskIds, LEASE_SECONDS);
      if (token) return this.view(userId, token);
    }
    return null;
  }

  private async view(userId: string, token: string): Promise<BlindGroup | null> {
    const found = await this.repo.view(userId, token);
    if (!found) return null;
    const { taskId: _first, ...head } = blinded(found.head as BlindTask);
    const members = found.members.map((x) => ({ taskId: x.taskId, text: answerForMarker(x.text) }));
    return {
      ...head,
      answer: { text: mostCommon(members.map((x) => x.text)) },
      size: members.length,
      members,
    };
  }

  /**
   * One read of the whole group: the same items (or score) for every answer, one mark each, under
   * the group's lease token, in one transaction. The group must be exactly what the teacher was
   * shown (every named answer still leased to them, nothing else under the token), else nothing is
   * saved. Each answer's read kind and resolution are its own.
   */
  async submit(userId: string, body: GroupMarkBody) {
    return this.db.transaction(async (m) => {
      const questionId = await this.repo.questionOfLease(m, userId, body.leaseToken);
      if (!questionId) throw LEASE_LOST();
      const q = await this.repo.context(m, userId, questionId);
      if (!q?.isAssigned) throw NOT_ASSIGNED();
      const points = rubricPoints(q.rubric, body);
      if (!points.ok) throw new DomainError(points.error, 422);
      assertAllOrNothing(q.type, points.points, q.rubric.ceilingPoints);
      const members = await this.repo.lockMembers(m, questionId, body.taskIds, body.leaseToken);
      const named = new Set(body.taskIds);
      const held = (t: (typeof members)[number]) =>
        t.leaseHolder === userId && t.leaseToken === body.leaseToken && t.isLeaseLive;
      if (members.length !== named.size || members.some((t) => !named.has(t.id) || !held(t)))
        throw LEASE_LOST();
      const mode = modeFrom(q);
      const rows: GroupMarkRow[] = members.map((t) => {
        if (t.isCalibration) return { taskId: t.id, kind: 'calibration', resolution: null };
        const kind = nextReadKind(t.reads);
        return {
          taskId: t.id,
          kind,
          resolution: resolve(mode, [
            ...t.reads,
            { markerId: userId, kind, points: points.points },
          ]),
        };
      });
      // The time the teacher spent on the group, shared out: the sum over its marks stays the time spent.
      const secondsEach =
        body.secondsSpent === undefined
          ? null
          : Math.round((body.secondsSpent / rows.length) * 10) / 10;
      await this.repo.appendMarks(
        m,
        userId,
        body.leaseToken,
        {
          rubricId: q.rubricId,
          appliedItems: body.appliedItems ?? [],
          adjustment: body.adjustment ?? 0,
          comment: body.comment ?? null,
          points: points.points,
          secondsEach,
        },
        rows,
      );
      // A calibration item answers as a first read would: nothing in the reply gives the check away.
      const results = rows.map((r) => {
        const shown =
          r.resolution ??
          resolve(mode, [{ markerId: userId, kind: 'first', points: points.points }]);
        return { taskId: r.taskId, state: shown.state, finalScore: shown.finalScore };
      });
      return { marked: rows.length, points: points.points, results };
    });
  }

  /** Takes one answer out of the group before marking: it goes back to the ordinary queue, out of this teacher's groups. */
  async split(userId: string, leaseToken: string, taskId: string) {
    return this.db.transaction(async (m) => {
      const questionId = await this.repo.questionOfLease(m, userId, leaseToken);
      if (!questionId) throw LEASE_LOST();
      const members = await this.repo.lockMembers(m, questionId, [taskId], leaseToken);
      const member = members.find((t) => t.id === taskId);
      if (!member || member.leaseHolder !== userId || member.leaseToken !== leaseToken)
        throw LEASE_LOST();
      await this.repo.split(m, userId, taskId);
      return { taskId, split: true };
    });
  }

  /**
   * Gives the answers leased under a token back to the queue, unread and unskipped: the teacher
   * switched between groups and one by one, and what they were holding should not wait for the
   * lease to lapse. Works for a single answer's lease too.
   */
  async release(userId: string, leaseToken: string) {
    return { released: await this.repo.releaseLease(userId, leaseToken) };
  }

  /** Skips every answer of the group: none is offered to this teacher again. */
  async skip(userId: string, leaseToken: string) {
    return this.db.transaction(async (m) => {
      const questionId = await this.repo.questionOfLease(m, userId, leaseToken);
      if (!questionId) throw LEASE_LOST();
      const members = (await this.repo.lockMembers(m, questionId, [], leaseToken)).filter(
        (t) => t.leaseHolder === userId,
      );
      await this.repo.skip(
        m,
        userId,
        members.map((t) => t.id),
      );
      return { skipped: members.length };
    });
  }
}
