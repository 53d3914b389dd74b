/**
 * Collection throughput: N single-choice questions against a fake provider with fixed latency.
 * The ideal wall time is N × latency / concurrency. The requests are sent by the built server
 * (dist/main.js) in its own process, as deployed; its CPU and memory are read from /proc. Run by hand:
 *   cd backend && NODE_OPTIONS=--experimental-vm-modules npx jest -c bench/jest.bench.config.js
 */
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PapersImportService } from '../src/papers/papers-import.service';
import { bigPaper } from '../test/fixtures/big-paper';
import { processUsage, startWorker } from '../test/fixtures/worker-process';
import { startTestApp, TestApp } from '../test/test-app';

/** Busy and total CPU ticks of the whole machine (all cores), from /proc/stat. */
function machineTicks() {
  const [, ...f] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - f[3] - f[4], total }; // minus idle and iowait
}

/** CPU ticks (1/100 s) of every process on the machine, by pid, with a short name for grouping. */
function processTicks(): Map<string, { ticks: number; name: string }> {
  const out = new Map<string, { ticks: number; name: string }>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const name = /postgres/.test(cmd)
        ? 'PostgreSQL'
        : /fake-server/.test(cmd)
          ? 'fake provider'
          : /dist\/main\.js/.test(cmd)
            ? 'worker'
            : /jest/.test(cmd)
              ? 'bench (jest)'
              : 'other';
      out.set(pid, { ticks: Number(f[11]) + Number(f[12]), name });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** CPU ms per request by group of processes, between two snapshots. */
function cpuBreakdown(
  a: ReturnType<typeof processTicks>,
  b: ReturnType<typeof processTicks>,
  requests: number,
): string {
  const sums = new Map<string, number>();
  for (const [pid, { ticks, name }] of b)
    sums.set(name, (sums.get(name) ?? 0) + ticks - (a.get(pid)?.ticks ?? 0));
  return [...sums]
    .sort((x, y) => y[1] - x[1])
    .map(([name, ticks]) => `${name} ${((ticks * 10) / requests).toFixed(2)}`)
    .join(', ');
}

const N = Number(process.env.BENCH_QUESTIONS ?? 2000);
const CONCURRENCY = 32;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);

async function runOnce(t: TestApp, latencyMs: number, port: number) {
  const server = fork(join(__dirname, 'fake-server.mjs'), [String(port), String(latencyMs)], {
    stdio: 'ignore',
  });
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
  // BENCH_PROFILE=<dir> writes a V8 CPU profile of each worker there.
  const nodeArgs = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, () => startWorker({}, nodeArgs)),
  );
  const cpuOf = () => workers.reduce((sum, w) => sum + processUsage(w.pid!).cpuMs, 0);
  const cpu0 = cpuOf();
  const machine0 = machineTicks();
  const procs0 = processTicks();
  const t0 = Date.now();
  const run = (
    await http.post('/api/runs').send({ paperVersionIds: [paperId], modelIds: [model.id] })
  ).body;
  for (;;) {
    const [{ left }] = await t.db.query(
      `SELECT count(*)::int AS left FROM work_items WHERE run_id = $1 AND state IN ('pending', 'in_flight')`,
      [run.id],
    );
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 250)); // the poll itself costs CPU the app needs
  }
  const wall = (Date.now() - t0) / 1000;
  const cpu1 = cpuOf();
  // The run's own span by the database clock, free of the bench's polling: from the run's creation to
  // its last stored answer, and how long the first request waited for a worker to notice the run.
  const [span] = await t.db.query(
    `SELECT extract(epoch FROM max(a.finished_at) - r.created_at)::float AS "runWall", extract(epoch FROM min(a.started_at) - r.created_at)::float AS "firstSent"
     FROM runs r JOIN work_items w ON w.run_id = r.id JOIN attempts a ON a.work_item_id = w.id WHERE r.id = $1 GROUP BY r.created_at`,
    [run.id],
  );
  const peakRssMb = Math.max(...workers.map((w) => processUsage(w.pid!).peakRssMb));
  const machine1 = machineTicks();
  const breakdown = cpuBreakdown(procs0, processTicks(), N);
  await Promise.all(workers.map((w) => new Promise((r) => (w.once('exit', r), w.kill()))));
  const stats = await (await fetch(`http://127.0.0.1:${port}/stats`)).json();
  server.kill();
  const ideal = (N * latencyMs) / 1000 / CONCURRENCY;
  return {
    latencyMs,
    wall,
    runWall: span.runWall as number,
    firstSent: span.firstSent as number,
    ideal,
    cpuMsPerRequest: (cpu1 - cpu0) / N,
    peakRssMb,
    machineBusy: (machine1.busy - machine0.busy) / (machine1.total - machine0.total),
    peakInFlight: stats.peak,
    requests: stats.count,
    breakdown,
  };
}

test(`collection of ${N} questions at concurrency ${CONCURRENCY}`, async () => {
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
  await t.app.get(PapersImportService).importBundle(bigPaper(N));
  const rows = [];
  for (const latency of (process.env.BENCH_LATENCIES ?? '100,1000').split(',').map(Number)) {
    await t.db.query(`TRUNCATE attempts CASCADE`); // a fresh cache: every request is really sent
    rows.push(await runOnce(t, latency, 39000 + latency));
  }
  await t.close();
  console.log(
    [
      `| latency | requests | wall s | run's span s (DB clock) | first request after s | ideal s | over ideal (span) | CPU ms/request | peak RSS MB | peak in flight | machine CPU busy |`,
      `| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`,
    ]
      .concat(
        rows.map(
          (r) =>
            `| ${r.latencyMs} ms | ${r.requests} | ${r.wall.toFixed(2)} | ${r.runWall.toFixed(2)} | ${r.firstSent.toFixed(2)} | ${r.ideal.toFixed(2)} | ${((r.runWall / r.ideal - 1) * 100).toFixed(1)}% | ${r.cpuMsPerRequest.toFixed(2)} | ${r.peakRssMb.toFixed(0)} | ${r.peakInFlight} | ${(r.machineBusy * 100).toFixed(0)}% |`,
        ),
      )
      .concat(
        rows.map((r) => `\nCPU ms per request at ${r.latencyMs} ms, by process: ${r.breakdown}`),
      )
      .join('\n'),
  );
  for (const r of rows) expect(r.requests).toBe(N);
});
