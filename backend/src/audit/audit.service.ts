import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AuditPage } from '@yuejuan/contracts';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from './audit.entity';
import { AuditQueryDto } from './audit.dto';
import { AuditRepository, AuditRow } from './audit.repository';

export type AuditAction =
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'password_change'
  | 'password_reset'
  | 'user_create'
  | 'user_update'
  | 'assignment_add'
  | 'assignment_remove'
  | 'paper_import'
  | 'paper_publish'
  | 'pdf_upload'
  | 'model_create'
  | 'model_judge_set'
  | 'run_start'
  | 'run_pause'
  | 'run_resume'
  | 'run_cancel'
  | 'answers_import'
  | 'regrade'
  | 'key_correction'
  | 'cohort_import'
  | 'student_answers_import'
  | 'rubric_edit'
  | 'calibration_set'
  | 'marking_policy_set'
  | 'marking_policy_clear'
  | 'report_export'
  | 'round_save'
  | 'round_delete'
  | 'validation_sample';

export interface AuditActor {
  id: string | null;
  name: string | null;
  address?: string | null;
}

export interface AuditRecord {
  action: AuditAction;
  entityType?: string;
  entityId?: string;
  before?: object;
  after?: object;
}

/** Marks are audited by the view over their own append-only table; their actions all start so. */
const MARK_ACTION = /^mark_/;

/** The append-only audit trail. The database refuses updates and deletes (trigger). */
@Injectable()
export class AuditService {
  private readonly trail: AuditRepository;

  constructor(
    @InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>,
    db: DataSource,
  ) {
    this.trail = new AuditRepository(db);
  }

  /** Records inside the caller's transaction when given, so the change and its record land together. */
  async record(actor: AuditActor, record: AuditRecord, manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(AuditEventEntity) : this.events;
    await repo.insert({
      actorId: actor.id,
      actorName: actor.name,
      address: actor.address ?? null,
      action: record.action,
      entityType: record.entityType ?? null,
      entityId: record.entityId ?? null,
      before: record.before ?? null,
      after: record.after ?? null,
    });
  }

  /**
   * Newest first, audit events and marks merged by time, with the names of every id they mention
   * (users, questions, papers, runs …) so the client shows words, not UUIDs.
   */
  async list(q: AuditQueryDto): Promise<AuditPage<Date>> {
    const limit = q.limit ?? 100;
    const offset = q.offset ?? 0;
    const wantMarks = !q.action || MARK_ACTION.test(q.action);
    const wantEvents = !q.action || !MARK_ACTION.test(q.action);
    const none = { rows: [] as AuditRow[], total: 0 };
    const [events, marks] = await Promise.all([
      wantEvents ? this.trail.events(q, offset + limit) : none,
      wantMarks ? this.trail.marks(q, offset + limit) : none,
    ]);
    const page = [...events.rows, ...marks.rows]
      .sort(
        (a, b) => new Date(b.at).getTime() - new Date(a.at).getTime() || b.key.localeCompare(a.key),
      )
      .slice(offset, offset + limit);
    return { total: events.total + marks.total, events: page, names: await this.trail.names(page) };
  }
}
