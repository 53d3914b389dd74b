/**
 * Judge quality at scale: 100,000 judged answers (up to 50 subjective questions × 40 models ×
 * enough samples), 30% of them double-marked by two teachers, and the judge's reads of all of them, in
 * the scratch test database. Times the agreement tables (every question: figures with 1,000
 * bootstrap replicates, verdict), one question in full (slices per model, items, disagreements),
 * the verdicts alone (what the report asks), and the report in "teachers, else validated judge".
 *   cd backend && NODE_OPTIONS=--experimental-vm-modules npx jest -c bench/jest.bench.config.js judge-quality
 * BENCH_QUESTIONS, BENCH_MODELS and BENCH_ANSWERS change the scale.
 */
import { JudgeQualityService } from '../src/judge-quality/judge-quality.service';
import { SamplesService } from '../src/papers/samples.service';
import { ReportsService } from '../src/reports/reports.service';
import { startTestApp } from '../test/test-app';

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 50);
const MODELS = Number(process.env.BENCH_MODELS ?? 40);
/** Samples per model and question: enough for 100,000 judged answers over the questions found. */
const TARGET = Number(process.env.BENCH_ANSWERS ?? 100_000);

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

test('agreement tables for 100k judged answers', async () => {
  const t = await startTestApp({
    collection: {
      isWorker: false,
      leaseSeconds: 60,
      maxAttempts: 3,
      timeoutMs: 1000,
      backoffBaseMs: 10,
      backoffMaxMs: 100,
    },
    judgeValidation: { minAnswers: 30, minHumanPairs: 10, maxQwkDrop: 0.05, maxSmd: 0.15 },
  });
  await t.truncateAll();
  await t.reset();
  await t.app.get(SamplesService).loadIfEmpty();
  const questions: { id: string; paperVersionId: string; points: number }[] = await t.db.query(
    `SELECT q.id, q.paper_version_id AS "paperVersionId", q.points::float AS points FROM questions q
     WHERE NOT q.is_objective AND q.type <> 'composite' AND q.parent_id IS NULL AND q.points >= 4 ORDER BY q.id LIMIT $1`,
    [QUESTIONS],
  );
  const SAMPLES = Math.ceil(TARGET / (questions.length * MODELS));
  const [{ id: runId }] = await t.db.query(
    `INSERT INTO runs (name, status, template_version) VALUES ('bench', 'imported', 'bench') RETURNING id`,
  );
  await t.db.query(
    `INSERT INTO run_papers (run_id, paper_version_id) SELECT DISTINCT $1::uuid, unnest($2::uuid[])`,
    [runId, questions.map((q) => q.paperVersionId)],
  );
  const models: { id: string }[] = await t.db.query(
    `INSERT INTO ai_models (name, model_id, modality, is_imported) SELECT 'model-' || i, 'm' || i, 'text', true FROM generate_series(1, $1) i RETURNING id`,
    [MODELS],
  );
  await t.db.query(
    `INSERT INTO run_models (run_id, model_id, config_snapshot) SELECT $1, unnest($2::uuid[]), '{}'`,
    [runId, models.map((m) => m.id)],
  );
  const [{ id: judgeId }] = await t.db.query(
    `INSERT INTO ai_models (name, model_id, modality, is_imported, is_judge) VALUES ('bench judge', 'j', 'text', true, true) RETURNING id`,
  );
  const t0 = process.hrtime.bigint();
  await t.db.query(
    `INSERT INTO responses (question_id, source_kind, run_id, model_id, sample_index, outcome, text)
     SELECT q, 'model', $1, m, s, 'answered', '解答：……' FROM unnest($2::uuid[]) q, unnest($3::uuid[]) m, generate_series(0, $4 - 1) s`,
    [runId, questions.map((q) => q.id), models.map((m) => m.id), SAMPLES],
  );
  await t.db.query(
    `INSERT INTO marking_tasks (response_id, question_id, reads_required, shuffle_key)
     SELECT r.id, r.question_id, 2, hashtext(r.id::text) FROM responses r WHERE r.run_id = $1 ON CONFLICT DO NOTHING`,
    [runId],
  );
  const teachers = await t.db.query(
    `INSERT INTO users (username, display_name, password_hash, roles) VALUES ('jb1', 'jb1', 'x', '{teacher}'), ('jb2', 'jb2', 'x', '{teacher}') RETURNING id`,
  );
  // A "true" score per answer from a hash; teachers read it (the second half a point off on one in
  // four), the judge reads it a point off on one in five; 30% of answers are double-marked.
  await t.db.query(
    `CREATE TEMP TABLE truth AS
     SELECT t.id AS task_id, t.response_id, t.question_id, q.points::float AS max,
            round(((abs(hashtext(t.response_id::text)) % 1000) / 1000.0 * q.points)::numeric) AS h,
            abs(hashtext(t.response_id::text || 'm')) % 100 AS u
     FROM marking_tasks t JOIN questions q ON q.id = t.question_id`,
  );
  await t.db.query(
    `INSERT INTO marks (task_id, marker_id, read_kind, points)
     SELECT task_id, $1::uuid, 'first', h FROM truth WHERE u < 30
     UNION ALL SELECT task_id, $2::uuid, 'second', least(max, h + CASE WHEN u % 4 = 0 THEN 0.5 ELSE 0 END) FROM truth WHERE u < 30`,
    [teachers[0].id, teachers[1].id],
  );
  await t.db.query(
    `UPDATE marking_tasks t SET state = 'done', final_score = x.h FROM truth x WHERE x.task_id = t.id AND x.u < 30`,
  );
  await t.db.query(
    `INSERT INTO judge_reads (response_id, question_id, judge_model_id, template_version, status, points, max_points, rationale)
     SELECT response_id, question_id, $1, 'bench', 'scored', least(max, greatest(0, h + CASE WHEN u % 5 = 0 THEN 1 ELSE 0 END)), max, 'r' FROM truth`,
    [judgeId],
  );
  await t.db.query(`ANALYZE`);
  const insertMs = ms(t0);
  const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM judge_reads`);

  const quality = t.app.get(JudgeQualityService);
  const judge = { judgeModelId: judgeId as string, templateVersion: 'bench' };
  const time = async <T>(f: () => Promise<T>, runs = 3) => {
    const out: number[] = [];
    let last: T | undefined;
    for (let i = 0; i < runs; i++) {
      const t1 = process.hrtime.bigint();
      last = await f();
      out.push(ms(t1));
    }
    out.sort((a, b) => a - b);
    return { median: out[runs >> 1], max: out[runs - 1], last: last! };
  };
  const overview = await time(() => quality.overview(judge));
  const detail = await time(() => quality.question(judge, questions[0].id, ['researcher']));
  const verdicts = await time(() => quality.validatedQuestions(judge));
  const report = await time(
    () => t.app.get(ReportsService).report({ scoringSource: 'teachers_else_validated_judge' }),
    1,
  );
  const validated = overview.last.questions.filter((q) => q.verdict.validated).length;
  console.log(
    [
      `judge-quality bench: ${n} judged answers (${questions.length} questions × ${MODELS} models × ${SAMPLES} samples), 30% double-marked; data inserted in ${insertMs.toFixed(0)} ms`,
      `  agreement tables, every question (1,000 replicates per figure): median ${overview.median.toFixed(0)} ms, max ${overview.max.toFixed(0)} ms; ${validated} of ${questions.length} validated`,
      `  one question in full (${MODELS} model slices, items, disagreements): median ${detail.median.toFixed(0)} ms`,
      `  verdicts only (the report's validated questions): median ${verdicts.median.toFixed(0)} ms`,
      `  report, teachers else validated judge: ${report.median.toFixed(0)} ms (${report.last.figures.length} figures)`,
    ].join('\n'),
  );
  expect(n).toBe(questions.length * MODELS * SAMPLES);
  await t.close();
});
