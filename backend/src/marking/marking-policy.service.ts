import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { resolve } from './domain/marking-rules';
import { modeFrom } from './marking-checks';
import { MarkingTasksRepository } from './marking-tasks.repository';
import { MarkingPolicyRepository, PolicyOverride, PolicyTarget } from './marking-policy.repository';

export interface PolicyChange {
  /** null: follow the paper (for a question) or the paper's own policy (for a paper). */
  mode: 'single' | 'double' | null;
  tolerance: number | null;
  /** Re-derive the state and final score of answers already marked under the new mode. */
  reresolve?: boolean;
}

/**
 * Marking mode and tolerance set in the UI, per paper or per question. Once marks exist a change
 * would alter scores already given, so it is refused unless the admin asks for re-resolution
 * explicitly; then every marked answer is resolved again from its reads under the new mode.
 */
@Injectable()
export class MarkingPolicyService {
  constructor(
    private readonly db: DataSource,
    private readonly tasks: MarkingTasksRepository,
    private readonly audit: AuditService,
  ) {}

  async set(target: PolicyTarget, change: PolicyChange, actor: AuditActor) {
    const value: PolicyOverride | null =
      change.mode === null && change.tolerance === null
        ? null
        : { mode: change.mode, tolerance: change.tolerance };
    return this.db.transaction(async (m) => {
      const repo = new MarkingPolicyRepository(m);
      const label = await repo.label(target);
      if (label === null)
        throw new DomainError(
          `${target.kind} ${target.id} not found`,
          404,
          undefined,
          'marking_policy.not_found',
        );
      const questionIds = await repo.questionIds(target);
      await repo.lockTasks(questionIds);
      const before = await repo.current(target);
      const counts = await repo.markCounts(questionIds);
      if (counts.marks > 0 && !change.reresolve)
        throw new DomainError(
          `${counts.answers} answers already have marks: changing the marking mode re-resolves them; send reresolve: true to do so`,
          409,
          undefined,
          'marking_policy.marks_exist',
          counts,
        );
      await repo.save(target, value, actor.id);
      const modes = await repo.applyReadsRequired(questionIds);
      let changed = 0;
      const marked = counts.marks > 0 ? await repo.marked(questionIds) : [];
      for (const task of marked) {
        const mode = modeFrom(modes.get(task.questionId)!);
        const next = resolve(mode, task.reads);
        if (task.state !== next.state || task.finalScore !== next.finalScore) changed++;
        await this.tasks.writeResolution(task.taskId, next, m);
      }
      const after = {
        ...(value ?? { mode: null, tolerance: null }),
        reresolved: marked.length,
        changed,
      };
      await this.audit.record(
        actor,
        {
          action: value ? 'marking_policy_set' : 'marking_policy_clear',
          entityType: target.kind === 'question' ? 'question' : 'paper_version',
          entityId: target.id,
          before: before ?? { mode: null, tolerance: null },
          after,
        },
        m,
      );
      return { override: value, reresolved: marked.length, changed };
    });
  }
}
