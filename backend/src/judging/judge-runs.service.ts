import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '../audit/audit.service';
import { RunnerService } from '../collection/runner.service';
import { DomainError } from '../common/domain-errors';
import { ModelsService } from '../models/models.service';
import { JUDGE_TEMPLATE_VERSION } from './domain/judge-request';
import { JudgeRunsRepository, JudgeScope } from './judge-runs.repository';

export interface JudgeRunCreate extends JudgeScope {
  judgeModelId: string;
  name?: string;
}

/**
 * Judge runs: a judge (model + template) over chosen answers, a run's or a question's. Expanded
 * into work items that the collection runner sends like answers (slots, limits, retries, the
 * attempt cache, crash safety), so judging the same answer twice with the same judge and template
 * calls the model once.
 */
@Injectable()
export class JudgeRunsService {
  constructor(
    private readonly repo: JudgeRunsRepository,
    private readonly models: ModelsService,
    private readonly runner: RunnerService,
    private readonly audit: AuditService,
  ) {}

  async create(dto: JudgeRunCreate, actor: AuditActor) {
    if (Boolean(dto.sourceRunId) === Boolean(dto.questionId))
      throw new DomainError(
        'give either sourceRunId (a run’s answers) or questionId (a question’s answers)',
        400,
        undefined,
        'judge.scope_required',
      );
    const judge = await this.models.get(dto.judgeModelId);
    if (!judge.isJudge)
      throw new DomainError(
        `model "${judge.name}" is not registered as a judge`,
        422,
        undefined,
        'judge.not_a_judge',
        {
          name: judge.name,
        },
      );
    if (judge.isImported)
      throw new DomainError(
        `"${judge.name}" is a recorded judge: it cannot be called`,
        422,
        undefined,
        'judge.recorded_judge',
        {
          name: judge.name,
        },
      );
    const scope: JudgeScope = dto.sourceRunId
      ? { sourceRunId: dto.sourceRunId }
      : { questionId: dto.questionId };
    if (scope.sourceRunId) {
      if ((await this.repo.runKind(scope.sourceRunId)) !== 'answer')
        throw new DomainError(
          `run ${scope.sourceRunId} does not exist`,
          404,
          undefined,
          'judge.source_not_found',
        );
    } else {
      if (!(await this.repo.questionExists(scope.questionId!)))
        throw new DomainError(
          `question ${scope.questionId} does not exist`,
          404,
          undefined,
          'judge.source_not_found',
        );
    }
    const runId = await this.repo.transaction(async (m) => {
      const id = await this.repo.insertRun(
        m,
        {
          name: dto.name ?? `${judge.name} · ${JUDGE_TEMPLATE_VERSION}`,
          templateVersion: JUDGE_TEMPLATE_VERSION,
          createdBy: actor.id,
        },
        { judgeModelId: judge.id, configSnapshot: this.models.map(judge), scope },
      );
      const n = await this.repo.insertItems(m, id, judge, scope);
      if (n === 0)
        throw new DomainError(
          'no answers to judge in this scope (none is queued for marking)',
          422,
          undefined,
          'judge.nothing_to_judge',
        );
      await this.audit.record(
        actor,
        {
          action: 'run_start',
          entityType: 'run',
          entityId: id,
          after: {
            kind: 'judge',
            judge: judge.id,
            template: JUDGE_TEMPLATE_VERSION,
            scope,
            items: n,
          },
        },
        m,
      );
      return id;
    });
    await this.runner.announce();
    return this.progress(runId);
  }

  list() {
    return this.repo.list();
  }

  async progress(runId: string) {
    const head = await this.repo.head(runId);
    if (!head)
      throw new DomainError(`judge run ${runId} not found`, 404, undefined, 'judge.run_not_found');
    const { items, att, outcomes } = await this.repo.progress(runId);
    const left = items.pending + items.inFlight;
    const rps = att.requestsPerSecond ?? 0;
    const count = (status: string) =>
      outcomes.filter((o) => o.status === status).reduce((a, o) => a + o.n, 0);
    return {
      ...head,
      ...items,
      scored: count('scored'),
      failedJudgements: count('failed'),
      failures: outcomes
        .filter((o) => o.status === 'failed')
        .map((o) => ({ code: o.code, n: o.n })),
      requests: att.requests,
      tokensIn: att.tokensIn,
      tokensOut: att.tokensOut,
      // Unknown prices stay unknown: a partial sum would look like a real total.
      cost: att.hasUnknownCost ? null : att.cost,
      requestsPerSecond: rps,
      etaSeconds: left === 0 ? 0 : rps > 0 ? Math.round(left / rps) : null,
    };
  }

  async judgements(runId: string, status: 'scored' | 'failed' | null, limit = 100, offset = 0) {
    await this.progress(runId);
    return this.repo.judgements(runId, status, limit, offset);
  }

  async questions(runId: string) {
    await this.progress(runId);
    return this.repo.questions(runId);
  }
}
