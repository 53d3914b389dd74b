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
const DOUBLE = (s: string) =>
  s.replace(
    '    partialPoints: 2',
    '    partialPoints: 2\n  marking:\n    mode: double\n    tolerance: 1',
  );

describe('marking queue', () => {
  let t: TestApp;
  let admin: Agent;
  let researcher: Agent;

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION });
  });
  afterAll(() => t.close());

  /** Imports the mini paper and `n` model answers to question 7 (a calculation), and assigns the teachers to it. */
  async function setup(n: number, teachers: string[], paper: (s: string) => string = (s) => s) {
    await t.truncateAll();
    await t.reset();
    admin = await t.as('admin', 'boss');
    researcher = await t.as(['author', 'researcher'], 'res');
    await researcher
      .post('/api/papers/import')
      .attach('file', zipOf(miniBundle({ paper })), 'b.zip');
    const lines = Array.from({ length: n }, (_, i) =>
      JSON.stringify({
        paper: 'test-mini-paper',
        model: `model-${i % 3}`,
        sample: i,
        question: '7',
        response: `解答 ${i}：原函数为 x^2/2 …`,
      }),
    );
    lines.push(
      JSON.stringify({
        paper: 'test-mini-paper',
        model: 'model-0',
        question: '1',
        response: '我不知道选哪个',
      }),
    );
    expect(
      (
        await researcher
          .post('/api/runs/import')
          .attach('file', Buffer.from(lines.join('\n')), 'a.jsonl')
      ).status,
    ).toBe(201);
    const [{ id: q7 }] = await t.db.query(`SELECT id FROM questions WHERE number = '7'`);
    const [{ id: q1 }] = await t.db.query(`SELECT id FROM questions WHERE number = '1'`);
    const agents: Agent[] = [];
    for (const name of teachers) {
      const agent = await t.as(
        name.startsWith('senior') ? ['teacher', 'senior_teacher'] : 'teacher',
        name,
      );
      const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = $1`, [name]);
      expect(
        (await admin.post('/api/admin/assignments').send({ userId: id, questionIds: [q7, q1] }))
          .status,
      ).toBe(201);
      agents.push(agent);
    }
    return { q7, q1, agents };
  }

  it('queues subjective answers and unreadable objective ones, and shows teachers nothing about who wrote them', async () => {
    const { q7, q1, agents } = await setup(3, ['t1']);
    expect(await t.count('marking_tasks')).toBe(4); // three calculations, one unparsed choice
    const [me] = agents;
    const questions = (await me.get('/api/marking/questions')).body;
    expect(questions.find((q: { number: string }) => q.number === '7')).toMatchObject({
      total: 3,
      done: 0,
      forMe: 3,
      mine: 0,
    });
    const res = await me.post(`/api/marking/questions/${q7}/next`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      question: { number: '7', type: 'calculation', points: 6 },
      rubric: {
        mode: 'items',
        ceilingPoints: 6,
        items: [{ id: 'a', points: 3 }, { id: 'b' }, { id: 'c', points: -1 }],
      },
      answer: { text: expect.stringMatching(/^解答 \d：/) },
    });
    const text = JSON.stringify(res.body);
    for (const leak of ['model', 'run', 'student', 'source', 'harness'])
      expect(text.toLowerCase()).not.toContain(leak);
    const unparsed = (await me.post(`/api/marking/questions/${q1}/next`)).body;
    expect(unparsed).toMatchObject({
      answer: { text: '我不知道选哪个' },
      rubric: { mode: 'score', ceilingPoints: 5 },
    });
    // a single choice read by a teacher is right or wrong: 2 of 5 is refused, saying why; 5 is taken
    const half = await me
      .post(`/api/marking/tasks/${unparsed.taskId}/marks`)
      .send({ leaseToken: unparsed.leaseToken, score: 2 });
    expect(half.status).toBe(422);
    expect(half.body).toMatchObject({ code: 'marking.all_or_nothing', params: { max: 5 } });
    const full = await me
      .post(`/api/marking/tasks/${unparsed.taskId}/marks`)
      .send({ leaseToken: unparsed.leaseToken, score: 5 });
    expect(full.status).toBe(201);
  });

  it('single marking: one key press scores, the lease guards the save, and every answer is marked once', async () => {
    const { q7, agents } = await setup(3, ['t1', 't2']);
    const [t1, t2] = agents;
    const a = (await t1.post(`/api/marking/questions/${q7}/next`)).body;
    const b = (await t2.post(`/api/marking/questions/${q7}/next`)).body;
    expect(a.taskId).not.toBe(b.taskId);
    // Reloading the page: resume gives t1 the answer already leased to them, with the same lease.
    const resumed = (await t1.post(`/api/marking/questions/${q7}/next?resume=true`)).body;
    expect(resumed).toMatchObject({ taskId: a.taskId, leaseToken: a.leaseToken });
    // t2 cannot save t1's answer, nor a made-up lease
    expect(
      (
        await t2
          .post(`/api/marking/tasks/${a.taskId}/marks`)
          .send({ leaseToken: b.leaseToken, appliedItems: ['a'] })
      ).status,
    ).toBe(409);
    const bad = await t1
      .post(`/api/marking/tasks/${a.taskId}/marks`)
      .send({ leaseToken: a.leaseToken, appliedItems: ['a', 'zz'] });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('rubric item zz does not exist');
    const ok = await t1
      .post(`/api/marking/tasks/${a.taskId}/marks`)
      .send({ leaseToken: a.leaseToken, appliedItems: ['a', 'b', 'c'], secondsSpent: 4 });
    expect(ok.body).toEqual({ taskId: a.taskId, state: 'done', finalScore: 5, points: 5 });
    // a second save with the same lease is refused: the lease ended with the first
    expect(
      (
        await t1
          .post(`/api/marking/tasks/${a.taskId}/marks`)
          .send({ leaseToken: a.leaseToken, score: 6 })
      ).status,
    ).toBe(409);
    // a lapsed lease returns the answer to the queue; the late save is refused
    await t.db.query(
      `UPDATE marking_tasks SET lease_expires_at = now() - interval '1 second' WHERE id = $1`,
      [b.taskId],
    );
    const again = (await t1.post(`/api/marking/questions/${q7}/next`)).body;
    const late = await t2
      .post(`/api/marking/tasks/${b.taskId}/marks`)
      .send({ leaseToken: b.leaseToken, score: 2 });
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/no longer leased to you/);
    await t1
      .post(`/api/marking/tasks/${again.taskId}/marks`)
      .send({ leaseToken: again.leaseToken, score: 4 });
    const last = (await t2.post(`/api/marking/questions/${q7}/next`)).body;
    await t2
      .post(`/api/marking/tasks/${last.taskId}/marks`)
      .send({ leaseToken: last.leaseToken, score: 3 });
    expect((await t1.post(`/api/marking/questions/${q7}/next`)).body).toEqual({ done: true });
    const tasks = await t.db.query(
      `SELECT state, final_score::float AS score FROM marking_tasks WHERE question_id = $1 ORDER BY final_score`,
      [q7],
    );
    expect(tasks).toEqual([
      { state: 'done', score: 3 },
      { state: 'done', score: 4 },
      { state: 'done', score: 5 },
    ]);
    await expect(t.db.query(`DELETE FROM marks`)).rejects.toThrow(/append-only/);
  });

  it('double marking: two teachers, a third read beyond the tolerance, then the closest pair', async () => {
    const { q7, agents } = await setup(1, ['t1', 't2', 't3'], DOUBLE);
    const [t1, t2, t3] = agents;
    const mark = async (agent: Agent, score: number) => {
      const task = (await agent.post(`/api/marking/questions/${q7}/next`)).body;
      expect(task.taskId).toBeDefined();
      return (
        await agent
          .post(`/api/marking/tasks/${task.taskId}/marks`)
          .send({ leaseToken: task.leaseToken, score })
      ).body;
    };
    expect(await mark(t1, 2)).toMatchObject({ state: 'open' });
    expect((await t1.post(`/api/marking/questions/${q7}/next`)).body).toEqual({ done: true }); // never the same answer twice
    expect(await mark(t2, 5)).toMatchObject({ state: 'needs_third' });
    expect(await mark(t3, 4.5)).toMatchObject({ state: 'done' });
    const [task] = await t.db.query(
      `SELECT final_score::float AS score, rule FROM marking_tasks WHERE question_id = $1`,
      [q7],
    );
    expect(task).toEqual({
      score: 4.75,
      rule: 'third read within 1 of 5: mean of the closest pair',
    });
    const kinds = await t.db.query(`SELECT read_kind FROM marks ORDER BY id`);
    expect(kinds.map((k: { read_kind: string }) => k.read_kind)).toEqual([
      'first',
      'second',
      'third',
    ]);
  });

  it('skip never offers the answer again to that teacher; a problem goes to the seniors', async () => {
    const { q7, agents } = await setup(2, ['t1', 't2']);
    const [t1, t2] = agents;
    const a = (await t1.post(`/api/marking/questions/${q7}/next`)).body;
    expect(
      (await t1.post(`/api/marking/tasks/${a.taskId}/skip`).send({ leaseToken: a.leaseToken }))
        .status,
    ).toBe(200);
    const b = (await t1.post(`/api/marking/questions/${q7}/next`)).body;
    expect(b.taskId).not.toBe(a.taskId);
    const p = await t1
      .post(`/api/marking/tasks/${b.taskId}/problem`)
      .send({ leaseToken: b.leaseToken, reason: '字迹无法辨认' });
    expect(p.body).toMatchObject({ state: 'problem' });
    expect((await t1.post(`/api/marking/questions/${q7}/next`)).body).toEqual({ done: true });
    expect((await t2.post(`/api/marking/questions/${q7}/next`)).body.taskId).toBe(a.taskId);
    const unassigned = await t.as('teacher', 'stranger');
    expect((await unassigned.post(`/api/marking/questions/${q7}/next`)).status).toBe(404);
  });

  it('many teachers at once: no answer leased to two of them, each marked exactly once', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `c${i}`);
    const { q7, agents } = await setup(40, names);
    const marked: string[] = [];
    const leasedNow = new Set<string>();
    let overlap = 0;
    await Promise.all(
      agents.map(async (agent) => {
        for (;;) {
          const task = (await agent.post(`/api/marking/questions/${q7}/next`)).body;
          if (task.done) return;
          if (leasedNow.has(task.taskId)) overlap++;
          leasedNow.add(task.taskId);
          const res = await agent
            .post(`/api/marking/tasks/${task.taskId}/marks`)
            .send({ leaseToken: task.leaseToken, score: 3 });
          expect(res.status).toBe(201);
          leasedNow.delete(task.taskId);
          marked.push(task.taskId);
        }
      }),
    );
    expect(overlap).toBe(0);
    expect(marked).toHaveLength(40);
    expect(new Set(marked).size).toBe(40);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM marking_tasks WHERE question_id = $1 AND state = 'done'`,
      [q7],
    );
    expect(n).toBe(40);
  });

  it('a teacher corrects an own mark (回评) by appending a review; a senior arbitrates beside both reads', async () => {
    const { q7, agents } = await setup(1, ['t1', 't2', 't3', 'senior1'], DOUBLE);
    const [t1, t2, t3, senior] = agents;
    const mark = async (agent: Agent, score: number) => {
      const task = (await agent.post(`/api/marking/questions/${q7}/next`)).body;
      return (
        await agent
          .post(`/api/marking/tasks/${task.taskId}/marks`)
          .send({ leaseToken: task.leaseToken, score })
      ).body;
    };
    const first = await mark(t1, 0);
    await mark(t2, 6);
    expect((await mark(t3, 3)).state).toBe('needs_arbitration');
    // t1 looks again and corrects 0 → 5: now 5 and 6 are within the tolerance of 1
    const history = (await t1.get('/api/marking/history')).body;
    expect(history).toMatchObject([
      { taskId: first.taskId, questionNumber: '7', points: 0, kind: 'first' },
    ]);
    expect(JSON.stringify(history)).not.toMatch(/model|run_id|student/);
    expect((await t1.get(`/api/marking/tasks/${first.taskId}`)).body.answer.text).toMatch(
      /^解答 0/,
    );
    const reviewed = await t1.post(`/api/marking/tasks/${first.taskId}/review`).send({ score: 5 });
    expect(reviewed.body).toMatchObject({ state: 'done', finalScore: 5.5 });
    expect((await t2.get(`/api/marking/tasks/${first.taskId}`)).status).toBe(200);
    expect((await senior.get(`/api/marking/tasks/${first.taskId}`)).status).toBe(404); // never marked it
    // t3 disagrees again, far off: the senior's desk shows all reads, and the senior decides
    const again = await t3.post(`/api/marking/tasks/${first.taskId}/review`).send({ score: 0 });
    expect(again.body).toMatchObject({ state: 'done', finalScore: 5.5 }); // the first two still agree
    await t2.post(`/api/marking/tasks/${first.taskId}/review`).send({ score: 2 });
    const desk = (await senior.get('/api/marking/senior/queue')).body;
    expect(desk).toHaveLength(1);
    expect(desk[0].reads.map((r: { kind: string; points: number }) => [r.kind, r.points])).toEqual([
      ['first', 0],
      ['second', 6],
      ['third', 3],
      ['review', 5],
      ['review', 0],
      ['review', 2],
    ]);
    expect((await t1.get('/api/marking/senior/queue')).status).toBe(403);
    expect(
      (
        await senior
          .post(`/api/marking/tasks/${first.taskId}/arbitrate`)
          .send({ score: 4, comment: '以细则为准' })
      ).body,
    ).toMatchObject({
      state: 'done',
      finalScore: 4,
    });
    expect(
      (await senior.post(`/api/marking/tasks/${first.taskId}/arbitrate`).send({ score: 3 })).status,
    ).toBe(409);
    expect(await t.count('marks')).toBe(7);
  });

  it('monitors each teacher on a question: count, speed, mean, third reads and agreement with the other reader', async () => {
    const { q7, agents } = await setup(6, ['t1', 't2', 'senior1'], DOUBLE);
    const [t1, t2, senior] = agents;
    const markAll = async (agent: Agent, score: (i: number) => number) => {
      for (let i = 0; ; i++) {
        const task = (await agent.post(`/api/marking/questions/${q7}/next`)).body;
        if (task.done) return;
        await agent
          .post(`/api/marking/tasks/${task.taskId}/marks`)
          .send({ leaseToken: task.leaseToken, score: score(i), secondsSpent: 10 + i });
      }
    };
    await markAll(t1, () => 4);
    await markAll(t2, (i) => (i < 3 ? 4 : 5)); // agrees exactly on three answers, within the tolerance on three
    const report = (await senior.get(`/api/marking/monitor/${q7}`)).body;
    expect(report).toMatchObject({ maxPoints: 6 });
    const [a, b] = report.teachers;
    expect(a).toMatchObject({
      count: 6,
      medianSeconds: 12.5,
      mean: 4,
      thirdReadRate: 0,
      agreement: { n: 6, exact: 0.5, adjacent: 1 },
    });
    expect(b).toMatchObject({ count: 6, mean: 4.5, agreement: { n: 6, exact: 0.5, adjacent: 1 } });
    expect((await t1.get(`/api/marking/monitor/${q7}`)).status).toBe(403);
  });
});
