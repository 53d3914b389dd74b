/**
 * Judging throughput beside answer collection, at the same latency and concurrency (32), against
 * the same fake provider (fake-server.mjs, in its own process) and the same built server
 * (dist/main.js) as collection.bench.ts. Answers: N single-choice questions. Judgements: N
 * distinct answers to one rubric-marked calculation (every request is really sent: no two are
 * the same), each checked against the rubric and stored as a judge read. Run by hand:
 *   cd backend && NODE_OPTIONS=--experimental-vm-modules npx jest -c bench/jest.bench.config.js bench/judging.bench.ts
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { PapersImportService } from '../src/papers/papers-import.service';
import { bigPaper } from '../test/fixtures/big-paper';
import { miniBundle, zipOf } from '../test/fixtures/bundle-fixture';
import { processUsage, startWorker } from '../test/fixtures/worker-process';
import { Agent, startTestApp, TestApp } from '../test/test-app';

const N = Number(process.env.BENCH_ANSWERS ?? 2000);
const CONCURRENCY = 32;
const LATENCY = Number(process.env.BENCH_LATENCY ?? 100);
const JUDGEMENT = JSON.stringify({
  applied_items: ['a'],
  adjustment: 0,
  total: 3,
  rationale: '写出了原函数，未代入上下限',
});

async function fakeServer(port: number, reply?: string) {
  const server = fork(
    join(__dirname, 'fake-server.mjs'),
    [String(port), String(LATENCY), ...(reply ? [reply] : [])],
    { stdio: 'ignore' },
  );
  await new Promise((r) => server.once('message', r));
  return server;
}

async function waitDone(t: TestApp, runId: string) {
  for (;;) {
    const [{ left }] = await t.db.query(
      `SELECT count(*)::int AS left FROM work_items WHERE run_id = $1 AND state IN ('pending', 'in_flight')`,
      [runId],
    );
    if (left === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The run's span by the database clock: creation to its last stored attempt. */
async function span(t: TestApp, runId: string): Promise<number> {
  const [s] = await t.db.query(
    `SELECT extract(epoch FROM max(a.finished_at) - r.created_at)::float AS s
     FROM runs r JOIN work_items w ON w.run_id = r.id JOIN attempts a ON a.work_item_id = w.id WHERE r.id = $1 GROUP BY r.created_at`,
    [runId],
  );
  return s.s;
}

async function model(http: Agent, name: string, port: number, isJudge: boolean) {
  return (
    await http.post('/api/models').send({
      name,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      modelId: 'bench',
      modality: 'text',
      concurrency: CONCURRENCY,
      isJudge,
    })
  ).body;
}

test(`judgements per second beside answers, ${N} each at concurrency ${CONCURRENCY}, ${LATENCY} ms latency`, async () => {
  const t = await startTestApp({
    collection: {
      isWorker: false,
      leaseSeconds: 60,
      maxAttempts: 3,
      timeoutMs: 30_000,
      backoffBaseMs: 100,
      backoffMaxMs: 1000,
    },
  });
  await t.truncateAll();
  await t.reset();
  const http = await t.as(['author', 'researcher']);
  await t.app.get(PapersImportService).importBundle(bigPaper(N));
  const [{ id: bigId }] = await t.db.query(`SELECT id FROM paper_versions LIMIT 1`);
  await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
  // N distinct answers to the mini paper's calculation (question 7, items a/b/c), queued for marking by the import.
  const lines = Array.from({ length: N }, (_, i) =>
    JSON.stringify({
      paper: 'test-mini-paper',
      model: 'bench-source',
      sample: i,
      question: '7',
      response: `解答 ${i}：原函数为 x^2/2，代入得 ${i}/2`,
    }),
  );
  expect(
    (await http.post('/api/runs/import').attach('file', Buffer.from(lines.join('\n')), 'a.jsonl'))
      .status,
  ).toBe(201);
  const [{ id: sourceRunId }] = await t.db.query(`SELECT id FROM runs WHERE kind = 'answer'`);

  const worker = await startWorker({});
  const rows: { kind: string; requests: number; span: number; cpuMs: number }[] = [];

  const answerServer = await fakeServer(39500);
  const answerModel = await model(http, 'bench-answers', 39500, false);
  let cpu0 = processUsage(worker.pid!).cpuMs;
  const run = (
    await http.post('/api/runs').send({ paperVersionIds: [bigId], modelIds: [answerModel.id] })
  ).body;
  await waitDone(t, run.id);
  rows.push({
    kind: 'answers',
    requests: N,
    span: await span(t, run.id),
    cpuMs: processUsage(worker.pid!).cpuMs - cpu0,
  });
  answerServer.kill();

  const judgeServer = await fakeServer(39501, JUDGEMENT);
  const judge = await model(http, 'bench-judge', 39501, true);
  cpu0 = processUsage(worker.pid!).cpuMs;
  const jr = (await http.post('/api/judging/runs').send({ judgeModelId: judge.id, sourceRunId }))
    .body;
  await waitDone(t, jr.id);
  rows.push({
    kind: 'judgements',
    requests: N,
    span: await span(t, jr.id),
    cpuMs: processUsage(worker.pid!).cpuMs - cpu0,
  });
  const [{ scored }] = await t.db.query(
    `SELECT count(*) FILTER (WHERE status = 'scored')::int AS scored FROM judge_reads WHERE judge_run_id = $1`,
    [jr.id],
  );
  judgeServer.kill();
  await new Promise((r) => (worker.once('exit', r), worker.kill()));
  await t.close();

  const ideal = (N * LATENCY) / 1000 / CONCURRENCY;
  console.log(
    [
      `| work | items | latency | span s (DB clock) | ideal s | per second | over ideal | worker CPU ms/item |`,
      `| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
      ...rows.map(
        (r) =>
          `| ${r.kind} | ${r.requests} | ${LATENCY} ms | ${r.span.toFixed(2)} | ${ideal.toFixed(2)} | ${(r.requests / r.span).toFixed(0)} | ${((r.span / ideal - 1) * 100).toFixed(1)}% | ${(r.cpuMs / r.requests).toFixed(2)} |`,
      ),
    ].join('\n'),
  );
  expect(scored).toBe(N);
});
