import type { AppConfig } from '../config/app-config';
import type { AiModelEntity } from '../models/model.entity';
import type { ProviderClient, ProviderResult } from '../models/provider';
import type { ReadyItem } from './item-preparer';
import { ItemSender } from './item-sender';
import type { AttemptRecord, ClaimedItem, WorkItemsRepository } from './work-items.repository';
import { KindAttempt, ReaderWork, WorkKinds } from './work-kinds';

/** The runner's decisions for one item, against a fake queue and a fake provider: no database, no network. */

const model = {
  id: 'm1',
  name: 'model one',
  baseUrl: 'http://fake/v1',
  modelId: 'fake-1',
  apiKeyEnv: null,
  params: { temperature: 0, max_tokens: 100 },
  rpmLimit: null,
  tpmLimit: null,
  priceInputPerMtok: 2,
  priceOutputPerMtok: 8,
} as unknown as AiModelEntity;

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

const ok = (text = 'A'): ProviderResult => ({
  ok: true,
  text,
  reasoning: null,
  finishReason: 'stop',
  tokensIn: 1000,
  tokensOut: 500,
  latencyMs: 5,
  status: 200,
});
const failed = (status: number | null, message = 'busy'): ProviderResult => ({
  ok: false,
  status,
  retryAfterSeconds: null,
  message,
  latencyMs: 5,
});

function item(over: Partial<ClaimedItem> = {}): ClaimedItem {
  return {
    id: '1',
    runId: 'r1',
    modelId: 'm1',
    questionId: 'q1',
    paperVersionId: 'p1',
    sampleIndex: 0,
    attemptsCount: 0,
    targetResponseId: null,
    ...over,
  };
}

function ready(i: ClaimedItem, hash = 'h1', context?: unknown): ReadyItem {
  return {
    item: i,
    prompt: {
      messages: [{ role: 'user', content: 'q' }],
      templateVersion: 't1',
      responseFormat: null,
    },
    hash,
    context,
    generation: 1,
  };
}

/** Records what the sender asks of the queue, in order. */
class FakeStore {
  calls: string[] = [];
  attempts: { item: ClaimedItem; attemptNumber: number; a: AttemptRecord }[] = [];
  status = 'running';
  cached: { hash: string; id: string }[] = [];
  recordAttempts = async (
    batch: { item: ClaimedItem; attemptNumber: number; a: AttemptRecord }[],
  ) => {
    this.attempts.push(...batch);
    this.calls.push(`record ${batch.length}`);
  };
  runStatus = async () => this.status;
  stopItem = async (id: string, status: string) => void this.calls.push(`stop ${id} ${status}`);
  fail = async (i: ClaimedItem, error: string) => void this.calls.push(`fail ${i.id} ${error}`);
  release = async (id: string) => void this.calls.push(`release ${id}`);
  cachedSuccesses = async (hashes: string[]) => this.cached.filter((c) => hashes.includes(c.hash));
}

class FakeProvider {
  sent = 0;
  constructor(private readonly replies: ProviderResult[]) {}
  send = async () => {
    this.sent++;
    return this.replies.shift() ?? ok();
  };
}

function sender(store: FakeStore, provider: FakeProvider, kinds = new WorkKinds()) {
  return new ItemSender(
    store as unknown as WorkItemsRepository,
    provider as unknown as ProviderClient,
    config,
    kinds,
  );
}

