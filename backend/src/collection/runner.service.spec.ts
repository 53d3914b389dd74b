import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import type { AiModelEntity } from '../models/model.entity';
import type { ItemPreparer, ReadyItem } from './item-preparer';
import type { ItemSender } from './item-sender';
import { RunnerService } from './runner.service';
import type { ClaimedItem, WorkItemsRepository } from './work-items.repository';

/**
 * The runner's loop against fakes: a queue of items, a preparer and a sender that only count, and
 * a pg client answering the slot connection's statements (advisory locks are held in a Set).
 */

const config = {
  collection: {
    isWorker: true,
    leaseSeconds: 30,
    maxAttempts: 3,
    timeoutMs: 1000,
    backoffBaseMs: 1,
    backoffMaxMs: 2,
  },
} as AppConfig;

function fakePool() {
  const locks = new Set<string>();
  const state = { released: false, statements: [] as string[] };
  const client = {
    on: () => undefined,
    release: () => void (state.released = true),
    query: async (text: string, values: unknown[] = []) => {
      state.statements.push(text.trim().split(/\s+/).slice(0, 2).join(' '));
      if (!text.includes('generate_series')) return { rows: [] };
      // Take free slots below the concurrency (one worker process: its share is all of them).
      const [modelId, concurrency] = values as [string, number];
      const rows: { s: number }[] = [];
      for (let s = 0; s < concurrency; s++)
        if (!locks.has(`${modelId}:${s}`)) {
          locks.add(`${modelId}:${s}`);
          rows.push({ s });
        }
      return { rows };
    },
  };
  return { pool: { connect: async () => client }, state };
}

function setUp(itemCount: number, concurrency: number) {
  const model = { id: 'm1', concurrency } as AiModelEntity;
  const calls: string[] = [];
  const queue: ClaimedItem[] = Array.from({ length: itemCount }, (_, i) => ({
    id: String(i + 1),
    runId: 'r1',
    modelId: 'm1',
    questionId: 'q',
    paperVersionId: 'p',
    sampleIndex: i,
    attemptsCount: 0,
    targetResponseId: null,
  }));
  const store = {
    modelsWithWork: async (active: string[]) =>
      queue.length
        ? { withWork: [model], also: [] }
        : { withWork: [], also: active.length ? [model] : [] },
    claim: async (_m: string, _i: string, _l: number, limit: number) => queue.splice(0, limit),
    release: async (id: string) => void calls.push(`release ${id}`),
    isClaimedBy: async () => true,
    finishCompletedRuns: async () => void calls.push('finish'),
    renewLeases: async () => undefined,
    reclaimOrphaned: async () => 0,
    releaseAll: async () => void calls.push('releaseAll'),
  };
  const preparer = {
    prepare: async (
      items: ClaimedItem[],
      _m: AiModelEntity,
      generation: number,
    ): Promise<ReadyItem[]> =>
      items.map((item) => ({
        item,
        prompt: { messages: [], templateVersion: 't', responseFormat: null },
        hash: item.id,
        generation,
      })),
  };
  const sent: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let hold: Promise<void> = Promise.resolve();
  const sender = {
    process: async (r: ReadyItem) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((res) => setTimeout(res, 2));
      await hold;
      sent.push(r.item.id);
      inFlight--;
    },
    stop: () => void calls.push('sender stop'),
    settle: async () => void calls.push('sender settle'),
  };
  const { pool, state } = fakePool();
  const db = {
    driver: { master: pool },
    query: async (sql: string) => void calls.push(sql),
  } as unknown as DataSource;
  const runner = new RunnerService(
    db,
    store as unknown as WorkItemsRepository,
    preparer as unknown as ItemPreparer,
    sender as unknown as ItemSender,
    config,
  );
  return {
    runner,
    calls,
    sent,
    state,
    maxInFlight: () => maxInFlight,
    holdSending: () => {
      let open = () => undefined as void;
      hold = new Promise<void>((res) => (open = res));
      return () => open();
    },
  };
}

const until = async (done: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('RunnerService', () => {
  it('sends every claimed item once, never more at a time than the model’s concurrency, and finishes the runs', async () => {
    const t = setUp(9, 2);
    await t.runner.startLoop();
    await until(() => t.sent.length === 9);
    await t.runner.stopLoop();
    expect([...t.sent].sort((a, b) => Number(a) - Number(b))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    expect(t.maxInFlight()).toBe(2);
    expect(t.calls).toContain('finish');
  });

  it('at stop: no new request, the sender settles, every held item goes back, and the slot connection closes', async () => {
    const t = setUp(6, 2);
    const open = t.holdSending();
    await t.runner.startLoop();
    await until(() => t.maxInFlight() === 2);
    const stopped = t.runner.stopLoop();
    open();
    await stopped;
    expect(t.calls.slice(-3)).toEqual(['sender stop', 'sender settle', 'releaseAll']);
    expect(t.state.released).toBe(true);
    // The two on the wire finished; the items claimed ahead were not sent (releaseAll hands them back).
    expect(t.sent.length).toBeLessThan(6);
  });

  it('does not look for work in a process whose loop was not started (it only serves the API), but still announces', async () => {
    const t = setUp(3, 1);
    await t.runner.announce();
    await new Promise((r) => setTimeout(r, 20));
    expect(t.sent).toEqual([]);
    expect(t.state.statements).toEqual([]);
    expect(t.calls).toEqual(["SELECT pg_notify('yj_work', '')"]);
    await t.runner.stopLoop(); // nothing started: nothing to stop
    expect(t.calls).toEqual(["SELECT pg_notify('yj_work', '')"]);
  });
});
