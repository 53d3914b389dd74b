import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { stratifiedSample } from './domain/stratified-sample';
import { ValidationSamplesRepository } from './validation-samples.repository';

/**
 * A researcher asks for answers of a question to be marked by teachers so a judge can be compared
 * with them: a stratified random sample (each model under test, the students), recorded with who
 * asked, when, the seed and the strata sizes; the chosen tasks go first in teachers' queues. The
 * judge reads every answer anyway (a judge run over the question, judging's endpoint), so the
 * sample is what the comparison rests on and every figure can be re-drawn from the seed.
 */
@Injectable()
export class ValidationSamplesService {
  constructor(
    private readonly repo: ValidationSamplesRepository,
    private readonly audit: AuditService,
  ) {}

  async request(
    questionId: string,
    perStratum: number,
    seed: number | undefined,
    actor: AuditActor & { id: string },
  ) {
    const chosenSeed = seed ?? randomInt(1, 2 ** 31 - 1);
    return this.repo.transaction(async (m) => {
      if (!(await this.repo.questionExists(m, questionId)))
        throw new DomainError(
          `question ${questionId} does not exist`,
          404,
          undefined,
          'judge.validation.question_not_found',
        );
      await this.repo.lock(m, questionId);
      const eligible = await this.repo.eligible(m, questionId);
      if (!eligible.length)
        throw new DomainError(
          'no answer of this question is waiting for its first read: nothing to sample',
          409,
          undefined,
          'judge.validation.nothing_to_sample',
        );
      const { chosen, strata } = stratifiedSample(eligible, perStratum, chosenSeed);
      const id = await this.repo.insert(m, {
        questionId,
        userId: actor.id,
        seed: chosenSeed,
        perStratum,
        strata,
        taskIds: chosen.map((c) => c.id),
      });
      await this.audit.record(
        actor,
        {
          action: 'validation_sample',
          entityType: 'question',
          entityId: questionId,
          after: { sample: id, seed: chosenSeed, perStratum, strata },
        },
        m,
      );
      return { id, questionId, seed: chosenSeed, perStratum, strata, taskCount: chosen.length };
    });
  }

  list(questionId: string) {
    return this.repo.list(questionId);
  }
}
