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
// The mini paper's question 7 rubric (version 1): a = 3, b = 3, c = −1, ceiling 6.
const RUBRIC = {
  mode: 'items',
  startingPoints: 0,
  floorPoints: 0,
  ceilingPoints: 6,
  items: [
    { id: 'a', points: 3, description: '写出原函数' },
    { id: 'b', points: 3, description: '代入上下限' },
    { id: 'c', points: -1, description: '书写不规范' },
  ],
};

describe('marking quality: rubric edits with re-scoring, calibration items, monitoring', () => {
  let t: TestApp;
  let senior: Agent;
  let q7: string;

  beforeAll(async () => {
    // Every "next" offers a calibration item when one is waiting, so the test is deterministic.
    t = await startTestApp({ collection: COLLECTION, markingCalibrationPercent: 100 });
  });
  afterAll(() => t.close());

  /** Four answers to question 7 marked by t1: items a+b (6), a (3), a+c (2), and a typed 4. */
  async function setup() {
    await t.truncateAll();
    await t.reset();
    const admin = await t.as('admin', 'boss');
    const researcher = await t.as(['author', 'researcher'], 'res');
    await researcher.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
    const lines = [0, 1, 2, 3, 4].map((i) =>
      JSON.stringify({
        paper: 'test-mini-paper',
        model: 'm',
        sample: i,
        question: '7',
        response: `解答 ${i}`,
      }),
    );
    await researcher
      .post('/api/runs/import')
      .attach('file', Buffer.from(lines.join('\n')), 'a.jsonl');
    [{ id: q7 }] = await t.db.query(`SELECT id FROM questions WHERE number = '7'`);
    const teachers: Record<string, Agent> = {};
    for (const name of ['t1', 't2', 'chief']) {
      teachers[name] = await t.as(
        name === 'chief' ? ['teacher', 'senior_teacher'] : 'teacher',
        name,
      );
      const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = $1`, [name]);
      await admin.post('/api/admin/assignments').send({ userId: id, questionIds: [q7] });
    }
    senior = teachers.chief;
    const byAnswer: Record<string, string> = {};
    for (const body of [
      { appliedItems: ['a', 'b'] },
      { appliedItems: ['a'] },
      { appliedItems: ['a', 'c'] },
      { score: 4 },
    ]) {
      const next = (await teachers.t1.post(`/api/marking/questions/${q7}/next`)).body;
      expect(
        (
          await teachers.t1
            .post(`/api/marking/tasks/${next.taskId}/marks`)
            .send({ leaseToken: next.leaseToken, ...body })
        ).status,
      ).toBe(201);
      byAnswer[JSON.stringify(body)] = next.taskId;
    }
    return { admin, teachers, byAnswer };
  }

  const finals = async () =>
    Object.fromEntries(
      (
        await t.db.query(
          `SELECT id::text, final_score::float AS f FROM marking_tasks WHERE state = 'done' ORDER BY id`,
        )
      ).map((r: { id: string; f: number }) => [r.id, r.f]),
    );

  it('previews a rubric edit (which answers change, old and new points), then re-scores by appending marks, audited', async () => {
    const { byAnswer } = await setup();
    const current = (await senior.get(`/api/marking/questions/${q7}/rubric`)).body;
    expect(current).toMatchObject({ version: 1, rubric: { mode: 'items', ceilingPoints: 6 } });
    const edit = {
      ...RUBRIC,
      items: [{ ...RUBRIC.items[0], points: 4 }, RUBRIC.items[1], RUBRIC.items[2]],
    };
    const marksBefore = await t.count('marks');
    const before = await finals();

    const preview = await senior.post(`/api/marking/questions/${q7}/rubric/preview`).send(edit);
    expect(preview.status).toBe(200);
    // a + b clamps at 6 and the typed 4 stays; a alone 3 → 4, a − 1: 2 → 3.
    expect(preview.body.unchanged).toBe(2);
    const changes = Object.fromEntries(
      preview.body.changes.map(
        (c: { taskId: string; oldFinal: number; newFinal: number; reads: unknown[] }) => [
          c.taskId,
          [c.oldFinal, c.newFinal, c.reads],
        ],
      ),
    );
    expect(changes).toEqual({
      [byAnswer['{"appliedItems":["a"]}']]: [
        3,
        4,
        [expect.objectContaining({ oldPoints: 3, newPoints: 4, kind: 'first' })],
      ],
      [byAnswer['{"appliedItems":["a","c"]}']]: [
        2,
        3,
        [expect.objectContaining({ oldPoints: 2, newPoints: 3 })],
      ],
    });
    expect(await t.count('marks')).toBe(marksBefore);
    expect(await finals()).toEqual(before);
    expect(
      (
        await t.db.query(`SELECT max(version)::int AS v FROM rubrics WHERE question_id = $1`, [q7])
      )[0].v,
    ).toBe(1);

    const saved = await senior
      .put(`/api/marking/questions/${q7}/rubric`)
      .send({ ...edit, expectedVersion: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 2,
      changes: [expect.anything(), expect.anything()],
    });
    const after = await finals();
    expect(after[byAnswer['{"appliedItems":["a"]}']]).toBe(4);
    expect(after[byAnswer['{"appliedItems":["a","c"]}']]).toBe(3);
    expect(after[byAnswer['{"appliedItems":["a","b"]}']]).toBe(6);
    expect(after[byAnswer['{"score":4}']]).toBe(4);
    const rescores = await t.db.query(
      `SELECT marker_id, points::float AS points, supersedes_id IS NOT NULL AS s FROM marks WHERE read_kind = 'rescore'`,
    );
    expect(rescores).toHaveLength(2);
    expect(rescores.every((r: { s: boolean }) => r.s)).toBe(true);
    const [audit] = await t.db.query(
      `SELECT actor_name, before, after FROM audit_events WHERE action = 'rubric_edit'`,
    );
    expect(audit).toMatchObject({
      actor_name: 'chief',
      before: { version: 1 },
      after: { version: 2, rescored: 2 },
    });
    expect(
      (await senior.get(`/api/marking/questions/${q7}/rubric`)).body.rubric.items[0].points,
    ).toBe(4);

    // A second editor working from version 1 is told to look again; nothing is written.
    const stale = await senior
      .put(`/api/marking/questions/${q7}/rubric`)
      .send({ ...RUBRIC, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(await t.count('marks')).toBe(marksBefore + 2);
    const bad = await senior
      .post(`/api/marking/questions/${q7}/rubric/preview`)
      .send({ ...RUBRIC, ceilingPoints: 9 });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toMatch(/ceiling 9 is above the question's 6 points/);
  });

  it('slips calibration items into the queue looking like any answer, and measures teachers against the expert', async () => {
    const { teachers, byAnswer } = await setup();
    const open = (await teachers.t2.post(`/api/marking/questions/${q7}/next`)).body;
    // An answer still open cannot become a calibration item.
    expect(
      (await senior.post(`/api/marking/tasks/${open.taskId}/calibration`).send({ expertScore: 3 }))
        .status,
    ).toBe(409);
    const item = byAnswer['{"appliedItems":["a","b"]}'];
    expect(
      (await senior.post(`/api/marking/tasks/${item}/calibration`).send({ expertScore: 5 })).status,
    ).toBe(200);
    expect(
      (
        await teachers.t2
          .post(`/api/marking/tasks/${open.taskId}/marks`)
          .send({ leaseToken: open.leaseToken, appliedItems: ['b'] })
      ).status,
    ).toBe(201);

    const served = (await teachers.t2.post(`/api/marking/questions/${q7}/next`)).body;
    expect(served.taskId).toBe(item);
    expect(Object.keys(served).sort()).toEqual(Object.keys(open).sort());
    expect(JSON.stringify(served)).not.toMatch(/calibration|expert/i);
    const reply = await teachers.t2
      .post(`/api/marking/tasks/${item}/marks`)
      .send({ leaseToken: served.leaseToken, appliedItems: ['a'] });
    expect(reply.body).toEqual({ taskId: item, state: 'done', finalScore: 3, points: 3 });
    // The answer's own score is untouched; the read is a calibration read.
    expect((await finals())[item]).toBe(6);
    expect(
      (
        await t.db.query(
          `SELECT read_kind FROM marks WHERE task_id = $1 ORDER BY id DESC LIMIT 1`,
          [item],
        )
      )[0].read_kind,
    ).toBe('calibration');
    expect(
      (await teachers.t2.get('/api/marking/history')).body.find(
        (h: { taskId: string }) => h.taskId === item,
      ).kind,
    ).toBe('first');
    // Once read, the teacher gets ordinary answers again.
    const nextAnswer = (await teachers.t2.post(`/api/marking/questions/${q7}/next`)).body;
    expect(nextAnswer.taskId).not.toBe(item);
    await teachers.t2
      .post(`/api/marking/tasks/${nextAnswer.taskId}/marks`)
      .send({ leaseToken: nextAnswer.leaseToken, appliedItems: ['a'] });

    const monitor = (await senior.get(`/api/marking/monitor/${q7}`)).body;
    const t2 = monitor.teachers.find((x: { marker: string }) => x.marker === 't2');
    expect(t2).toMatchObject({ count: 1, calibration: { n: 1, meanAbsoluteError: 2 } });
    expect(monitor.teachers.find((x: { marker: string }) => x.marker === 't1')).toMatchObject({
      count: 4,
      calibration: { n: 0 },
    });
    const settled = (await senior.get(`/api/marking/monitor/${q7}/answers`)).body;
    expect(settled[0]).toMatchObject({
      taskId: item,
      isCalibration: true,
      expertScore: 5,
      calibrationReads: 1,
      finalScore: 6,
    });
    expect(JSON.stringify(settled)).not.toMatch(/model|run/i);
    const list = (await senior.get('/api/marking/monitor')).body;
    expect(list).toEqual([expect.objectContaining({ questionId: q7, total: 5, calibration: 1 })]);
  });
});
