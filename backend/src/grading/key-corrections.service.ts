import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { BatchError, checkItem } from './domain/batch';
import { KeyCorrectionDto } from './grading.dto';
import { GradingService } from './grading.service';

/** Errata to answer keys and scoring rules of immutable paper versions. */
@Injectable()
export class KeyCorrectionsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly grading: GradingService,
  ) {}

  async correct(body: KeyCorrectionDto, actor: AuditActor) {
    if (body.key === undefined && !body.policy) throw new DomainError('give a corrected key, a corrected policy, or both', 400);
    const [q] = await this.db.query(
      `SELECT q.id, q.number, q.type, q.points::float AS points, q.options, q.blanks, q.answer_key AS "answerKey", q.is_objective AS "isObjective"
       FROM questions q WHERE q.id = $1`,
      [body.questionId],
    );
    if (!q) throw new DomainError(`question ${body.questionId} does not exist`, 404);
    if (!q.isObjective) throw new DomainError(`question ${q.number} is ${q.type}: its marks come from teachers, not a key`, 422);
    const errors: BatchError[] = [];
    const policy = (body.policy as { multipleChoice?: unknown } | undefined)?.multipleChoice;
    checkItem({ ...q, key: body.key ?? q.answerKey, policy }, 'question', 1, errors);
    if (errors.length)
      throw new DomainError(
        `correction rejected: ${errors.map((e) => `${e.field.replace(/^question\./, '')} ${e.message}`).join('; ')}`,
        400,
        errors.map((e) => ({ field: e.field.replace(/^question\./, ''), message: e.message })),
      );
    await this.db.transaction(async (m) => {
      await m.query(
        `INSERT INTO answer_key_corrections (question_id, answer_key, scoring_policy, reason, created_by) VALUES ($1, $2, $3, $4, $5)`,
        [
          q.id,
          body.key === undefined ? null : JSON.stringify(body.key),
          body.policy ? JSON.stringify(body.policy) : null,
          body.reason,
          actor.id,
        ],
      );
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
