import type { DataSource } from 'typeorm';
import type { AuditActor, AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-errors';
import type { RoundRow } from './rounds.repository';
import { RoundsService } from './rounds.service';

/**
 * The decisions of RoundsService against a hand-written repository: what it refuses before any
 * write, what it writes inside the transaction and in which order, what the audit trail keeps.
 * The service builds its RoundsRepository from the DataSource (and one per transaction from the
 * manager), so the module is replaced and each call records whether it ran on the DataSource or
 * inside the transaction.
 */

const mockStore = {
  TX: { tx: true } as unknown,
  calls: [] as string[],
  rounds: new Map<string, RoundRow>(),
  names: new Set<string>(),
  runs: new Set<string>(),
  taken: [] as { runId: string; round: string }[],
  ungrouped: [] as string[],
};

jest.mock('./rounds.repository', () => ({
  RoundsRepository: class {
    private readonly on: string;
    constructor(db: unknown) {
      this.on = db === mockStore.TX ? 'tx' : 'db';
    }
    private log(s: string) {
      mockStore.calls.push(`${s} ${this.on}`);
    }
    list = async () => [...mockStore.rounds.values()];
    get = async (id: string) => mockStore.rounds.get(id) ?? null;
    nameTaken = async (name: string, except: string | null) => {
      this.log(`nameTaken ${name} ${except}`);
      return mockStore.names.has(name);
    };
    existingRuns = async (ids: string[]) => ids.filter((r) => mockStore.runs.has(r));
    takenElsewhere = async (id: string, ids: string[]) => {
      this.log(`takenElsewhere ${id}`);
      return mockStore.taken.filter((t) => ids.includes(t.runId));
    };
    ungroupedRuns = async () => mockStore.ungrouped;
    insert = async (r: {
      name: string;
      heldOn: string;
      notes: string;
      createdBy: string | null;
    }) => {
      this.log(`insert ${r.name} ${r.heldOn} "${r.notes}" ${r.createdBy}`);
      mockStore.rounds.set('r-new', round('r-new', r.name, r.heldOn));
      return 'r-new';
    };
    update = async (id: string, r: object) => this.log(`update ${id} ${JSON.stringify(r)}`);
    setRuns = async (id: string, ids: string[]) => this.log(`setRuns ${id} ${ids.join(',')}`);
    remove = async (id: string) => this.log(`remove ${id}`);
  },
}));

function round(id: string, name: string, heldOn: string, runIds: string[] = []): RoundRow {
  return {
    id,
    name,
    heldOn,
    notes: '',
    createdAt: new Date(0),
    runs: runIds.map((r) => ({ id: r, name: r, models: [] })),
    papers: 0,
  } as RoundRow;
}

const actor: AuditActor = { id: 'u1', name: 'researcher' };
type Entry = { action: string; entityId: string; before?: unknown; after?: unknown };

class Fakes {
  entries: Entry[] = [];
  actors: (AuditActor | null)[] = [];
  db = {
    transaction: async <T>(work: (m: unknown) => Promise<T>) => {
      mockStore.calls.push('begin');
      const r = await work(mockStore.TX);
      mockStore.calls.push('commit');
      return r;
    },
  };
  audit = {
    record: async (a: AuditActor, e: Entry, m: unknown) => {
      mockStore.calls.push(`audit ${e.action} ${e.entityId} ${m === mockStore.TX ? 'tx' : 'db'}`);
      this.actors.push(a);
      this.entries.push(e);
    },
  };
  constructor() {
    mockStore.calls = [];
    mockStore.rounds = new Map([['r1', round('r1', '春季', '2026-03-01', ['run-a'])]]);
    mockStore.names = new Set(['春季']);
    mockStore.runs = new Set(['run-a', 'run-b', 'run-c']);
    mockStore.taken = [];
    mockStore.ungrouped = [];
  }
  service() {
    return new RoundsService(
      this.db as unknown as DataSource,
      this.audit as unknown as AuditService,
    );
  }
}

const refusal = (p: Promise<unknown>) => p.then(() => null).catch((e) => e as DomainError);

describe('RoundsService.get', () => {
  it('refuses an unknown round (404 round.not_found)', async () => {
    const err = await refusal(new Fakes().service().get('nope'));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ status: 404, code: 'round.not_found' });
  });
});

