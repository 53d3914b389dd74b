import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('text', { name: 'actor_name', nullable: true }) actorName: string | null;
  @Column('text') action: string;
  @Column('text', { name: 'entity_type', nullable: true }) entityType: string | null;
  @Column('text', { name: 'entity_id', nullable: true }) entityId: string | null;
  @Column('jsonb', { nullable: true }) before: object | null;
  @Column('jsonb', { nullable: true }) after: object | null;
  @Column('text', { nullable: true }) address: string | null;
}
