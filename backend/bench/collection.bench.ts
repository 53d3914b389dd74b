/**
 * Collection throughput: N single-choice questions against a fake provider with fixed latency.
 * The ideal wall time is N × latency / concurrency. Run by hand:
 *   cd backend && NODE_OPTIONS=--experimental-vm-modules npx jest -c bench/jest.bench.config.js
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { PapersImportService } from '../src/papers/papers-import.service';
import { bigPaper } from '../test/fixtures/big-paper';
import { startTestApp, TestApp } from '../test/test-app';

const N = Number(process.env.BENCH_QUESTIONS ?? 2000);
const CONCURRENCY = 32;

async function runOnce(t: TestApp, latencyMs: number, port: number) {
  const server = fork(join(__dirname, 'fake-server.mjs'), [String(port), String(latencyMs)], { stdio: 'ignore' });
  await new Promise((r) => server.once('message', r));
  const http = await t.as('researcher');
  const model = (
    await http.post('/api/models').send({
      name: `bench-${latencyMs}`,
      baseUrl: `http://127.0.0.1:${port}/v1`,
      modelId: 'bench',
      modality: 'text',
      concurrency: CONCURRENCY,
    })
  ).body;
  const [{ id: paperId }] = await t.db.query(`SELECT id FROM paper_versions LIMIT 1`);
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const cpu0 = process.cpuUsage();
  const t0 = Date.now();
  const run = (await http.post('/api/runs').send({ paperVersionIds: [paperId], modelIds: [model.id] })).body;
  for (;;) {
    const [{ left }] = await t.db.query(
      `SELECT count(*)::int AS left FROM work_items WHERE run_id = $1 AND state IN ('pending', 'in_flight')`,
      [run.id],
    );
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 250)); // the poll itself costs CPU the app needs
  }
  const wall = (Date.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const stats = await (await fetch(`http://127.0.0.1:${port}/stats`)).json();
  server.kill();
  const ideal = (N * latencyMs) / 1000 / CONCURRENCY;
  return {
    latencyMs,
    wall,
    ideal,
    overhead: (wall / ideal - 1) * 100,
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / N,
    peakRssMb: peakRss / 1e6,
    peakInFlight: stats.peak,
    requests: stats.count,
  };
}

test(`collection of ${N} questions at concurrency ${CONCURRENCY}`, async () => {
  const t = await startTestApp({
    collection: { isWorker: true, leaseSeconds: 60, maxAttempts: 3, timeoutMs: 30_000, backoffBaseMs: 100, backoffMaxMs: 1000 },
  });
  await t.db.query(`TRUNCATE attempts, work_items, run_models, run_papers, responses, runs, ai_models CASCADE`);
  await t.reset();
  await t.app.get(PapersImportService).importBundle(bigPaper(N));
  const rows = [];
  for (const latency of [100, 1000]) {
    await t.db.query(`TRUNCATE attempts CASCADE`); // a fresh cache: every request is really sent
    rows.push(await runOnce(t, latency, 39000 + latency));
  }
  await t.close();
  console.log(
    [
      `| latency | requests | wall s | ideal s | over ideal | CPU ms/request | peak RSS MB | peak in flight |`,
      `| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ]
      .concat(
        rows.map(
          (r) =>
            `| ${r.latencyMs} ms | ${r.requests} | ${r.wall.toFixed(2)} | ${r.ideal.toFixed(2)} | ${r.overhead.toFixed(1)}% | ${r.cpuMsPerRequest.toFixed(2)} | ${r.peakRssMb.toFixed(0)} | ${r.peakInFlight} |`,
        ),
      )
      .join('\n'),
  );
  for (const r of rows) expect(r.requests).toBe(N);
});
