import type { AiModelEntity } from '../models/model.entity';
import type { RenderingService } from '../rendering/rendering.service';
import { ItemPreparer } from './item-preparer';
import { requestHash } from './request-hash';
import type { ClaimedItem, WorkItemsRepository } from './work-items.repository';
import { PreparedRequest, WorkKinds } from './work-kinds';

/** Preparing claimed items: rendering, hashing, the attempt cache, against fakes of the queue and the renderer. */

const model = {
  id: 'm1',
  baseUrl: 'http://fake/v1',
  modelId: 'fake-1',
  modality: 'text',
  imageProfile: null,
  params: { temperature: 0 },
} as unknown as AiModelEntity;

const item = (id: string, over: Partial<ClaimedItem> = {}): ClaimedItem => ({
  id,
  runId: 'r1',
  modelId: 'm1',
  questionId: `q${id}`,
  paperVersionId: 'p1',
  sampleIndex: 0,
  attemptsCount: 0,
  targetResponseId: null,
  ...over,
});

const messagesOf = (questionId: string) => [
  { role: 'user' as const, content: `question ${questionId}` },
];

/** The hash an answer item's request gets: what the attempt cache is keyed by. */
const hashOf = (i: ClaimedItem) =>
  requestHash({
    baseUrl: model.baseUrl,
    modelId: model.modelId,
    params: model.params,
    messages: messagesOf(i.questionId),
    sampleIndex: i.sampleIndex,
  });

function setUp(cachedHashes: string[] = []) {
  const calls: string[] = [];
  let renders = 0;
  const store = {
    release: async (id: string) => void calls.push(`release ${id}`),
    cachedSuccesses: async (hashes: string[]) =>
      cachedHashes
        .filter((h) => hashes.includes(h))
        .map((hash) => ({ hash, id: `a-${hash.slice(0, 4)}` })),
    completeFromCache: async (hits: { itemId: string; attemptId: string }[]) =>
      void calls.push(`cache ${hits.map((h) => h.itemId).join(',')}`),
  };
  const rendering = {
    renderPaper: async () => {
      renders++;
      return {
        questions: ['q1', 'q2', 'q3'].map((questionId) => ({
          questionId,
          messages: messagesOf(questionId),
          templateVersion: 't1',
        })),
      };
    },
  };
  const kinds = new WorkKinds();
  const preparer = new ItemPreparer(
    store as unknown as WorkItemsRepository,
    rendering as unknown as RenderingService,
    kinds,
  );
  return { preparer, calls, kinds, renders: () => renders };
}

describe('ItemPreparer', () => {
  it('renders each paper once, hashes each request, and keeps the claim order', async () => {
    const { preparer, calls, renders } = setUp();
    const ready = await preparer.prepare([item('1'), item('2'), item('3')], model, 4);
    expect(ready.map((r) => [r.item.id, r.hash, r.generation, r.prompt.responseFormat])).toEqual(
      ['1', '2', '3'].map((id) => [id, hashOf(item(id)), 4, null]),
    );
    expect(renders()).toBe(1);
    expect(calls).toEqual([]);
  });

  it('completes an item whose identical request already succeeded from the cache, and does not return it to send', async () => {
    const { preparer, calls } = setUp([hashOf(item('2'))]);
    const ready = await preparer.prepare([item('1'), item('2')], model, 1);
    expect(ready.map((r) => r.item.id)).toEqual(['1']);
    expect(calls).toEqual(['cache 2']);
  });

  it('releases an item it cannot prepare (a question the rendered paper lacks), keeping the others', async () => {
    const { preparer, calls } = setUp();
    const ready = await preparer.prepare([item('1'), item('9')], model, 1);
    expect(ready.map((r) => r.item.id)).toEqual(['1']);
    expect(calls).toEqual(['release 9']);
  });

  it('asks the reader kind to prepare reader items; its errors release the item; its request format and template join the hash', async () => {
    const { preparer, calls, kinds } = setUp();
    const prepared: PreparedRequest = {
      messages: messagesOf('x'),
      templateVersion: 'judge-1',
      responseFormat: { type: 'json_object' },
      context: 'rubric',
    };
    kinds.register({
      prepare: async (items) =>
        new Map(items.map((i) => [i.id, i.id === '5' ? prepared : new Error('no rubric')])),
      record: async () => undefined,
      completeFromCache: async () => undefined,
      fail: async () => undefined,
    });
    const ready = await preparer.prepare(
      [item('5', { targetResponseId: 'r5' }), item('6', { targetResponseId: 'r6' })],
      model,
      1,
    );
    expect(ready).toHaveLength(1);
    expect(ready[0]).toMatchObject({
      context: 'rubric',
      prompt: { templateVersion: 'judge-1', responseFormat: { type: 'json_object' } },
    });
    expect(ready[0].hash).not.toBe(
      requestHash({
        baseUrl: model.baseUrl,
        modelId: model.modelId,
        params: model.params,
        messages: prepared.messages,
        sampleIndex: 0,
      }),
    );
    expect(calls).toEqual(['release 6']);
  });
});
