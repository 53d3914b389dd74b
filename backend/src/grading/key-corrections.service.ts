import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { BatchError, checkItem } from './domain/batch';
import { KeyCorrectionDto } from './grading.dto';
import { GradingRepository } from './grading.repository';
import { GradingService } from './grading.service';

/** Errata to answer keys and scoring rules of immutable paper versions. */
@Injectable()
export class KeyCorrectionsService {
  constructor(
    private readonly repo: GradingRepository,
    private readonly audit: AuditService,
    private readonly grading: GradingService,
  ) {}

  async correct(body: KeyCorrectionDto, actor: AuditActor) {
    if (body.key === undefined && !body.policy)
      throw new DomainError('give a corrected key, a corrected policy, or both', 400);
    const q = await this.repo.correctableQuestion(body.questionId);
    if (!q) throw new DomainError(`question ${body.questionId} does not exist`, 404);
    if (!q.isObjective)
      throw new DomainError(
        `question ${q.number} is ${q.type}: its marks come from teachers, not a key`,
        422,
      );
    const errors: BatchError[] = [];
    const policy = (body.policy as { multipleChoice?: unknown } | undefined)?.multipleChoice;
    checkItem({ ...q, key: body.key ?? q.answerKey, policy }, 'question', 1, errors);
    if (errors.length)
      throw new DomainError(
        `correction rejected: ${errors.map((e) => `${e.field.replace(/^question\./, '')} ${e.message}`).join('; ')}`,
        400,
        errors.map((e) => ({ field: e.field.replace(/^question\./, ''), message: e.message })),
      );
    await this.repo.transaction(async (m) => {
      await this.repo.appendCorrection(m, {
        questionId: q.id,
        key: body.key,
        policy: body.policy,
        reason: body.reason,
        createdBy: actor.id,
      });
      await this.audit.record(
        actor,
        {
          action: 'key_correction',
          entityType: 'question',
          entityId: q.id,
          before: { key: q.answerKey },
          after: { key: body.key, policy: body.policy, reason: body.reason },
        },
        m,
      );
    });
    return this.grading.regrade({ questionIds: [q.id] }, actor);
  }
}
