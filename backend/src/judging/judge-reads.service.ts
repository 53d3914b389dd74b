import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { JudgeReadsRepository, JudgeVisibility } from './judge-reads.repository';

/**
 * Judge reads kept apart from teachers. A judge's read of an answer is never served to a teacher
 * who has not yet submitted their own read of it, so human reads stay independent. After it, only
 * if the question's setting says so: 'after_own_read' (every teacher who read it, and seniors),
 * 'seniors_only' (seniors, once they have read it or when it waits for their arbitration), or
 * 'hidden' (the default: nobody on the marking side).
 */
@Injectable()
export class JudgeReadsService {
  constructor(
    private readonly repo: JudgeReadsRepository,
    private readonly audit: AuditService,
  ) {}

  async forTeacher(user: { id: string; roles: string[] }, taskId: string) {
    if (!/^\d{1,18}$/.test(taskId))
      throw new DomainError(
        `answer ${taskId} does not exist`,
        404,
        undefined,
        'judge.task_not_found',
      );
    const g = await this.repo.gate(taskId, user.id);
    if (!g)
      throw new DomainError(
        `answer ${taskId} does not exist`,
        404,
        undefined,
        'judge.task_not_found',
      );
    const isSenior = user.roles.includes('senior_teacher');
    const atArbitration =
      isSenior && (g.state === 'needs_arbitration' || g.state === 'problem' || g.hasOwnRead);
    if (g.visibility === 'hidden')
      throw new DomainError(
        'judge reads are not shown for this question',
        403,
        undefined,
        'judge.hidden',
      );
    const allowed =
      (g.visibility === 'after_own_read' && (g.hasOwnRead || atArbitration)) ||
      (g.visibility === 'seniors_only' && atArbitration);
    if (!allowed) {
      if (g.visibility === 'seniors_only' && !isSenior)
        throw new DomainError(
          'judge reads of this question are for seniors only',
          403,
          undefined,
          'judge.seniors_only',
        );
      throw new DomainError(
        'submit your own read of this answer first',
        403,
        undefined,
        'judge.own_read_first',
      );
    }
    const judgements = await this.repo.latestForUnit(g.responseId, g.questionId);
    if (!judgements.length)
      throw new DomainError('no judge has read this answer', 404, undefined, 'judge.none');
    return { taskId: g.taskId, visibility: g.visibility, judgements };
  }

  async visibility(questionId: string) {
    const v = await this.repo.visibility(questionId);
    if (!v) throw new DomainError(`question ${questionId} does not exist`, 404);
    return { questionId, visibility: v };
  }

  async setVisibility(questionId: string, visibility: JudgeVisibility, actor: AuditActor) {
    const before = await this.visibility(questionId);
    await this.repo.transaction(async (m) => {
      await this.repo.setVisibility(m, questionId, visibility, actor.id);
      await this.audit.record(
        actor,
        {
          action: 'marking_policy_set',
          entityType: 'question',
          entityId: questionId,
          before: { judgeVisibility: before.visibility },
          after: { judgeVisibility: visibility },
        },
        m,
      );
    });
    return { questionId, visibility };
  }
}
