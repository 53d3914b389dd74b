import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { AssignmentsRepository } from './assignments.repository';

/** Which teachers mark which (sub-)questions: the object-level rule the marking queue uses. */
@Injectable()
export class AssignmentsService {
  private readonly repo: AssignmentsRepository;

  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {
    this.repo = new AssignmentsRepository(db);
  }

  list(userId?: string) {
    return this.db.query(
      `SELECT a.user_id AS "userId", u.username, u.display_name AS "displayName", a.question_id AS "questionId",
              q.number AS "questionNumber", q.type, v.id AS "paperVersionId", v.title AS "paperTitle", a.created_at AS "createdAt"
       FROM marking_assignments a
       JOIN users u ON u.id = a.user_id JOIN questions q ON q.id = a.question_id JOIN paper_versions v ON v.id = q.paper_version_id
       WHERE ($1::uuid IS NULL OR a.user_id = $1) ORDER BY v.title, q.ordinal, u.username`,
      [userId ?? null],
    );
  }

  /** The paper's markable questions with their queues, teachers and marking mode, for the assignment page. */
  async questions(paperVersionId: string) {
    const paper = await this.repo.paper(paperVersionId);
    if (!paper) throw new DomainError(`paper version ${paperVersionId} not found`, 404, undefined, 'paper.not_found');
    return { paper, questions: await this.repo.questions(paperVersionId) };
  }

  /** Questions whose answers wait for a teacher while nobody is assigned to them. */
  unassigned() {
    return this.repo.unassigned();
  }

  async add(userId: string, questionIds: string[], actor: AuditActor) {
    await this.db.transaction(async (m) => {
      const [user] = await m.query(`SELECT roles FROM users WHERE id = $1`, [userId]);
      if (!user) throw new BadRequestException(`user ${userId} not found`);
      if (!user.roles.some((r: string) => r === 'teacher' || r === 'senior_teacher'))
        throw new BadRequestException('only teachers can be assigned questions to mark');
      const found = await m.query(`SELECT id FROM questions WHERE id = ANY($1::uuid[]) AND type <> 'composite'`, [questionIds]);
      if (found.length !== new Set(questionIds).size)
        throw new BadRequestException('some questions do not exist or are composites (assign their sub-questions)');
      await m.query(`INSERT INTO marking_assignments (user_id, question_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [
        userId,
        questionIds,
      ]);
      await this.audit.record(actor, { action: 'assignment_add', entityType: 'user', entityId: userId, after: { questionIds } }, m);
    });
    return this.list(userId);
  }

  /** Every teacher to every question, in one transaction, one audit record per teacher; says how many pairs were new. */
  async addMany(userIds: string[], questionIds: string[], actor: AuditActor) {
    const teachers = [...new Set(userIds)];
    const questions = [...new Set(questionIds)];
    const added = await this.db.transaction(async (m) => {
      const repo = new AssignmentsRepository(m);
      const markers = await repo.markers(teachers);
      if (markers.length !== teachers.length)
        throw new DomainError('only active teachers can be assigned questions to mark', 400, undefined, 'assignment.not_teacher', {
          count: teachers.length - markers.length,
        });
      if ((await repo.markableUnits(questions)) !== questions.length)
        throw new DomainError(
          'some questions do not exist or are composites (assign their sub-questions)',
          400,
          undefined,
          'assignment.not_markable',
        );
      const n = await repo.addPairs(teachers, questions);
      for (const userId of teachers)
        await this.audit.record(
          actor,
          { action: 'assignment_add', entityType: 'user', entityId: userId, after: { questionIds: questions } },
          m,
        );
      return n;
    });
    return { added, pairs: teachers.length * questions.length };
  }

  async remove(userId: string, questionIds: string[], actor: AuditActor) {
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM marking_assignments WHERE user_id = $1 AND question_id = ANY($2::uuid[])`, [userId, questionIds]);
      await this.audit.record(actor, { action: 'assignment_remove', entityType: 'user', entityId: userId, before: { questionIds } }, m);
    });
    return this.list(userId);
  }
}
