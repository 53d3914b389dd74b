/**
 * Report time at scale: 20 models × 12 sample papers, every answer scored (objective by the grader,
 * subjective double-marked by two teachers), each paper with a synthetic cohort of 10,000
 * students. Times the cohort generation and import per paper, then the report cold and warm.
 *   cd backend && NODE_OPTIONS=--experimental-vm-modules npx jest -c bench/jest.bench.config.js report
 * BENCH_STUDENTS and BENCH_MODELS change the scale.
 */
import { CohortsService } from '../src/cohorts/cohorts.service';
import { WorkerService } from '../src/worker/worker.service';
import { SamplesService } from '../src/papers/samples.service';
import { ReportsService } from '../src/reports/reports.service';
import { startTestApp } from '../test/test-app';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 10_000);
const MODELS = Number(process.env.BENCH_MODELS ?? 20);
const PAPERS = 12;

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

test('report over 20 models × 12 papers × 10,000 students', async () => {
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
  await t.app.get(SamplesService).loadIfEmpty();
  // The GAOKAO-Bench papers: mixed objective and subjective questions over nine subjects.
  const papers: { id: string }[] = await t.db.query(
    `SELECT v.id FROM paper_versions v JOIN papers p ON p.id = v.paper_id WHERE p.slug NOT LIKE 'gaokao-mm-%' ORDER BY p.slug LIMIT $1`,
    [PAPERS],
  );
  const [{ id: runId }] = await t.db.query(
    `INSERT INTO runs (name, status, template_version) VALUES ('bench', 'imported', 'bench') RETURNING id`,
  );
  await t.db.query(
    `INSERT INTO run_papers (run_id, paper_version_id) SELECT $1, unnest($2::uuid[])`,
    [runId, papers.map((p) => p.id)],
  );
  const models = await t.db.query(
    `INSERT INTO ai_models (name, model_id, modality, is_imported) SELECT 'model-' || i, 'm' || i, 'text', true FROM generate_series(1, $1) i RETURNING id`,
    [MODELS],
  );
  await t.db.query(
    `INSERT INTO run_models (run_id, model_id, config_snapshot) SELECT $1, unnest($2::uuid[]), '{}'`,
    [runId, models.map((m: { id: string }) => m.id)],
  );
  // Answers: each model picks the key or a wrong letter by a hash, so rates differ between models.
  await t.db.query(
    `INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, outcome, text)
     SELECT q.id, 'model', $1, m, 0, 'answered',
            CASE WHEN q.type IN ('single_choice', 'multiple_choice') AND abs(hashtext(q.id::text || m::text)) % 10 < 4 THEN '【答案】A'
                 WHEN q.answer_key IS NOT NULL THEN '【答案】' || trim(both '"' from q.answer_key::text) ELSE '解答：……' END
     FROM questions q, unnest($2::uuid[]) m WHERE q.paper_version_id = ANY($3) AND q.parent_id IS NULL`,
    [runId, models.map((m: { id: string }) => m.id), papers.map((p) => p.id)],
  );
  await t.app.get(WorkerService).settle(); // graded, and the marking tasks the teachers below read created
  // Teachers: every queued unit read twice (within a point of each other), final score their mean.
  const teachers = await t.db.query(
    `INSERT INTO users (username, display_name, password_hash, roles) VALUES ('b1', 'b1', 'x', '{teacher}'), ('b2', 'b2', 'x', '{teacher}') RETURNING id`,
  );
  await t.db.query(
    `WITH k AS (SELECT t.id, q.points::float AS max, (abs(hashtext(t.id::text)) % 100) / 100.0 AS r FROM marking_tasks t JOIN questions q ON q.id = t.question_id)
     INSERT INTO marks (task_id, marker_id, read_kind, points)
     SELECT k.id, $1::uuid, 'first', round((k.r * k.max)::numeric * 2) / 2 FROM k
     UNION ALL SELECT k.id, $2::uuid, 'second', least(k.max, round((k.r * k.max)::numeric * 2) / 2 + (k.id % 2) * 0.5) FROM k`,
    [teachers[0].id, teachers[1].id],
  );
  await t.db.query(
    `UPDATE marking_tasks t SET state = 'done', final_score = (SELECT avg(points) FROM marks WHERE task_id = t.id)`,
  );

  const cohorts = t.app.get(CohortsService);
  const generation: number[] = [];
  for (const p of papers) {
    const t0 = process.hrtime.bigint();
    await cohorts.generateSynthetic(p.id, STUDENTS, { id: null, name: 'bench' });
    generation.push(ms(t0));
  }
  const reports = t.app.get(ReportsService);
  const t0 = process.hrtime.bigint();
  const cold = await reports.report({});
  const coldMs = ms(t0);
  const warm: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t1 = process.hrtime.bigint();
    await reports.report({});
    warm.push(ms(t1));
  }
  warm.sort((a, b) => a - b);
  const [{ scores }] = await t.db.query(
    `SELECT sum(cardinality(scores))::int AS scores FROM cohort_students`,
  );
  const [{ units }] = await t.db.query(
    `SELECT count(*)::int AS units FROM unit_scores WHERE run_id = $1`,
    [runId],
  );
  const pending = cold.figures
    .filter((f) => f.dimension === 'overall')
    .reduce((a, f) => a + f.coverage.pendingPoints, 0);
  console.log(
    [
      `report bench: ${MODELS} models × ${papers.length} papers, ${STUDENTS} students per cohort (${scores} cohort scores), ${units} scored units, ${cold.figures.length} figures, pending points ${pending}`,
      `  cohort generation + import per paper: median ${generation.sort((a, b) => a - b)[generation.length >> 1].toFixed(0)} ms, max ${Math.max(...generation).toFixed(0)} ms`,
      `  report cold ${coldMs.toFixed(0)} ms; warm median ${warm[3].toFixed(0)} ms, max ${warm[6].toFixed(0)} ms`,
    ].join('\n'),
  );
  expect(cold.entries).toHaveLength(MODELS);
  expect(pending).toBe(0);
  await t.close();
});
