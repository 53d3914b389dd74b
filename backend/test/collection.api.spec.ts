import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { FakeOpenAI } from './support/fake-openai';
import { Agent, startTestApp, TestApp } from './test-app';

async function waitFor<T>(
  probe: () => Promise<T>,
  isDone: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (isDone(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('collecting model answers', () => {
  let t: TestApp;
  let fake: FakeOpenAI;
  let http: Agent;
  let paperId: string;

  beforeAll(async () => {
    fake = await new FakeOpenAI().start();
    t = await startTestApp({
      collection: {
        isWorker: true,
        leaseSeconds: 30,
        maxAttempts: 4,
        timeoutMs: 1500,
        backoffBaseMs: 20,
        backoffMaxMs: 200,
      },
    });
  });
  beforeEach(async () => {
    await t.truncateAll();
    await t.reset();
    fake.requests.length = 0;
    fake.peakInFlight = 0;
    fake.behave = () => ({ text: '【答案】A', delayMs: 50 });
    const author = await t.as(['author', 'researcher']);
    http = author;
    paperId = (await author.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip'))
      .body.versionId;
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  const model = async (over: object = {}) =>
    (
      await http.post('/api/models').send({
        name: `m${Math.random()}`,
        baseUrl: fake.url,
        modelId: 'fake-1',
        modality: 'text',
        concurrency: 2,
        ...over,
      })
    ).body;
  const startRun = async (modelIds: string[]) =>
    (await http.post('/api/runs').send({ paperVersionIds: [paperId], modelIds })).body;
  const finished = (runId: string) =>
    waitFor(
      async () => (await http.get(`/api/runs/${runId}`)).body,
      (p) => p.status !== 'running',
    );

  it('registers a model by the NAME of its key variable and refuses a key pasted in its place', async () => {
    const m = await model({ apiKeyEnv: 'FAKE_KEY_FOR_TEST' });
    expect(m).toMatchObject({ apiKeyEnv: 'FAKE_KEY_FOR_TEST', hasApiKey: false, concurrency: 2 });
    const pasted = await http
      .post('/api/models')
      .send({ name: 'x', modelId: 'y', modality: 'text', apiKeyEnv: 'sk-abc123secret' });
    expect(pasted.status).toBe(400);
    expect(JSON.stringify(pasted.body)).toMatch(/variable NAME/);
  });

  it('answers every question at the configured concurrency; an image question is not applicable for a text model', async () => {
    const m = await model();
    const run = await startRun([m.id]);
    expect(run.models[0]).toMatchObject({ total: 6, notApplicable: 1 });
    const done = await finished(run.id);
    expect(done.status).toBe('finished');
    expect(done.models[0]).toMatchObject({
      total: 6,
      answered: 5,
      notApplicable: 1,
      failed: 0,
      pending: 0,
      tokensIn: 500,
      cost: null,
    });
    expect(fake.requests).toHaveLength(5);
    expect(fake.peakInFlight).toBe(2);
    // The rate of a run younger than a minute is over its own age: 5 requests in about a second, not 5 per minute.
    expect(done.models[0].requestsPerSecond).toBeGreaterThan(1);
    const answers = (await http.get(`/api/runs/${run.id}/answers`)).body;
    expect(answers.filter((a: { outcome: string }) => a.outcome === 'answered')).toHaveLength(5);
    expect(answers.find((a: { questionNumber: string }) => a.questionNumber === '1')).toMatchObject(
      {
        state: 'not_applicable',
        outcome: 'not_applicable',
      },
    );
    expect(answers.find((a: { questionNumber: string }) => a.questionNumber === '2')).toMatchObject(
      {
        text: '【答案】A',
        templateVersion: 'zh-exam@1',
      },
    );
  });

  it('sends image questions to a vision model as image parts, and prices what it knows', async () => {
    const m = await model({ modality: 'vision', priceInputPerMtok: 2, priceOutputPerMtok: 8 });
    const done = await finished((await startRun([m.id])).id);
    expect(done.models[0]).toMatchObject({ answered: 6, notApplicable: 0 });
    expect(fake.requests.filter((r) => r.hasImage)).toHaveLength(1);
    expect(done.models[0].cost).toBeCloseTo((600 * 2 + done.models[0].tokensOut * 8) / 1e6, 9);
  });

  it('retries 429 (honouring Retry-After), 500, timeouts and bad bodies, and fails fast on 400 with the provider message', async () => {
    const seen = new Map<string, number>();
    fake.behave = (r) => {
      const q = JSON.stringify(r.body.messages).match(/第(\d+(?:-\d+)?)题/)![1];
      const k = (seen.get(q) ?? 0) + 1;
      seen.set(q, k);
      if (q === '2' && k === 1) return { status: 429, headers: { 'retry-after': '0' } };
      if (q === '2' && k === 2) return { status: 500 };
      if (q === '3' && k === 1) return { hang: true };
      if (q === '4' && k === 1) return { raw: '{"not json' };
      if (q === '5-6' && k === 1) return { status: 429 }; // no Retry-After: exponential backoff
      if (q === '7') return { status: 400 };
      return { text: '【答案】B' };
    };
    const m = await model({ concurrency: 4 });
    const run = await startRun([m.id]);
    const done = await finished(run.id);
    expect(done.models[0]).toMatchObject({ answered: 4, failed: 1, notApplicable: 1 });
    const answers = (await http.get(`/api/runs/${run.id}/answers`)).body as {
      questionNumber: string;
      attempts: number;
      lastError: string;
      outcome: string;
    }[];
    const byQ = Object.fromEntries(answers.map((a) => [a.questionNumber, a]));
    expect(byQ['2'].attempts).toBe(3);
    expect(byQ['3'].attempts).toBe(2);
    expect(byQ['4'].attempts).toBe(2);
    expect(byQ['5-6'].attempts).toBe(2);
    expect(byQ['7']).toMatchObject({ attempts: 1, outcome: 'not_scored' });
    expect(byQ['7'].lastError).toMatch(/^400: .*fake error 400/);
    // errors are recorded as attempts but never cached as answers
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM attempts WHERE NOT is_success`,
    );
    expect(n).toBe(6);
  });

  it('never sends a request twice: a second run of the same model and paper is served from the attempt cache', async () => {
    const m = await model();
    await finished((await startRun([m.id])).id);
    const sent = fake.requests.length;
    const second = await finished((await startRun([m.id])).id);
    expect(second.models[0]).toMatchObject({ answered: 5 });
    expect(fake.requests.length).toBe(sent);
    // Each answer is the stored one, taken from the attempt table.
    const answers = (await http.get(`/api/runs/${second.id}/answers`)).body.filter(
      (a: { outcome: string }) => a.outcome === 'answered',
    );
    expect(answers.map((a: { text: string }) => a.text)).toEqual(Array(5).fill('【答案】A'));
    expect(fake.repeatedSuccesses()).toBe(0);
  });

  it('keeps to the requests-per-minute limit', async () => {
    // 3 per minute: three requests go at once, the fourth would wait 20 s.
    const m = await model({ concurrency: 5, rpmLimit: 3 });
    const run = await startRun([m.id]);
    await waitFor(
      async () => fake.requests.length,
      (n) => n >= 3,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(fake.requests.length).toBe(3);
    expect((await http.get(`/api/runs/${run.id}`)).body.models[0].answered).toBe(3);
    await http.post(`/api/runs/${run.id}/cancel`);
  });

  it('pauses, resumes and cancels', async () => {
    fake.behave = () => ({ text: '【答案】C', delayMs: 300 });
    const m = await model({ concurrency: 1 });
    const run = await startRun([m.id]);
    await waitFor(
      async () => fake.requests.length,
      (n) => n >= 1,
    );
    const paused = (await http.post(`/api/runs/${run.id}/pause`)).body;
    expect(paused.status).toBe('paused');
    await new Promise((r) => setTimeout(r, 800));
    const whilePaused = fake.requests.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.requests.length).toBe(whilePaused);
    expect((await http.post(`/api/runs/${run.id}/pause`)).status).toBe(400);
    await http.post(`/api/runs/${run.id}/resume`);
    await waitFor(
      async () => fake.requests.length,
      (n) => n > whilePaused,
    );
    const cancelled = (await http.post(`/api/runs/${run.id}/cancel`)).body;
    expect(cancelled.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 500));
    const after = (await http.get(`/api/runs/${run.id}`)).body.models[0];
    expect(after.pending).toBe(0);
    expect(after.cancelled).toBeGreaterThan(0);
    expect(after.answered + after.cancelled + after.notApplicable + after.inFlight).toBe(6);
  });

  it('takes its slots again after losing their connection, and finishes the run', async () => {
    fake.behave = () => ({ text: '【答案】D', delayMs: 300 });
    const m = await model({ concurrency: 3 }); // claims two per slot: all five items are this process's at once
    const run = await startRun([m.id]);
    await waitFor(
      async () => fake.requests.length,
      (n) => n >= 1,
    );
    // PostgreSQL frees the slots with the session; the items claimed ahead are still this process's.
    await t.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'yuejuan-slots'`,
    );
    const done = await finished(run.id);
    expect(done.models[0]).toMatchObject({ answered: 5, pending: 0, inFlight: 0, failed: 0 });
    expect(fake.repeatedSuccesses()).toBe(0);
  });
});
