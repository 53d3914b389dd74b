import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { COLLECTION } from './fixtures/judged-fixture';
import { stratifiedSample } from '../src/judge-quality/domain/stratified-sample';
import { Agent, startTestApp, TestApp } from './test-app';

/** Two models × 10 answers to question 7 of the mini paper, none read yet. */
describe('validation samples: stratified, seeded, recorded, served first', () => {
  let t: TestApp;
  let researcher: Agent;
  let q7: string;

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION, markingCalibrationPercent: 0 });
    await t.truncateAll();
    await t.reset();
    researcher = await t.as(['author', 'researcher']);
    await researcher.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
    const lines = ['alpha', 'beta'].flatMap((model) =>
      Array.from({ length: 10 }, (_, s) =>
        JSON.stringify({
          paper: 'test-mini-paper',
          model,
          question: '7',
          sample: s,
          response: `${model} ${s}`,
        }),
      ),
    );
    expect(
      (
        await researcher
          .post('/api/runs/import?name=s')
          .attach('file', Buffer.from(lines.join('\n')), 'a.jsonl')
      ).status,
    ).toBe(201);
    [{ id: q7 }] = await t.db.query(`SELECT id FROM questions WHERE number = '7'`);
    await t.db.query(
      `INSERT INTO marking_tasks (response_id, question_id, reads_required, shuffle_key)
       SELECT r.id, $1, 1, hashtext(r.id::text) FROM responses r WHERE r.question_id = $1 ON CONFLICT DO NOTHING`,
      [q7],
    );
  });
  afterAll(() => t.close());

  it('draws n answers per model with the seed, records who, when, the seed and the strata', async () => {
    const eligible: { id: string; stratum: string }[] = await t.db.query(
      `SELECT t.id::text AS id, 'model:' || r.model_id AS stratum FROM marking_tasks t JOIN responses r ON r.id = t.response_id WHERE t.question_id = $1`,
      [q7],
    );
    const res = await researcher
      .post(`/api/judge-quality/questions/${q7}/validation-samples`)
      .send({ perStratum: 3, seed: 99 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ seed: 99, perStratum: 3, taskCount: 6 });
    expect(
      res.body.strata.map((s: { population: number; sampled: number }) => [
        s.population,
        s.sampled,
      ]),
    ).toEqual([
      [10, 3],
      [10, 3],
    ]);
    // the same draw as the pure function on the same answers and seed: reproducible from the record
    const expected = stratifiedSample(eligible, 3, 99).chosen.map((c) => c.id);
    const chosen: { id: string }[] = await t.db.query(
      `SELECT id::text FROM marking_tasks WHERE validation_sample_id = $1`,
      [res.body.id],
    );
    expect(chosen.map((c) => c.id).sort()).toEqual([...expected].sort());
    const list = await researcher.get(`/api/judge-quality/questions/${q7}/validation-samples`);
    expect(list.body).toEqual([
      expect.objectContaining({
        id: res.body.id,
        seed: 99,
        perStratum: 3,
        taskCount: 6,
        done: 0,
        requestedBy: expect.any(String),
      }),
    ]);
    // a second request draws from what is left
    const again = await researcher
      .post(`/api/judge-quality/questions/${q7}/validation-samples`)
      .send({ perStratum: 2 });
    expect(again.body.strata.map((s: { population: number }) => s.population)).toEqual([7, 7]);
    expect(again.body.seed).toEqual(expect.any(Number));
  });

  it('serves the sampled answers first in a teacher’s queue', async () => {
    const admin = await t.as('admin');
    const teacher = await t.as('teacher', 'sampler-t');
    const [{ id: userId }] = await t.db.query(`SELECT id FROM users WHERE username = 'sampler-t'`);
    await admin.post('/api/admin/assignments').send({ userId, questionIds: [q7] });
    const sampled = new Set(
      (
        await t.db.query(
          `SELECT id::text FROM marking_tasks WHERE validation_sample_id IS NOT NULL`,
        )
      ).map((r: { id: string }) => r.id),
    );
    expect(sampled.size).toBe(10);
    const served: string[] = [];
    for (let i = 0; i < 11; i++) {
      const next = (await teacher.post(`/api/marking/questions/${q7}/next`)).body;
      served.push(next.taskId);
      expect(
        (
          await teacher
            .post(`/api/marking/tasks/${next.taskId}/marks`)
            .send({ leaseToken: next.leaseToken, appliedItems: ['a'] })
        ).status,
      ).toBe(201);
    }
    expect(served.slice(0, 10).every((id) => sampled.has(id))).toBe(true);
    expect(sampled.has(served[10])).toBe(false);
    const list = await researcher.get(`/api/judge-quality/questions/${q7}/validation-samples`);
    expect(list.body.reduce((a: number, s: { done: number }) => a + s.done, 0)).toBe(10);
  });

  it('is for researchers and admins, and refuses a bad request whole', async () => {
    const senior = await t.as('senior_teacher');
    expect(
      (
        await senior
          .post(`/api/judge-quality/questions/${q7}/validation-samples`)
          .send({ perStratum: 3 })
      ).status,
    ).toBe(403);
    const before = await t.count('validation_samples');
    const bad = await researcher
      .post(`/api/judge-quality/questions/${q7}/validation-samples`)
      .send({ perStratum: 0 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/perStratum/);
    expect(await t.count('validation_samples')).toBe(before);
  });
});