describe('ItemSender', () => {
  it('sends an item once and stores its answer with the cost from the model’s prices', async () => {
    const store = new FakeStore();
    const provider = new FakeProvider([ok('B')]);
    await sender(store, provider).process(ready(item()), model);
    expect(provider.sent).toBe(1);
    expect(store.calls).toEqual(['record 1']);
    expect(store.attempts[0]).toMatchObject({
      attemptNumber: 1,
      a: {
        isSuccess: true,
        responseText: 'B',
        requestHash: 'h1',
        templateVersion: 't1',
        cost: (1000 * 2 + 500 * 8) / 1e6,
      },
    });
  });

  it('retries a transient failure, storing each attempt before the next, and numbers attempts after those already made', async () => {
    const store = new FakeStore();
    const provider = new FakeProvider([failed(503), ok()]);
    await sender(store, provider).process(ready(item({ attemptsCount: 1 })), model);
    expect(provider.sent).toBe(2);
    expect(store.attempts.map((x) => [x.attemptNumber, x.a.isSuccess, x.a.httpStatus])).toEqual([
      [2, false, 503],
      [3, true, 200],
    ]);
    expect(store.calls).not.toContainEqual(expect.stringMatching(/^fail/));
  });

  it('fails an item at once on a permanent error (400), with the provider’s message', async () => {
    const store = new FakeStore();
    const provider = new FakeProvider([failed(400, 'bad request')]);
    await sender(store, provider).process(ready(item()), model);
    expect(provider.sent).toBe(1);
    expect(store.calls).toEqual(['record 1', 'fail 1 400: bad request']);
  });

  it('fails an item once its attempts are spent (maxAttempts 3), a network error named as such', async () => {
    const store = new FakeStore();
    const provider = new FakeProvider([
      failed(null, 'refused'),
      failed(null, 'refused'),
      failed(null, 'refused'),
      ok(),
    ]);
    await sender(store, provider).process(ready(item()), model);
    expect(provider.sent).toBe(3);
    expect(store.calls).toEqual(['record 1', 'record 1', 'record 1', 'fail 1 network: refused']);
  });

  it.each([
    ['paused', 'stop 1 paused'],
    ['cancelled', 'stop 1 cancelled'],
  ])('sends nothing for a %s run and hands the item to the queue to stop', async (status, call) => {
    const store = new FakeStore();
    store.status = status;
    const provider = new FakeProvider([]);
    await sender(store, provider).process(ready(item()), model);
    expect(provider.sent).toBe(0);
    expect(store.calls).toEqual([call]);
  });

  it('after stop() sends no new attempt and leaves the item for shutdown to hand back', async () => {
    const store = new FakeStore();
    const provider = new FakeProvider([]);
    const s = sender(store, provider);
    s.stop();
    await s.process(ready(item()), model);
    expect(provider.sent).toBe(0);
    expect(store.calls).toEqual([]);
  });

  it('releases an item whose storing failed unexpectedly, so it goes back to the queue', async () => {
    const store = new FakeStore();
    store.recordAttempts = async () => {
      throw new Error('disk full');
    };
    await sender(store, new FakeProvider([ok()])).process(ready(item()), model);
    expect(store.calls).toEqual(['release 1']);
  });

  describe('reader items (judgements)', () => {
    function readerKind(store: FakeStore) {
      const calls: string[] = [];
      const kind: ReaderWork = {
        prepare: async () => new Map(),
        record: async (batch: KindAttempt[]) => {
          for (const b of batch) {
            calls.push(`record ${b.item.id} ${String(b.context)} ${b.a.isSuccess}`);
            // What the kind's statement does: a success becomes the cached attempt of its hash.
            if (b.a.isSuccess) store.cached.push({ hash: b.a.requestHash, id: `a-${b.item.id}` });
          }
        },
        completeFromCache: async (hits) =>
          void hits.forEach((h) =>
            calls.push(`cache ${h.item.id} ${h.attemptId} ${String(h.context)}`),
          ),
        fail: async (i, context, error) =>
          void calls.push(`fail ${i.id} ${String(context)} ${error}`),
      };
      const kinds = new WorkKinds();
      kinds.register(kind);
      return { kinds, calls };
    }

    it('are stored by their kind with their context, and fail through it', async () => {
      const store = new FakeStore();
      const { kinds, calls } = readerKind(store);
      const provider = new FakeProvider([ok(), failed(401, 'no key')]);
      const s = sender(store, provider, kinds);
      await s.process(ready(item({ id: '7', targetResponseId: 'resp' }), 'h7', 'rubric'), model);
      await s.process(ready(item({ id: '8', targetResponseId: 'resp' }), 'h8', 'rubric'), model);
      expect(calls).toEqual([
        'record 7 rubric true',
        'record 8 rubric false',
        'fail 8 rubric 401: no key',
      ]);
      expect(store.attempts).toEqual([]);
    });

    it('send an identical request once: a twin waits for it and is completed from the cache', async () => {
      const store = new FakeStore();
      const { kinds, calls } = readerKind(store);
      const provider = new FakeProvider([ok(), ok()]);
      const s = sender(store, provider, kinds);
      await Promise.all([
        s.process(ready(item({ id: '7', targetResponseId: 'r7' }), 'same', 'c7'), model),
        s.process(ready(item({ id: '8', targetResponseId: 'r8' }), 'same', 'c8'), model),
      ]);
      expect(provider.sent).toBe(1);
      expect(calls).toEqual(['record 7 c7 true', 'cache 8 a-7 c8']);
    });
  });

  it('settle() aborts a request still on the wire after the grace period, and nothing is stored for it', async () => {
    const store = new FakeStore();
    const provider = {
      send: (_t: unknown, _m: unknown, signal: AbortSignal) =>
        new Promise<ProviderResult>((resolve) =>
          signal.addEventListener('abort', () => resolve(failed(null, 'aborted'))),
        ),
    };
    const s = new ItemSender(
      store as unknown as WorkItemsRepository,
      provider as unknown as ProviderClient,
      config,
      new WorkKinds(),
    );
    const p = s.process(ready(item()), model);
    await new Promise((r) => setTimeout(r, 5));
    s.stop();
    await s.settle(10);
    await p;
    expect(store.calls).toEqual([]);
  });
});
