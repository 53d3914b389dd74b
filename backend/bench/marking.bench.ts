/**
 * Marking throughput: 50 simulated teachers, each looping next + submit over HTTP on one question,
 * beside a bare SKIP LOCKED claim on the same database. The server is the built app in its own
 * process (as deployed); the teachers are keep-alive HTTP clients in this one. Run by hand:
 *   cd backend && npm run build && NODE_OPTIONS=--experimental-vm-modules npx jest -c bench/jest.bench.config.js marking
 */
import { PapersImportService } from '../src/papers/papers-import.service';
import { miniBundle } from '../test/fixtures/bundle-fixture';
import { processUsage, startWorker } from '../test/fixtures/worker-process';
import { startTestApp, TEST_PASSWORD } from '../test/test-app';

const TEACHERS = 50;
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 3000);

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

test('marking throughput', async () => {
  const t = await startTestApp({
    collection: {
      isWorker: false,
      leaseSeconds: 60,
      maxAttempts: 3,
      timeoutMs: 1000,
      backoffBaseMs: 10,
      backoffMaxMs: 100,
    },
  });
  await t.truncateAll();
  await t.reset();
  const { versionId } = await t.app.get(PapersImportService).importBundle(miniBundle());
  const [{ id: q7 }] = await t.db.query(
    `SELECT id FROM questions WHERE paper_version_id = $1 AND number = '7'`,
    [versionId],
  );
  const [{ id: modelId }] = await t.db.query(
    `INSERT INTO ai_models (name, model_id, modality, is_imported) VALUES ('bench', 'bench', 'text', true) RETURNING id`,
  );
  const [{ id: runId }] = await t.db.query(
    `INSERT INTO runs (name, status, template_version) VALUES ('bench', 'imported', 'bench') RETURNING id`,
  );
  await t.db.query(
    `INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, outcome, text)
     SELECT $1, 'model', $2, $3, s, 'answered', '解答：原函数为 x^2/2，代入上下限得 1/2。' FROM generate_series(0, $4 - 1) s`,
    [q7, runId, modelId, ANSWERS],
  );
  await t.db.query(
    `INSERT INTO marking_tasks (response_id, question_id, shuffle_key) SELECT id, question_id, hashtext(id::text) FROM responses`,
  );
  const admin = await t.as('admin', 'boss');
  for (let i = 0; i < TEACHERS; i++) {
    await t.as('teacher', `b${i}`);
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = $1`, [`b${i}`]);
    await admin.post('/api/admin/assignments').send({ userId: id, questionIds: [q7] });
  }
  // BENCH_PROFILE=<dir> writes a CPU profile of the server.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const server = await startWorker(
    { COLLECTION_WORKER: 'false', MARKING_CALIBRATION_PERCENT: '0' },
    profile,
  );
  const base = `http://127.0.0.1:${server.port}`;
  /** A signed-in teacher: POSTs JSON with the session cookie and CSRF header. */
  const signIn = async (username: string) => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: TEST_PASSWORD }),
    });
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = await res.json();
    return async (path: string, body: object) => {
      const r = await fetch(base + path, {
        method: 'POST',
        headers: { cookie, 'x-xsrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: await r.json() };
    };
  };
  const teachers = await Promise.all(Array.from({ length: TEACHERS }, (_, i) => signIn(`b${i}`)));
  const cpuBefore = processUsage(server.pid!).cpuMs;

  const nextMs: number[] = [];
  const submitMs: number[] = [];
  const t0 = Date.now();
  await Promise.all(
    teachers.map(async (agent) => {
      for (;;) {
        let s = performance.now();
        const task = (await agent(`/api/marking/questions/${q7}/next`, {})).body;
        nextMs.push(performance.now() - s);
        if (task.done) return;
        s = performance.now();
        const res = await agent(`/api/marking/tasks/${task.taskId}/marks`, {
          leaseToken: task.leaseToken,
          appliedItems: ['a', 'b'],
        });
        submitMs.push(performance.now() - s);
        expect(res.status).toBe(201);
      }
    }),
  );
  const seconds = (Date.now() - t0) / 1000;
  const serverCpuMs = processUsage(server.pid!).cpuMs - cpuBefore;
  server.kill('SIGINT');
  await new Promise((r) => server.once('exit', r));

  // The bare claim, on the same database: 50 concurrent loops of one SKIP LOCKED update each.
  await t.db.query(
    `UPDATE marking_tasks SET state = 'open', lease_holder = NULL, lease_expires_at = NULL`,
  );
  const bareMs: number[] = [];
  const b0 = Date.now();
  await Promise.all(
    Array.from({ length: TEACHERS }, async () => {
      for (;;) {
        const s = performance.now();
        const [rows] = await t.db.query(
          `WITH c AS (SELECT id FROM marking_tasks WHERE state = 'open' ORDER BY shuffle_key LIMIT 1 FOR UPDATE SKIP LOCKED)
           UPDATE marking_tasks t SET state = 'done' FROM c WHERE t.id = c.id RETURNING t.id`,
        );
        bareMs.push(performance.now() - s);
        if (!rows.length) return;
      }
    }),
  );
  const bareSeconds = (Date.now() - b0) / 1000;
  const marks = await t.count('marks');
  await t.close();
  console.log(
    [
      `| measure | count | p50 ms | p95 ms | per second |`,
      `| --- | ---: | ---: | ---: | ---: |`,
      `| next (lease), HTTP | ${nextMs.length} | ${pct(nextMs, 50).toFixed(1)} | ${pct(nextMs, 95).toFixed(1)} | |`,
      `| submit (mark), HTTP | ${submitMs.length} | ${pct(submitMs, 50).toFixed(1)} | ${pct(submitMs, 95).toFixed(1)} | |`,
      `| marks by ${TEACHERS} teachers (next + submit) | ${marks} | | | ${(marks / seconds).toFixed(0)} |`,
      `| server CPU per mark (next + submit) | | | | ${(serverCpuMs / Math.max(1, submitMs.length)).toFixed(2)} ms |`,
      `| bare SKIP LOCKED claim, SQL | ${bareMs.length} | ${pct(bareMs, 50).toFixed(1)} | ${pct(bareMs, 95).toFixed(1)} | ${(bareMs.length / bareSeconds).toFixed(0)} |`,
    ].join('\n'),
  );
  expect(marks).toBe(ANSWERS);
});
