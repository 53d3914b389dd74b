import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

const numeric = {
  to: (v: number | null) => v,
  from: (v: string | null) => (v === null ? null : Number(v)),
};

export type RunStatus = 'queued' | 'running' | 'paused' | 'cancelled' | 'finished' | 'imported';
export type WorkItemState =
  'pending' | 'in_flight' | 'answered' | 'failed' | 'not_applicable' | 'cancelled';

@Entity('runs')
export class RunEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') status: RunStatus;
  @Column('text', { name: 'template_version' }) templateVersion: string;
  /** 'answer': models answer papers; 'judge': a judge reads answers (judge_runs). */
  @Column('text', { default: 'answer' }) kind: 'answer' | 'judge';
  @Column('text', { nullable: true }) notes: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
}

@Entity('run_papers')
export class RunPaperEntity {
  @PrimaryColumn('uuid', { name: 'run_id' }) runId: string;
  @PrimaryColumn('uuid', { name: 'paper_version_id' }) paperVersionId: string;
}

@Entity('run_models')
export class RunModelEntity {
  @PrimaryColumn('uuid', { name: 'run_id' }) runId: string;
  @PrimaryColumn('uuid', { name: 'model_id' }) modelId: string;
  @Column('jsonb', { name: 'config_snapshot' }) configSnapshot: object;
}

@Entity('work_items')
export class WorkItemEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('uuid', { name: 'run_id' }) runId: string;
  @Column('uuid', { name: 'model_id' }) modelId: string;
  @Column('uuid', { name: 'question_id' }) questionId: string;
  @Column('int', { name: 'sample_index' }) sampleIndex: number;
  @Column('uuid', { name: 'target_response_id', nullable: true }) targetResponseId: string | null;
  @Column('text') state: WorkItemState;
  @Column('char', { name: 'request_hash', length: 64, nullable: true }) requestHash: string | null;
  @Column('int', { name: 'attempts_count' }) attemptsCount: number;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
  @Column('timestamptz', { name: 'lease_until', nullable: true }) leaseUntil: Date | null;
  @Column('uuid', { name: 'claimed_by', nullable: true }) claimedBy: string | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
}

@Entity('attempts')
export class AttemptEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column('bigint', { name: 'work_item_id', nullable: true }) workItemId: string | null;
  @Column('char', { name: 'request_hash', length: 64 }) requestHash: string;
  @Column('text', { name: 'template_version' }) templateVersion: string;
  @Column('timestamptz', { name: 'started_at' }) startedAt: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
  @Column('text', { name: 'response_text', nullable: true }) responseText: string | null;
  @Column('text', { name: 'reasoning_text', nullable: true }) reasoningText: string | null;
  @Column('text', { name: 'finish_reason', nullable: true }) finishReason: string | null;
  @Column('int', { name: 'tokens_in', nullable: true }) tokensIn: number | null;
  @Column('int', { name: 'tokens_out', nullable: true }) tokensOut: number | null;
  @Column('int', { name: 'latency_ms', nullable: true }) latencyMs: number | null;
  @Column('numeric', { nullable: true, transformer: numeric }) cost: number | null;
  @Column('int', { name: 'http_status', nullable: true }) httpStatus: number | null;
  @Column('text', { nullable: true }) error: string | null;
  @Column('boolean', { name: 'is_success' }) isSuccess: boolean;
}
