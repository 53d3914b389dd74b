/**
 * Grading throughput. (1) Pure extraction + scoring over the corpus, repeated. (2) End to end:
 * 100,000 stored answers (1000 questions × 100 samples, a realistic mix of responses) graded and
 * their grades inserted into PostgreSQL by GradingService.catchUp(). Run by hand:
 *   cd backend && NODE_OPTIONS=--experimental-vm-modules npx jest -c bench/jest.bench.config.js grading
 */
import { gradeResponse } from '../src/grading/domain/grade';
import { CORPUS, ITEMS } from '../src/grading/domain/grading-corpus';
import { GradableItem } from '../src/grading/domain/types';
import { GradingService } from '../src/grading/grading.service';
import { PapersImportService } from '../src/papers/papers-import.service';
import { bigPaper } from '../test/fixtures/big-paper';
import { startWorker } from '../test/fixtures/worker-process';
import { startTestApp } from '../test/test-app';

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 100_000);
const QUESTIONS = 1000;
// BENCH_SERVER_ONLY=1: only the server process's figure (skips the in-jest catch-up and re-grade).
const SERVER_ONLY = process.env.BENCH_SERVER_ONLY === '1';

// Long-ish responses, as models write them: reasoning, then the answer in one of the usual forms.
const REASONING = '【解析】先分析选项A，再看选项B的条件，C与D可以排除。'.repeat(8);
const TAILS = [
  '【答案】B',
  '【答案】C',
  '故选B。',
  'The answer is (B).',
  '\\boxed{B}',
  '<think>A?</think>【答案】B',
  '所以答案是广州',
  '我不确定。',
];

test('grading throughput', async () => {
  // (1) pure
  const t0 = process.hrtime.bigint();
  let n = 0;
  while (n < 100_000)
    for (const c of CORPUS) {
      gradeResponse(ITEMS[c.item] as GradableItem, c.response);
      n++;
    }
  const pureSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

  // (2) end to end
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
  // The same 100k graded by the built server in its own process (plain Node, as deployed): it
  // grades what was stored before it started, then listens. Start-up time on an empty database is
  // measured first and subtracted.
  const boot = async () => {
    const s = Date.now();
    const profile = process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
      : [];
    const server = await startWorker({ COLLECTION_WORKER: 'false', LOG_LEVEL: 'log' }, profile);
    const ms = Date.now() - s;
    server.kill('SIGINT');
    await new Promise((r) => server.once('exit', r));
    // The server's own log line: the catch-up alone, without start-up (reported beside the process figure).
    const own = /graded (\d+) answers in (\d+) ms/.exec(server.output());
    return { ms, ownMs: own ? Number(own[2]) : null };
  };
  const { ms: idleMs } = await boot();
  const { versionId } = await t.app.get(PapersImportService).importBundle(bigPaper(QUESTIONS));
  const [{ id: modelId }] = await t.db.query(
    `INSERT INTO ai_models (name, model_id, modality, is_imported) VALUES ('bench', 'bench', 'text', true) RETURNING id`,
  );
  const [{ id: runId }] = await t.db.query(
    `INSERT INTO runs (name, status, template_version) VALUES ('bench', 'imported', 'bench') RETURNING id`,
  );
  await t.db.query(
    `INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, outcome, text)
     SELECT q.id, 'model', $2, $3, s, 'answered', $4 || ($5::text[])[1 + (s + q.ordinal) % array_length($5::text[], 1)]
     FROM questions q, generate_series(0, $6 - 1) s WHERE q.paper_version_id = $1`,
    [versionId, runId, modelId, REASONING, TAILS, ANSWERS / QUESTIONS],
  );
  const grading = t.app.get(GradingService);
  const t1 = Date.now();
  const { graded } = SERVER_ONLY ? { graded: 0 } : await grading.catchUp();
  const e2eSeconds = (Date.now() - t1) / 1000;
  // A re-grade of all of them with nothing changed: read, grade, compare, append nothing.
  const t2 = Date.now();
  const { checked, changes } = SERVER_ONLY
    ? { checked: 0, changes: [] }
    : await grading.regrade({ runId }, null);
  const regradeSeconds = (Date.now() - t2) / 1000;

  await t.db.query(`TRUNCATE marks, marking_skips, marking_tasks, auto_grades`);
  await t.db.query(
    `INSERT INTO grading_queue (response_id) SELECT id FROM responses ON CONFLICT DO NOTHING`,
  );
  const full = await boot();
  const serverMs = full.ms - idleMs;
  const [{ stored }] = await t.db.query(
    `SELECT count(DISTINCT response_id)::int AS stored FROM auto_grades`,
  );
  const statuses = await t.db.query(
    `SELECT status, count(*)::int AS n FROM auto_grades GROUP BY status ORDER BY status`,
  );
  const [{ tasks }] = await t.db.query(`SELECT count(*)::int AS tasks FROM marking_tasks`);
  await t.close();

  console.log(
    [
      `| measure | answers | seconds | answers/s |`,
      `| --- | ---: | ---: | ---: |`,
      `| pure extraction + scoring (corpus, repeated) | ${n} | ${pureSeconds.toFixed(2)} | ${Math.round(n / pureSeconds)} |`,
      `| graded and stored in PostgreSQL (catchUp) | ${graded} | ${e2eSeconds.toFixed(2)} | ${Math.round(graded / e2eSeconds)} |`,
      `| graded and stored by the server process (plain Node, start-up ${idleMs} ms subtracted) | ${stored} | ${(serverMs / 1000).toFixed(2)} | ${Math.round(stored / (serverMs / 1000))} |`,
      `| graded and stored by the server process, its own log line (catch-up only) | ${stored} | ${((full.ownMs ?? NaN) / 1000).toFixed(2)} | ${Math.round(stored / ((full.ownMs ?? NaN) / 1000))} |`,
      `| re-grade, nothing changed (regrade) | ${checked} | ${regradeSeconds.toFixed(2)} | ${Math.round(checked / regradeSeconds)} |`,
      '',
      `statuses: ${statuses.map((s: { status: string; n: number }) => `${s.status} ${s.n}`).join(', ')}; queued for teachers: ${tasks}; changes on re-grade: ${changes.length}`,
    ].join('\n'),
  );
  if (!SERVER_ONLY) expect(graded).toBe(ANSWERS);
  expect(stored).toBe(ANSWERS);
  expect(changes).toHaveLength(0);
});
