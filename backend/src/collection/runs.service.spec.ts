import type { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import type { ModelsService } from '../models/models.service';
import type { RunEntity } from './collection.entities';
import type { ModelProgressRow, RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';

/** The decisions of RunsService against a hand-written repository: what it refuses, writes, in which order, returns. */

const actor: AuditActor = { id: 'u1', name: 'admin' };
const MANAGER = { manager: true };

const progressRow = (over: Partial<ModelProgressRow> = {}): ModelProgressRow => ({
  modelId: 'm1',
  name: 'model one',
  total: 10,
  pending: 4,
  inFlight: 2,
  answered: 4,
  failed: 0,
  notApplicable: 0,
  cancelled: 0,
  tokensIn: 100,
  tokensOut: 50,
  cost: 0.5,
  hasUnknownCost: false,
  requestsPerSecond: 2,
  ...over,
});

class FakeRuns {
  calls: string[] = [];
  papers = [{ id: 'p1', title: 'Paper 1' }];
  run: Partial<RunEntity> | null = {
    id: 'r1',
    name: 'run',
    status: 'running',
    templateVersion: 't',
  };
  rows = [progressRow()];
  transaction = async <T>(work: (m: unknown) => Promise<T>) => {
    this.calls.push('begin');
    const r = await work(MANAGER);
    this.calls.push('commit');
    return r;
  };
  find = async () => this.run;
  paperVersions = async (ids: string[]) => this.papers.filter((p) => ids.includes(p.id));
  insertRun = async (m: unknown, run: Partial<RunEntity>) => {
    this.calls.push(`insertRun ${run.status} "${run.name}" ${m === MANAGER}`);
    return { ...run, id: 'r1' };
  };
  addPapers = async (m: unknown, runId: string, ids: string[]) =>
    void this.calls.push(`addPapers ${runId} ${ids.join(',')} ${m === MANAGER}`);
  addModel = async (m: unknown, runId: string, modelId: string, snap: object) =>
    void this.calls.push(`addModel ${runId} ${modelId} ${JSON.stringify(snap)} ${m === MANAGER}`);
  expandItems = async (m: unknown, runId: string, model: { id: string }) =>
    void this.calls.push(`expandItems ${runId} ${model.id} ${m === MANAGER}`);
  setStatus = async (m: unknown, id: string, status: string, finishedAt?: Date) =>
    void this.calls.push(
      `setStatus ${id} ${status} ${finishedAt ? 'finished' : '-'} ${m === MANAGER}`,
    );
  cancelPendingItems = async (m: unknown, id: string) =>
    void this.calls.push(`cancelPending ${id} ${m === MANAGER}`);
  progress = async () => this.rows;
  answers = async (id: string, f: object) => [{ id, f }];
  list = async () => [];
}

function setUp() {
  const repo = new FakeRuns();
  const audit = {
    record: async (_a: AuditActor, r: { action: string }, m: unknown) =>
      void repo.calls.push(`audit ${r.action} ${m === MANAGER}`),
  };
  const models = {
    get: async (id: string) => ({
      id,
      name: `model ${id}`,
      modality: 'text',
      samplesPerQuestion: 1,
    }),
    map: (m: { id: string }) => ({ id: m.id }),
  };
  const service = new RunsService(
    repo as unknown as RunsRepository,
    models as unknown as ModelsService,
    audit as unknown as AuditService,
  );
  return { service, repo };
}

async function domainError(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe('RunsService', () => {
  it('refuses a run over a paper version that does not exist, naming it, and writes nothing', async () => {
    const { service, repo } = setUp();
    const e = await domainError(
      service.create({ paperVersionIds: ['p1', 'p404'], modelIds: ['m1'] }, actor),
    );
    expect([e.status, e.code, e.params]).toEqual([
      400,
      'run.papers_missing',
      { count: 1, ids: 'p404' },
    ]);
    expect(repo.calls).toEqual([]);
  });

  it('creates the run, its papers, each model with its items and the audit entry in one transaction, in that order', async () => {
    const { service, repo } = setUp();
    const out = await service.create({ paperVersionIds: ['p1'], modelIds: ['m1', 'm2'] }, actor);
    expect(repo.calls).toEqual([
      'begin',
      'insertRun running "model m1, model m2 · 1 papers" true',
      'addPapers r1 p1 true',
      'addModel r1 m1 {"id":"m1"} true',
      'expandItems r1 m1 true',
      'addModel r1 m2 {"id":"m2"} true',
      'expandItems r1 m2 true',
      'audit run_start true',
      'commit',
    ]);
    expect(out.id).toBe('r1');
  });

  it.each([
    ['finished', 'paused'],
    ['paused', 'paused'],
    ['running', 'running'],
    ['cancelled', 'cancelled'],
  ])('refuses to move a %s run to %s, and writes nothing', async (from, to) => {
    const { service, repo } = setUp();
    repo.run = { ...repo.run, status: from as RunEntity['status'] };
    const e = await domainError(service.setStatus('r1', to as 'paused', actor));
    expect([e.status, e.code, e.params]).toEqual([400, 'run.status_change', { from, to }]);
    expect(repo.calls).toEqual([]);
  });

  it('cancelling finishes the run and cancels its pending items, audited in the same transaction', async () => {
    const { service, repo } = setUp();
    await service.setStatus('r1', 'cancelled', actor);
    expect(repo.calls).toEqual([
      'begin',
      'setStatus r1 cancelled finished true',
      'cancelPending r1 true',
      'audit run_cancel true',
      'commit',
    ]);
  });

  it('pausing touches no item', async () => {
    const { service, repo } = setUp();
    await service.setStatus('r1', 'paused', actor);
    expect(repo.calls).toEqual([
      'begin',
      'setStatus r1 paused - true',
      'audit run_pause true',
      'commit',
    ]);
  });

  it('a run that does not exist is a 404 with its code', async () => {
    const { service, repo } = setUp();
    repo.run = null;
    const e = await domainError(service.progress('r9'));
    expect([e.status, e.code]).toEqual([404, 'run.not_found']);
    await domainError(service.answers('r9', {}));
  });

  it('progress: the ETA from what is left and the throughput, unknown when nothing moves, 0 when done; a partial cost is no cost', async () => {
    const { service, repo } = setUp();
    repo.rows = [
      progressRow({ modelId: 'a' }),
      progressRow({ modelId: 'b', requestsPerSecond: 0 }),
      progressRow({
        modelId: 'c',
        pending: 0,
        inFlight: 0,
        requestsPerSecond: 0,
        hasUnknownCost: true,
      }),
    ];
    const { models } = await service.progress('r1');
    expect(models.map((m) => [m.modelId, m.etaSeconds, m.cost])).toEqual([
      ['a', 3, 0.5],
      ['b', null, 0.5],
      ['c', 0, null],
    ]);
    expect(models[0]).not.toHaveProperty('hasUnknownCost');
  });

  it('answers: the first 100 unless asked otherwise, filters passed as given', async () => {
    const { service } = setUp();
    expect(await service.answers('r1', { state: 'failed' })).toEqual([
      { id: 'r1', f: { modelId: null, state: 'failed', grade: null, limit: 100, offset: 0 } },
    ]);
  });
});
