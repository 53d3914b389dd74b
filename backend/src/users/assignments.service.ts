import { BadRequestException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';

/** Which teachers mark which (sub-)questions: the object-level rule the marking queue uses. */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

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

  async remove(userId: string, questionIds: string[], actor: AuditActor) {
    await this.db.transaction(async (m) => {
      await m.query(`DELETE FROM marking_assignments WHERE user_id = $1 AND question_id = ANY($2::uuid[])`, [userId, questionIds]);
      await this.audit.record(actor, { action: 'assignment_remove', entityType: 'user', entityId: userId, before: { questionIds } }, m);
    });
    return this.list(userId);
  }
}
