import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import { ModelsService } from '../models/models.service';
import { TEMPLATE_VERSION } from '../rendering/prompt-render';
import { RunStatus } from './collection.entities';
import { RunAnswersQueryDto, RunCreateDto } from './runs.dto';
import { RunsRepository } from './runs.repository';
import type { ModelProgress, RunProgress, RunSummary } from '@yuejuan/contracts';

/** A run's progress per model: the client's type too (@yuejuan/contracts). */
export type { ModelProgress } from '@yuejuan/contracts';

/** Which status a run may move to from which: only a running run pauses, only a paused one resumes. */
const ALLOWED: Record<'paused' | 'running' | 'cancelled', RunStatus[]> = {
  paused: ['running'],
  running: ['paused'],
  cancelled: ['running', 'paused', 'queued'],
};

/** Runs: papers × models × samples, expanded into one work item per request, and their progress. */
@Injectable()
export class RunsService {
  constructor(
    private readonly repo: RunsRepository,
    private readonly models: ModelsService,
    private readonly audit: AuditService,
  ) {}

  /** All checks before any write, then one transaction: the run, its papers and models, one work item per request, the audit entry. */
  async create(dto: RunCreateDto, actor: AuditActor) {
    const models = await Promise.all(dto.modelIds.map((id) => this.models.get(id)));
    const papers = await this.repo.paperVersions(dto.paperVersionIds);
    if (papers.length !== dto.paperVersionIds.length) {
      const found = new Set(papers.map((p) => p.id));
      const missing = dto.paperVersionIds.filter((id) => !found.has(id));
      throw new DomainError(
        'some paper versions do not exist',
        400,
        undefined,
        'run.papers_missing',
        {
          count: missing.length,
          ids: missing.join(', '),
        },
      );
    }
    const run = await this.repo.transaction(async (m) => {
      const saved = await this.repo.insertRun(m, {
        name: dto.name ?? `${models.map((x) => x.name).join(', ')} · ${papers.length} papers`,
        status: 'running',
        templateVersion: TEMPLATE_VERSION,
        createdBy: actor.id,
        startedAt: new Date(),
      });
      await this.repo.addPapers(m, saved.id, dto.paperVersionIds);
      for (const model of models) {
        await this.repo.addModel(m, saved.id, model.id, this.models.map(model));
        await this.repo.expandItems(m, saved.id, model, dto.paperVersionIds);
      }
      await this.audit.record(
        actor,
        {
          action: 'run_start',
          entityType: 'run',
          entityId: saved.id,
          after: { papers: dto.paperVersionIds, models: dto.modelIds },
        },
        m,
      );
      return saved;
    });
    return this.progress(run.id);
  }

  list(): Promise<RunSummary<Date>[]> {
    return this.repo.list();
  }

  async setStatus(id: string, next: 'paused' | 'running' | 'cancelled', actor: AuditActor) {
    const run = await this.get(id);
    if (!ALLOWED[next].includes(run.status))
      throw new DomainError(
        `a ${run.status} run cannot become ${next}`,
        400,
        undefined,
        'run.status_change',
        {
          from: run.status,
          to: next,
        },
      );
    await this.repo.transaction(async (m) => {
      await this.repo.setStatus(m, id, next, next === 'cancelled' ? new Date() : undefined);
      if (next === 'cancelled') await this.repo.cancelPendingItems(m, id);
      const action =
        next === 'paused' ? 'run_pause' : next === 'running' ? 'run_resume' : 'run_cancel';
      await this.audit.record(
        actor,
        {
          action,
          entityType: 'run',
          entityId: id,
          before: { status: run.status },
          after: { status: next },
        },
        m,
      );
    });
    return this.progress(id);
  }

  async get(id: string) {
    const run = await this.repo.find(id);
    if (!run) throw new DomainError(`run ${id} not found`, 404, undefined, 'run.not_found');
    return run;
  }

  /** Per model: counts by state, tokens and cost so far, throughput over the last minute, ETA. */
  async progress(id: string): Promise<RunProgress<Date>> {
    const run = await this.get(id);
    const models: ModelProgress[] = (await this.repo.progress(id)).map(
      ({ hasUnknownCost, ...m }) => {
        const left = m.pending + m.inFlight;
        return {
          ...m,
          // Unknown prices stay unknown: a partial sum would look like a real total.
          cost: hasUnknownCost ? null : m.cost,
          etaSeconds:
            left === 0
              ? 0
              : m.requestsPerSecond > 0
                ? Math.round(left / m.requestsPerSecond)
                : null,
        };
      },
    );
    return {
      id: run.id,
      name: run.name,
      status: run.status,
      templateVersion: run.templateVersion,
      createdAt: run.createdAt,
      finishedAt: run.finishedAt,
      models,
    };
  }

  /** The answers behind a run: question, raw output, state, last error, latency and tokens, latest grades. */
  async answers(id: string, q: RunAnswersQueryDto) {
    await this.get(id);
    return this.repo.answers(id, {
      modelId: q.modelId ?? null,
      state: q.state ?? null,
      grade: q.grade ?? null,
      limit: q.limit ?? 100,
      offset: q.offset ?? 0,
    });
  }
}
