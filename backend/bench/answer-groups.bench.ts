/**
 * Answer groups: how long a teacher waits for the next group and for a group's save, on a question
 * with many short answers, beside marking the same answers one by one. In process (supertest), one
 * teacher. Run by hand:
 *   cd backend && NODE_OPTIONS=--experimental-vm-modules npx jest -c bench/jest.bench.config.js answer-groups
 */
import { PapersImportService } from '../src/papers/papers-import.service';
import { miniBundle } from '../test/fixtures/bundle-fixture';
import { startTestApp } from '../test/test-app';

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 10000);
/** Short answers take this many forms; one answer in five is long (never grouped). */
const FORMS = 40;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('answer groups', async () => {
  const t = await startTestApp({
    collection: {
      isWorker: false,
      leaseSeconds: 60,
      maxAttempts: 3,
      timeoutMs: 1000,
      backoffBaseMs: 10,
      backoffMaxMs: 100,
    },
    markingCalibrationPercent: 0,
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
     SELECT $1, 'model', $2, $3, s, 'answered',
            CASE WHEN s % 5 = 0 THEN '解：' || repeat('先求导再讨论单调性，', 10) || s ELSE 'x=' || (s % $5) END
     FROM generate_series(0, $4 - 1) s`,
    [q7, runId, modelId, ANSWERS, FORMS],
  );
  await t.db.query(
    `INSERT INTO marking_tasks (response_id, question_id, shuffle_key) SELECT id, question_id, hashtext(id::text) FROM responses`,
  );
  const admin = await t.as('admin', 'boss');
  const teacher = await t.as('teacher', 'b1');
  const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = 'b1'`);
  await admin.post('/api/admin/assignments').send({ userId: id, questionIds: [q7] });

  const nexts: number[] = [];
  const saves: number[] = [];
  let grouped = 0;
  for (let k = 0; k < 10; k++) {
    let at = performance.now();
    const g = (await teacher.post(`/api/marking/questions/${q7}/groups/next`)).body;
    nexts.push(performance.now() - at);
    at = performance.now();
    const taskIds = g.members.map((m: { taskId: string }) => m.taskId);
    expect(
      (
        await teacher
          .post('/api/marking/groups/marks')
          .send({ leaseToken: g.leaseToken, taskIds, score: 3 })
      ).status,
    ).toBe(201);
    saves.push(performance.now() - at);
    grouped += taskIds.length;
  }
  const one: number[] = [];
  for (let k = 0; k < 200; k++) {
    const at = performance.now();
    const task = (await teacher.post(`/api/marking/questions/${q7}/next`)).body;
    expect(
      (
        await teacher
          .post(`/api/marking/tasks/${task.taskId}/marks`)
          .send({ leaseToken: task.leaseToken, score: 3 })
      ).status,
    ).toBe(201);
    one.push(performance.now() - at);
  }
  console.log(
    `${ANSWERS} answers (${FORMS} short forms, a fifth long): ${grouped} marked in 10 groups; ` +
      `next group median ${median(nexts).toFixed(0)} ms (max ${Math.max(...nexts).toFixed(0)}), ` +
      `group save median ${median(saves).toFixed(0)} ms (max ${Math.max(...saves).toFixed(0)}); ` +
      `one by one: next + save median ${median(one).toFixed(1)} ms per answer, ${(median(one) * 200).toFixed(0)} ms for 200`,
  );
  await t.close();
});