describe('RoundsService.create', () => {
  it('checks on the DataSource, then inserts, sets the runs and audits in one transaction', async () => {
    const f = new Fakes();
    const r = await f
      .service()
      .create({ name: ' 秋季 ', heldOn: '2026-09-01', runIds: ['run-b', 'run-b', 'run-c'] }, actor);
    expect(mockStore.calls).toEqual([
      'nameTaken 秋季 null db',
      'takenElsewhere 00000000-0000-0000-0000-000000000000 db',
      'begin',
      'insert 秋季 2026-09-01 "" u1 tx',
      // duplicates dropped, the name trimmed
      'setRuns r-new run-b,run-c tx',
      'audit round_save r-new tx',
      'commit',
    ]);
    expect(f.entries[0]).toEqual({
      action: 'round_save',
      entityType: 'round',
      entityId: 'r-new',
      before: undefined,
      after: { name: '秋季', heldOn: '2026-09-01', runIds: ['run-b', 'run-c'] },
    });
    expect(r).toMatchObject({ id: 'r-new', name: '秋季' });
  });

  it('audits a round the system creates as the system', async () => {
    const f = new Fakes();
    await f.service().create({ name: '演示', heldOn: '2026-01-01' }, null);
    expect(f.actors).toEqual([{ id: null, name: 'system' }]);
    expect(mockStore.calls).toContain('insert 演示 2026-01-01 "" null tx');
    expect(mockStore.calls.some((c) => c.startsWith('setRuns'))).toBe(false);
  });

  it('refuses a blank name (400 round.name_required) with nothing written', async () => {
    const f = new Fakes();
    const err = await refusal(f.service().create({ name: '  ', heldOn: '2026-01-01' }, actor));
    expect(err).toMatchObject({ status: 400, code: 'round.name_required' });
    expect(mockStore.calls).toEqual([]);
  });

  it('refuses a name another round has (409 round.name_taken)', async () => {
    const f = new Fakes();
    const err = await refusal(f.service().create({ name: '春季', heldOn: '2026-01-01' }, actor));
    expect(err).toMatchObject({ status: 409, code: 'round.name_taken', params: { name: '春季' } });
    expect(mockStore.calls).not.toContain('begin');
  });

  it('refuses unknown runs, naming them (400 round.unknown_run), with nothing written', async () => {
    const f = new Fakes();
    const err = await refusal(
      f
        .service()
        .create({ name: '秋季', heldOn: '2026-09-01', runIds: ['run-a', 'x', 'y'] }, actor),
    );
    expect(err).toMatchObject({ status: 400, code: 'round.unknown_run', params: { runs: 'x, y' } });
    expect(mockStore.calls).not.toContain('begin');
  });

  it('refuses a run already in another round (409 round.run_in_other_round)', async () => {
    const f = new Fakes();
    mockStore.taken = [{ runId: 'run-a', round: '春季' }];
    const err = await refusal(
      f.service().create({ name: '秋季', heldOn: '2026-09-01', runIds: ['run-a'] }, actor),
    );
    expect(err).toMatchObject({
      status: 409,
      code: 'round.run_in_other_round',
      params: { round: '春季' },
    });
    expect(mockStore.calls).not.toContain('begin');
  });
});

describe('RoundsService.update', () => {
  it('refuses an unknown round before any check or write', async () => {
    const f = new Fakes();
    const err = await refusal(f.service().update('nope', { name: 'x' }, actor));
    expect(err).toMatchObject({ status: 404, code: 'round.not_found' });
    expect(mockStore.calls).toEqual([]);
  });

  it('updates the round, excluding itself from the checks, and audits before and after', async () => {
    const f = new Fakes();
    mockStore.names = new Set();
    await f.service().update('r1', { name: '春季复评', runIds: ['run-b'] }, actor);
    expect(mockStore.calls).toEqual([
      'nameTaken 春季复评 r1 db',
      'takenElsewhere r1 db',
      'begin',
      'update r1 {"name":"春季复评"} tx',
      'setRuns r1 run-b tx',
      'audit round_save r1 tx',
      'commit',
    ]);
    expect(f.entries[0]).toMatchObject({
      before: { name: '春季', heldOn: '2026-03-01', runIds: ['run-a'] },
      after: { name: '春季复评', heldOn: '2026-03-01', runIds: ['run-b'] },
    });
  });

  it('leaves the runs alone when none are given', async () => {
    const f = new Fakes();
    await f.service().update('r1', { notes: '补记' }, actor);
    expect(mockStore.calls.some((c) => c.startsWith('setRuns'))).toBe(false);
    expect(f.entries[0]).toMatchObject({ after: { runIds: ['run-a'] } });
  });
});

describe('RoundsService.remove', () => {
  it('removes the round and audits what it was in one transaction', async () => {
    const f = new Fakes();
    await f.service().remove('r1', actor);
    expect(mockStore.calls).toEqual([
      'begin',
      'remove r1 tx',
      'audit round_delete r1 tx',
      'commit',
    ]);
    expect(f.entries[0]).toMatchObject({
      action: 'round_delete',
      before: { name: '春季', heldOn: '2026-03-01', runIds: ['run-a'] },
    });
  });

  it('refuses an unknown round with nothing removed', async () => {
    const f = new Fakes();
    const err = await refusal(f.service().remove('nope', actor));
    expect(err).toMatchObject({ status: 404, code: 'round.not_found' });
    expect(mockStore.calls).toEqual([]);
  });
});

describe('RoundsService.groupUngrouped', () => {
  it('makes no round when every run is already in one', async () => {
    const f = new Fakes();
    expect(
      await f.service().groupUngrouped({ name: '演示', heldOn: '2026-01-01', notes: '' }),
    ).toBeNull();
    expect(mockStore.calls).toEqual([]);
  });

  it('groups the ungrouped runs into a new round, as the system', async () => {
    const f = new Fakes();
    mockStore.ungrouped = ['run-b', 'run-c'];
    const r = await f
      .service()
      .groupUngrouped({ name: '演示', heldOn: '2026-01-01', notes: '示例' });
    expect(r).toMatchObject({ id: 'r-new' });
    expect(mockStore.calls).toContain('insert 演示 2026-01-01 "示例" null tx');
    expect(mockStore.calls).toContain('setRuns r-new run-b,run-c tx');
    expect(f.actors).toEqual([{ id: null, name: 'system' }]);
  });
});
