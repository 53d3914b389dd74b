import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { FakeOpenAI } from './support/fake-openai';
import { startWorker } from './fixtures/worker-process';
import { startTestApp, TestApp } from './test-app';

const ANSWERS = 40;
const answerOf = (body: { messages: { content: unknown }[] }) =>
  JSON.stringify(body.messages).match(/解答 (\d+)：/)![1];

describe('judging crash safety', () => {
  let t: TestApp;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    fake = await new FakeOpenAI().start();
    // This process only serves the API; the workers below send the judge's requests.
    t = await startTestApp({
      collection: {
        isWorker: false,
        leaseSeconds: 2,
        maxAttempts: 3,
        timeoutMs: 5000,
        backoffBaseMs: 50,
        backoffMaxMs: 500,
      },
    });
    await t.truncateAll();
    await t.reset();
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('survives SIGKILL mid-judging: a restarted server finishes, one judge read per answer, nothing stored is asked again', async () => {
    fake.behave = () => ({
      text: JSON.stringify({
        applied_items: ['a'],
        adjustment: 0,
        total: 3,
        rationale: '只写出原函数',
      }),
      delayMs: 250,
    });
    const http = await t.as(['author', 'researcher']);
    await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
    const lines = Array.from({ length: ANSWERS }, (_, i) =>
      JSON.stringify({
        paper: 'test-mini-paper',
        model: 'src',
        sample: i,
        question: '7',
        response: `解答 ${i}：原函数为 x^2/2`,
      }),
    );
    expect(
      (await http.post('/api/runs/import').attach('file', Buffer.from(lines.join('\n')), 'a.jsonl'))
        .status,
    ).toBe(201);
    const [{ id: sourceRunId }] = await t.db.query(`SELECT id FROM runs WHERE kind = 'answer'`);
    const judge = (
      await http.post('/api/models').send({
        name: 'crash-judge',
        baseUrl: fake.url,
        modelId: 'fake-judge',
        modality: 'text',
        concurrency: 4,
        isJudge: true,
      })
    ).body;
    const run = (await http.post('/api/judging/runs').send({ judgeModelId: judge.id, sourceRunId }))
      .body;
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      COLLECTION_LEASE_SECONDS: '60',
      COLLECTION_BACKOFF_BASE_MS: '50',
      LOG_LEVEL: 'log',
    };
    const reads = async () =>
      (
        await t.db.query(`SELECT count(*)::int AS n FROM judge_reads WHERE judge_run_id = $1`, [
          run.id,
        ])
      )[0].n;

    // step: a worker judges some answers and is killed without warning
    const first = await startWorker(env);
    while ((await reads()) < 8) await new Promise((r) => setTimeout(r, 50));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const judgedBeforeCrash = new Set<string>(
      (
        await t.db.query(
          `SELECT r.text FROM judge_reads j JOIN responses r ON r.id = j.response_id WHERE j.judge_run_id = $1`,
          [run.id],
        )
      ).map((r: { text: string }) => r.text.match(/解答 (\d+)：/)![1]),
    );
    const sentBeforeRestart = fake.requests.length;
    expect(judgedBeforeCrash.size).toBeLessThan(ANSWERS);

    // step: a new worker takes the dead one's items back and finishes the run
    const second = await startWorker(env);
    try {
      for (let i = 0; i < 300; i++) {
        if ((await http.get(`/api/judging/runs/${run.id}`)).body.status === 'finished') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
    const done = (await http.get(`/api/judging/runs/${run.id}`)).body;
    expect(done).toMatchObject({
      status: 'finished',
      total: ANSWERS,
      judged: ANSWERS,
      scored: ANSWERS,
      pending: 0,
      inFlight: 0,
    });
    // exactly one judge read per answer: none lost, none recorded twice
    const [{ n, units }] = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT response_id)::int AS units FROM judge_reads WHERE judge_run_id = $1`,
      [run.id],
    );
    expect([n, units]).toEqual([ANSWERS, ANSWERS]);
    // nothing judged before the crash was asked again, and at most the requests in flight at the kill were sent twice
    expect(
      fake.requests
        .slice(sentBeforeRestart)
        .map((r) => answerOf(r.body))
        .filter((a) => judgedBeforeCrash.has(a)),
    ).toEqual([]);
    expect(fake.repeatedSuccesses()).toBeLessThanOrEqual(4);
  });
});
