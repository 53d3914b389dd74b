import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from './audit.entity';
import { AuditQueryDto } from './audit.dto';

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
  | 'calibration_set';

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

/** The append-only audit trail. The database refuses updates and deletes (trigger). */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

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

  async list(q: AuditQueryDto) {
    const qb = this.events
      .createQueryBuilder('e')
      .orderBy('e.id', 'DESC')
      .take(q.limit ?? 100)
      .skip(q.offset ?? 0);
    if (q.user) qb.andWhere('e.actor_name = :user', { user: q.user });
    if (q.action) qb.andWhere('e.action = :action', { action: q.action });
    if (q.from) qb.andWhere('e.at >= :from', { from: q.from });
    if (q.to) qb.andWhere('e.at <= :to', { to: q.to });
    const [rows, total] = await qb.getManyAndCount();
    return { total, events: rows.map((e) => ({ ...e, id: Number(e.id) })) };
  }
}
