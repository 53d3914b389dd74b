import { ReportRepository } from '../src/reports/report.repository';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { Agent, startTestApp, TestApp } from './test-app';

const COLLECTION = {
  isWorker: false,
  leaseSeconds: 60,
  maxAttempts: 3,
  timeoutMs: 1000,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
};

/**
 * One tolerance per question (TOLERANCE_SQL): the paper says double marking within 2 points, so two
 * reads 2 apart resolve without a third read, and the quality page and the report count that
 * pair as agreeing (they used a tolerance of 1 whatever the paper said).
 */
describe('a question’s tolerance comes from one definition', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION, markingCalibrationPercent: 0 });
    await t.truncateAll();
    await t.reset();
  });
  afterAll(() => t.close());

  it('the paper’s tolerance of 2 decides the resolution, the quality page and the report alike', async () => {
    const admin = await t.as('admin');
    const researcher = await t.as(['author', 'researcher']);
    // Question 7 says nothing of its own: the paper's policy is its tolerance.
    const paper = (s: string) =>
      s
        .replace('scoring:\n', 'scoring:\n  marking:\n    mode: double\n    tolerance: 2\n')
        .replace('        tolerance: 1\n', '');
    expect(
      (
        await researcher
          .post('/api/papers/import')
          .attach('file', zipOf(miniBundle({ paper })), 'b.zip')
      ).status,
    ).toBe(200);
    const line = JSON.stringify({
      paper: 'test-mini-paper',
      model: 'm',
      sample: 0,
      question: '7',
      response: '解答',
    });
    expect(
      (await researcher.post('/api/runs/import').attach('file', Buffer.from(line), 'a.jsonl'))
        .status,
    ).toBe(201);
    const [{ id: q7 }] = await t.db.query(`SELECT id FROM questions WHERE number = '7'`);
    const teachers: Agent[] = [];
    for (const name of ['tol-a', 'tol-b']) {
      teachers.push(await t.as('teacher', name));
      const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = $1`, [name]);
      await admin.post('/api/admin/assignments').send({ userId: id, questionIds: [q7] });
    }
    for (const [i, score] of [6, 4].entries()) {
      const next = (await teachers[i].post(`/api/marking/questions/${q7}/next`)).body;
      expect(
        (
          await teachers[i]
            .post(`/api/marking/tasks/${next.taskId}/marks`)
            .send({ leaseToken: next.leaseToken, score })
        ).status,
      ).toBe(201);
    }
    // Within the paper's tolerance: the mean is final, no third read.
    const [task] = await t.db.query(
      `SELECT state, final_score::float AS f FROM marking_tasks WHERE question_id = $1`,
      [q7],
    );
    expect(task).toEqual({ state: 'done', f: 5 });

    const monitor = (await admin.get(`/api/marking/monitor/${q7}`)).body;
    expect(
      monitor.teachers.map((x: { agreement: { adjacent: number } }) => x.agreement.adjacent),
    ).toEqual([1, 1]);
    const pairs = await new ReportRepository(t.db).agreementPairs([q7]);
    expect(pairs.get(q7)).toEqual({ pairs: [expect.any(Array)], tolerance: 2 });
  });
});
