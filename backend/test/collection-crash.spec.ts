import { PapersImportService } from '../src/papers/papers-import.service';
import { bigPaper } from './fixtures/big-paper';
import { FakeOpenAI } from './support/fake-openai';
import { startWorker } from './fixtures/worker-process';
import { startTestApp, TestApp } from './test-app';

const QUESTIONS = 80;

const questionOf = (body: { messages: { content: unknown }[] }) =>
  JSON.stringify(body.messages).match(/第(\d+)题/)![1];

describe('crash safety', () => {
  let t: TestApp;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    fake = await new FakeOpenAI().start();
    // This process only serves the API; the workers below send the requests.
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

  it('survives SIGKILL mid-run: a restarted server takes the dead one’s items at once, finishes every item and never repeats a stored request', async () => {
    fake.behave = () => ({ text: '【答案】B', delayMs: 250 });
    const { versionId } = await t.app.get(PapersImportService).importBundle(bigPaper(QUESTIONS));
    const http = await t.as('researcher');
    const model = (
      await http.post('/api/models').send({
        name: 'crash',
        baseUrl: fake.url,
        modelId: 'fake',
        modality: 'text',
        concurrency: 4,
      })
    ).body;
    const run = (
      await http.post('/api/runs').send({ paperVersionIds: [versionId], modelIds: [model.id] })
    ).body;
    // The default lease: waiting it out would take a minute; the dead worker's holder lock tells at once.
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      COLLECTION_LEASE_SECONDS: '60',
      COLLECTION_BACKOFF_BASE_MS: '50',
      LOG_LEVEL: 'log',
    };

    // step: a worker starts, answers some questions, and is killed without warning
    const first = await startWorker(env);
    const answered = async () =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM responses WHERE run_id = $1 AND outcome = 'answered'`,
          [run.id],
        )
      )[0].n;
    while ((await answered()) < 10) await new Promise((r) => setTimeout(r, 50));
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const storedBeforeCrash = new Set<string>(
      (
        await t.db.query(
          `SELECT q.number FROM responses r JOIN questions q ON q.id = r.question_id WHERE r.run_id = $1`,
          [run.id],
        )
      ).map((r: { number: string }) => r.number),
    );
    const sentBeforeRestart = fake.requests.length;
    expect(storedBeforeCrash.size).toBeGreaterThanOrEqual(10);
    expect(storedBeforeCrash.size).toBeLessThan(QUESTIONS);

    const [{ n: leased }] = await t.db.query(
      `SELECT count(*)::int AS n FROM work_items WHERE run_id = $1 AND state = 'in_flight'`,
      [run.id],
    );
    expect(leased).toBeGreaterThan(0); // claimed by the dead worker, leased for another minute

    // step: a new worker takes the dead worker's items back at once, and finishes the run
    const restartedAt = Date.now();
    const second = await startWorker(env);
    try {
      for (let i = 0; i < 300; i++) {
        const [{ status }] = await t.db.query(`SELECT status FROM runs WHERE id = $1`, [run.id]);
        if (status === 'finished') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
    }
    const progress = (await http.get(`/api/runs/${run.id}`)).body;
    expect(progress.status).toBe('finished');
    expect(Date.now() - restartedAt).toBeLessThan(30_000); // well inside the 60 s lease
    expect(second.output()).toContain('took back');
    expect(progress.models[0]).toMatchObject({
      total: QUESTIONS,
      answered: QUESTIONS,
      pending: 0,
      inFlight: 0,
      failed: 0,
    });
    const [{ n: responses }] = await t.db.query(
      `SELECT count(*)::int AS n FROM responses WHERE run_id = $1`,
      [run.id],
    );
    expect(responses).toBe(QUESTIONS);

    // the fake server's log: nothing stored before the crash was asked again after it
    const afterRestart = fake.requests.slice(sentBeforeRestart).map((r) => questionOf(r.body));
    expect(afterRestart.filter((q) => storedBeforeCrash.has(q))).toEqual([]);
    // and at most the requests in flight at the moment of the kill were sent twice
    expect(fake.repeatedSuccesses()).toBeLessThanOrEqual(4);
  });

  it('SIGTERM mid-run: requests on the wire finish and are stored, every claimed item is handed back, exit 0', async () => {
    fake.requests.length = 0;
    fake.behave = () => ({ text: '【答案】A', delayMs: 300 });
    const { versionId } = await t.app.get(PapersImportService).importBundle(bigPaper(24));
    const http = await t.as('researcher');
    const model = (
      await http.post('/api/models').send({
        name: 'term',
        baseUrl: fake.url,
        modelId: 'fake-term',
        modality: 'text',
        concurrency: 4,
      })
    ).body;
    const run = (
      await http.post('/api/runs').send({ paperVersionIds: [versionId], modelIds: [model.id] })
    ).body;
    const env = { DATABASE_URL: process.env.DATABASE_URL!, COLLECTION_LEASE_SECONDS: '60' };
    const worker = await startWorker(env);
    while (fake.requests.length < 6) await new Promise((r) => setTimeout(r, 20));
    const exited = new Promise<number | null>((r) => worker.once('exit', (code) => r(code)));
    worker.kill('SIGTERM');
    expect(await exited).toBe(0);

    const count = async (where: string) =>
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM work_items WHERE run_id = $1 AND ${where}`,
          [run.id],
        )
      )[0].n;
    expect(await count(`state = 'in_flight'`)).toBe(0); // nothing left leased by the stopped process
    // every request answered before the exit had its answer stored (none paid for and then dropped)
    const [{ n: stored }] = await t.db.query(
      `SELECT count(*)::int AS n FROM responses WHERE run_id = $1`,
      [run.id],
    );
    expect(stored).toBe(fake.requests.filter((r) => r.status === 200).length);
    expect(stored).toBeLessThan(24);

    const next = await startWorker(env);
    try {
      for (let i = 0; i < 300 && (await count(`state IN ('pending', 'in_flight')`)) > 0; i++)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      next.kill('SIGTERM');
      await new Promise((r) => next.once('exit', r));
    }
    expect(await count(`state = 'answered'`)).toBe(24);
    expect(fake.repeatedSuccesses()).toBe(0);
  });

  it('two worker processes share a model’s slots: never more than its concurrency in flight, every item answered once', async () => {
    fake.requests.length = 0;
    fake.peakInFlight = 0;
    fake.behave = () => ({ text: '【答案】C', delayMs: 100 });
    const { versionId } = await t.app.get(PapersImportService).importBundle(bigPaper(30));
    const http = await t.as('researcher');
    const model = (
      await http.post('/api/models').send({
        name: 'shared',
        baseUrl: fake.url,
        modelId: 'fake-shared',
        modality: 'text',
        concurrency: 3,
      })
    ).body;
    const env = { DATABASE_URL: process.env.DATABASE_URL!, COLLECTION_LEASE_SECONDS: '2' };
    const workers = await Promise.all([startWorker(env), startWorker(env)]);
    try {
      // Started after both workers are up: the announcement reaches both, and both take slots.
      const run = (
        await http.post('/api/runs').send({ paperVersionIds: [versionId], modelIds: [model.id] })
      ).body;
      for (let i = 0; i < 300; i++) {
        const [{ status }] = await t.db.query(`SELECT status FROM runs WHERE id = $1`, [run.id]);
        if (status === 'finished') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const progress = (await http.get(`/api/runs/${run.id}`)).body;
      expect(progress.models[0]).toMatchObject({
        total: 30,
        answered: 30,
        pending: 0,
        inFlight: 0,
        failed: 0,
      });
    } finally {
      await Promise.all(
        workers.map((w) => new Promise((r) => (w.once('exit', r), w.kill('SIGTERM')))),
      );
    }
    expect(fake.requests).toHaveLength(30);
    expect(fake.repeatedSuccesses()).toBe(0);
    expect(fake.peakInFlight).toBeLessThanOrEqual(3);
    expect(fake.peakInFlight).toBeGreaterThanOrEqual(2);
  });
});
