import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { AssignmentsRepository } from './assignments.repository';

const isMarker = (roles: string[]) => roles.some((r) => r === 'teacher' || r === 'senior_teacher');

const notMarkable = () =>
  new DomainError(
    'some questions do not exist or are composites (assign their sub-questions)',
    400,
    undefined,
    'assignment.not_markable',
  );

/** Which teachers mark which (sub-)questions: the object-level rule the marking queue uses. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly repo: AssignmentsRepository,
    private readonly audit: AuditService,
  ) {}

  list(userId?: string) {
    return this.repo.list(userId);
  }

  /** The paper's markable questions with their queues, teachers and marking mode, for the assignment page. */
  async questions(paperVersionId: string) {
    const paper = await this.repo.paper(paperVersionId);
    if (!paper)
      throw new DomainError(
        `paper version ${paperVersionId} not found`,
        404,
        undefined,
        'paper.not_found',
      );
    return { paper, questions: await this.repo.questions(paperVersionId) };
  }

  /** Questions whose answers wait for a teacher while nobody is assigned to them. */
  unassigned() {
    return this.repo.unassigned();
  }

  /** One teacher to these (sub-)questions; refused, with nothing stored, unless the user marks and every question is markable. */
  async add(userId: string, questionIds: string[], actor: AuditActor) {
    await this.repo.transaction(async (m) => {
      const roles = await this.repo.roles(userId, m);
      if (!roles)
        throw new DomainError(`user ${userId} not found`, 400, undefined, 'user.not_found');
      if (!isMarker(roles))
        throw new DomainError(
          'only teachers can be assigned questions to mark',
          400,
          undefined,
          'assignment.not_teacher',
          { count: 1 },
        );
      if ((await this.repo.markableUnits(questionIds, m)) !== new Set(questionIds).size)
        throw notMarkable();
      await this.repo.addForUser(userId, questionIds, m);
      await this.audit.record(
        actor,
        { action: 'assignment_add', entityType: 'user', entityId: userId, after: { questionIds } },
        m,
      );
    });
    return this.list(userId);
  }

  /** Every teacher to every question, in one transaction, one audit record per teacher; says how many pairs were new. */
  async addMany(userIds: string[], questionIds: string[], actor: AuditActor) {
    const teachers = [...new Set(userIds)];
    const questions = [...new Set(questionIds)];
    const added = await this.repo.transaction(async (m) => {
      const markers = await this.repo.markers(teachers, m);
      if (markers.length !== teachers.length)
        throw new DomainError(
          'only active teachers can be assigned questions to mark',
          400,
          undefined,
          'assignment.not_teacher',
          {
            count: teachers.length - markers.length,
          },
        );
      if ((await this.repo.markableUnits(questions, m)) !== questions.length) throw notMarkable();
      const n = await this.repo.addPairs(teachers, questions, m);
      for (const userId of teachers)
        await this.audit.record(
          actor,
          {
            action: 'assignment_add',
            entityType: 'user',
            entityId: userId,
            after: { questionIds: questions },
          },
          m,
        );
      return n;
    });
    return { added, pairs: teachers.length * questions.length };
  }

  async remove(userId: string, questionIds: string[], actor: AuditActor) {
    await this.repo.transaction(async (m) => {
      await this.repo.removeForUser(userId, questionIds, m);
      await this.audit.record(
        actor,
        {
          action: 'assignment_remove',
          entityType: 'user',
          entityId: userId,
          before: { questionIds },
        },
        m,
      );
    });
    return this.list(userId);
  }
}
