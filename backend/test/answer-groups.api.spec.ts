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
const LONG = '解：由题意，' + '先求导再讨论单调性，'.repeat(8) + '故 x=1。';

interface Group {
  leaseToken: string;
  size: number;
  readNumber: number;
  answer: { text: string };
  members: { taskId: string; text: string }[];
}

describe('answer groups: identical short answers marked with one read', () => {
  let t: TestApp;
  let admin: Agent;
  let senior: Agent;

  beforeAll(async () => {
    // Every group request first looks for a calibration item, so the calibration case is deterministic.
    t = await startTestApp({ collection: COLLECTION, markingCalibrationPercent: 100 });
  });
  afterAll(() => t.close());

  /** The mini paper with these answers to question 7 (a calculation, 6 points) and to question 1 (a choice), the teachers assigned. */
  async function setup(
    q7Answers: string[],
    teachers: string[],
    opts: { paper?: (s: string) => string; q1Answers?: string[] } = {},
  ) {
    await t.truncateAll();
    await t.reset();
    admin = await t.as('admin', 'boss');
    senior = await t.as(['teacher', 'senior_teacher'], 'senior');
    const researcher = await t.as(['author', 'researcher'], 'res');
    await researcher
      .post('/api/papers/import')
      .attach('file', zipOf(miniBundle({ paper: opts.paper ?? ((s) => s) })), 'b.zip');
    const line = (question: string, response: string, i: number) =>
      JSON.stringify({
        paper: 'test-mini-paper',
        model: `model-${i % 3}`,
        sample: i,
        question,
        response,
      });
    const lines = [
      ...q7Answers.map((r, i) => line('7', r, i)),
      ...(opts.q1Answers ?? []).map((r, i) => line('1', r, i)),
    ];
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
      const agent = await t.as('teacher', name);
      const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = $1`, [name]);
      expect(
        (await admin.post('/api/admin/assignments').send({ userId: id, questionIds: [q7, q1] }))
          .status,
      ).toBe(201);
      agents.push(agent);
    }
    return { q7, q1, agents };
  }

  const nextGroup = async (agent: Agent, q: string): Promise<Group> => {
    const res = await agent.post(`/api/marking/questions/${q}/groups/next`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const markGroup = (
    agent: Agent,
    g: Group,
    mark: object,
    taskIds = g.members.map((m) => m.taskId),
  ) => agent.post('/api/marking/groups/marks').send({ leaseToken: g.leaseToken, taskIds, ...mark });
  const textOf = async (taskId: string) =>
    (
      await t.db.query(
        `SELECT r.text FROM marking_tasks k JOIN responses r ON r.id = k.response_id WHERE k.id = $1`,
        [taskId],
      )
    )[0].text;

  it('a group mark appends one mark per answer under one read; differing answers are never merged', async () => {
    const { q7, agents } = await setup(
      ['x=1', 'ｘ ＝ １', 'x=1。<eoa>', 'x=1', '1/2', '0.5', LONG],
      ['t1'],
    );
    const [me] = agents;
    const g = await nextGroup(me, q7);
    expect(g).toMatchObject({ size: 4, readNumber: 1 });
    // every member as the teacher reads it (the harness tail gone); nothing says who wrote any of them
    expect(g.members.map((m) => m.text).sort()).toEqual(['x=1', 'x=1', 'x=1。', 'ｘ ＝ １'].sort());
    // the answer shown is the form most of them take
    expect(g.answer.text).toBe('x=1');
    for (const leak of ['model', 'run', 'student', 'source', 'harness'])
      expect(JSON.stringify(g).toLowerCase()).not.toContain(leak);

    const saved = await markGroup(me, g, { appliedItems: ['a'], secondsSpent: 8 });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ marked: 4, points: 3 });
    const marks = await t.db.query(
      `SELECT task_id::text AS "taskId", read_kind AS kind, points::float, applied_items AS items, seconds_spent AS secs, lease_token::text AS token FROM marks ORDER BY id`,
    );
    expect(marks).toHaveLength(4);
    expect(new Set(marks.map((m: { taskId: string }) => m.taskId))).toEqual(
      new Set(g.members.map((m) => m.taskId)),
    );
    for (const m of marks)
      expect(m).toMatchObject({
        kind: 'first',
        points: 3,
        items: ['a'],
        secs: 2,
        token: g.leaseToken,
      });
    const finals = await t.db.query(
      `SELECT state, final_score::float AS score FROM marking_tasks WHERE id = ANY($1::bigint[])`,
      [g.members.map((m) => m.taskId)],
    );
    expect(finals).toEqual(Array(4).fill({ state: 'done', score: 3 }));

    // 1/2 and 0.5 are two groups of one; the long answer is not grouped at all
    const a = await nextGroup(me, q7);
    expect(a.size).toBe(1);
    expect((await markGroup(me, a, { score: 2 })).status).toBe(201);
    const b = await nextGroup(me, q7);
    expect(b.size).toBe(1);
    expect([a.answer.text, b.answer.text].sort()).toEqual(['0.5', '1/2']);
    expect((await markGroup(me, b, { score: 2 })).status).toBe(201);
    expect((await nextGroup(me, q7)) as unknown).toEqual({ done: true });
    const rest = (await me.post(`/api/marking/questions/${q7}/next`)).body;
    expect(rest.answer.text).toBe(LONG);
  });

  it('saves nothing unless the group is exactly what was shown, still leased to this teacher, and the mark is valid', async () => {
    const { q7, q1, agents } = await setup(['7', '7', '7'], ['t1', 't2'], {
      q1Answers: ['我不知道选哪个', '我不知道选哪个'],
    });
    const [t1, t2] = agents;
    const g = await nextGroup(t1, q7);
    expect(g.size).toBe(3);
    // t2 cannot take the same answers while t1 holds them, nor save t1's group
    expect((await nextGroup(t2, q7)) as unknown).toEqual({ done: true });
    expect((await markGroup(t2, g, { score: 3 })).status).toBe(409);
    // a group shown with fewer answers than it has (or made-up ones) is refused whole
    expect(
      (
        await markGroup(
          t1,
          g,
          { score: 3 },
          g.members.slice(1).map((m) => m.taskId),
        )
      ).status,
    ).toBe(409);
    expect(
      (await markGroup(t1, g, { score: 3 }, [...g.members.map((m) => m.taskId), '999999'])).status,
    ).toBe(409);
    const bad = await markGroup(t1, g, { appliedItems: ['a', 'zz'] });
    expect(bad.status).toBe(422);
    expect(bad.body.message).toBe('rubric item zz does not exist');
    expect(await t.count('marks')).toBe(0);
    // the lease ran out: the save is refused, and the answers are anyone's again
    await t.db.query(
      `UPDATE marking_tasks SET lease_expires_at = now() - interval '1 second' WHERE lease_token = $1`,
      [g.leaseToken],
    );
    expect((await markGroup(t1, g, { score: 3 })).status).toBe(409);
    expect((await nextGroup(t2, q7)).size).toBe(3);
    // an unreadable choice read in a group is right or wrong: 2 of 5 is refused for all of them
    const choice = await nextGroup(t1, q1);
    expect(choice.size).toBe(2);
    const half = await markGroup(t1, choice, { score: 2 });
    expect(half.status).toBe(422);
    expect(half.body).toMatchObject({ code: 'marking.all_or_nothing', params: { max: 5 } });
    expect((await markGroup(t1, choice, { score: 5 })).body).toMatchObject({
      marked: 2,
      points: 5,
    });
  });

  it('double marking: each read of a group is one teacher’s, a split-off answer is read alone, and each answer resolves on its own', async () => {
    const { q7, agents } = await setup(['3', '3', '3'], ['t1', 't2', 't3'], { paper: DOUBLE });
    const [t1, t2, t3] = agents;
    const first = await nextGroup(t1, q7);
    expect(first).toMatchObject({ size: 3, readNumber: 1 });
    expect(
      (await markGroup(t1, first, { score: 2 })).body.results.map(
        (r: { state: string }) => r.state,
      ),
    ).toEqual(['open', 'open', 'open']);
    // t1 never reads these answers again, in a group or alone
    expect((await nextGroup(t1, q7)) as unknown).toEqual({ done: true });
    expect((await t1.post(`/api/marking/questions/${q7}/next`)).body).toEqual({ done: true });

    const second = await nextGroup(t2, q7);
    expect(second).toMatchObject({ size: 3, readNumber: 2 });
    // t2 splits one answer off before marking: it goes back to the ordinary queue, out of t2's groups
    const [alone, ...together] = second.members.map((m) => m.taskId);
    expect(
      (
        await t2
          .post('/api/marking/groups/split')
          .send({ leaseToken: second.leaseToken, taskId: alone })
      ).status,
    ).toBe(200);
    expect((await markGroup(t2, second, { score: 5 }, together)).body).toMatchObject({ marked: 2 });
    expect((await nextGroup(t2, q7)) as unknown).toEqual({ done: true });
    const single = (await t2.post(`/api/marking/questions/${q7}/next`)).body;
    expect(single.taskId).toBe(alone);
    expect(
      (
        await t2
          .post(`/api/marking/tasks/${alone}/marks`)
          .send({ leaseToken: single.leaseToken, score: 2.5 })
      ).body,
    ).toMatchObject({
      state: 'done',
      finalScore: 2.25,
    });

    // 2 and 5 are beyond the tolerance of 1: the two grouped answers need a third read, as a group of their own
    const third = await nextGroup(t3, q7);
    expect(third).toMatchObject({ size: 2, readNumber: 3 });
    expect(new Set(third.members.map((m) => m.taskId))).toEqual(new Set(together));
    expect((await markGroup(t3, third, { score: 4.5 })).body.results).toEqual(
      together
        .map((taskId) => ({ taskId, state: 'done', finalScore: 4.75 }))
        .sort((a, b) => Number(a.taskId) - Number(b.taskId)),
    );
    // per answer: t1's read under t1's lease, t2's under t2's (the split one alone), t3's under t3's
    const reads = await t.db.query(
      `SELECT k.task_id::text AS "taskId", k.read_kind AS kind, u.username AS who, k.lease_token::text AS token
       FROM marks k JOIN users u ON u.id = k.marker_id ORDER BY k.task_id, k.id`,
    );
    for (const id of together)
      expect(reads.filter((r: { taskId: string }) => r.taskId === id)).toEqual([
        { taskId: id, kind: 'first', who: 't1', token: first.leaseToken },
        { taskId: id, kind: 'second', who: 't2', token: second.leaseToken },
        { taskId: id, kind: 'third', who: 't3', token: third.leaseToken },
      ]);
    expect(reads.filter((r: { taskId: string }) => r.taskId === alone)).toEqual([
      { taskId: alone, kind: 'first', who: 't1', token: first.leaseToken },
      { taskId: alone, kind: 'second', who: 't2', token: single.leaseToken },
    ]);
    const rules = await t.db.query(
      `SELECT DISTINCT rule_code AS code FROM marking_tasks ORDER BY 1`,
    );
    expect(rules).toEqual([{ code: 'closestPair' }, { code: 'twoWithin' }]);
  });

  it('samples a calibration item into group mode like any answer: a group of one, never hidden in a bigger group', async () => {
    const { q7, agents } = await setup(['x=1', 'x=1', 'x=1', 'x=1'], ['t1', 't2']);
    const [t1, t2] = agents;
    const g = await nextGroup(t1, q7);
    expect(g.size).toBe(4);
    // one of them, marked by t1, becomes a calibration item with the expert's score
    const calibration = g.members[0].taskId;
    await markGroup(t1, g, { score: 6 });
    expect(
      (await senior.post(`/api/marking/tasks/${calibration}/calibration`).send({ expertScore: 5 }))
        .status,
    ).toBe(200);

    // t2's next group is that item alone, shaped like any group; then the other three together
    const served = await nextGroup(t2, q7);
    expect(served).toMatchObject({ size: 1, members: [{ taskId: calibration, text: 'x=1' }] });
    expect(JSON.stringify(served)).not.toMatch(/calibration|expert/i);
    const reply = await markGroup(t2, served, { score: 4 });
    expect(reply.body).toEqual({
      marked: 1,
      points: 4,
      results: [{ taskId: calibration, state: 'done', finalScore: 4 }],
    });
    const [k] = await t.db.query(
      `SELECT read_kind FROM marks WHERE task_id = $1 ORDER BY id DESC LIMIT 1`,
      [calibration],
    );
    expect(k.read_kind).toBe('calibration');
    const [task] = await t.db.query(
      `SELECT final_score::float AS score FROM marking_tasks WHERE id = $1`,
      [calibration],
    );
    expect(task.score).toBe(6); // the answer's own score is untouched

    // (single marking: t1's group read settled the others; t2 has nothing left to read)
    expect((await nextGroup(t2, q7)) as unknown).toEqual({ done: true });
    expect(await textOf(calibration)).toBe('x=1');
  });

  it('only the teachers assigned to the question get groups; a skipped group never comes back to that teacher', async () => {
    const { q7, agents } = await setup(['9', '9'], ['t1', 't2']);
    const [t1, t2] = agents;
    const researcher = await t.as('researcher', 'r2');
    expect((await researcher.post(`/api/marking/questions/${q7}/groups/next`)).status).toBe(403);
    const stranger = await t.as('teacher', 'stranger');
    const refused = await stranger.post(`/api/marking/questions/${q7}/groups/next`);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('marking.not_assigned');
    // a reload resumes the group already leased, with the same lease
    const g = await nextGroup(t1, q7);
    expect(
      (await t1.post(`/api/marking/questions/${q7}/groups/next?resume=true`)).body,
    ).toMatchObject({
      leaseToken: g.leaseToken,
      size: 2,
    });
    // giving a group back (leaving group mode) records nothing: the same group comes again
    expect(
      (await t1.post('/api/marking/groups/release').send({ leaseToken: g.leaseToken })).body,
    ).toEqual({ released: 2 });
    expect(await t.count('marks')).toBe(0);
    const again = await nextGroup(t1, q7);
    expect(again.size).toBe(2);
    expect(again.leaseToken).not.toBe(g.leaseToken);
    expect(
      (await t2.post('/api/marking/groups/skip').send({ leaseToken: again.leaseToken })).status,
    ).toBe(409);
    expect(
      (await t1.post('/api/marking/groups/skip').send({ leaseToken: again.leaseToken })).body,
    ).toEqual({ skipped: 2 });
    expect((await nextGroup(t1, q7)) as unknown).toEqual({ done: true });
    expect((await nextGroup(t2, q7)).size).toBe(2);
  });
});
