import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { FakeOpenAI, FakeReply } from './support/fake-openai';
import { Agent, startTestApp, TestApp } from './test-app';

async function waitFor<T>(
  probe: () => Promise<T>,
  isDone: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (isDone(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const SECRET_MODEL = 'Secret-Model-9000';
const judgement = (o: object) => ({
  text: JSON.stringify({ adjustment: 0, rationale: '按细则给分', ...o }),
});
type Body = { messages: { content: unknown }[]; response_format?: { type: string } };
const userText = (body: Body) => JSON.stringify(body.messages);

describe('the LLM judge', () => {
  let t: TestApp;
  let fake: FakeOpenAI;
  let researcher: Agent;
  let admin: Agent;
  let q7: string;
  let sourceRunId: string;

  beforeAll(async () => {
    fake = await new FakeOpenAI().start();
    t = await startTestApp({
      collection: {
        isWorker: true,
        leaseSeconds: 30,
        maxAttempts: 3,
        timeoutMs: 2000,
        backoffBaseMs: 10,
        backoffMaxMs: 50,
      },
    });
  });
  beforeEach(async () => {
    await t.truncateAll();
    await t.reset();
    fake.requests.length = 0;
    admin = await t.as('admin', 'boss');
    researcher = await t.as(['author', 'researcher'], 'res');
    await researcher.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
    // Six answers to question 7 (a calculation, items a/b/c) by a model whose name must never reach the judge.
    const lines = Array.from({ length: 6 }, (_, i) =>
      JSON.stringify({
        paper: 'test-mini-paper',
        model: SECRET_MODEL,
        sample: i,
        question: '7',
        response: `解答 ${i}：原函数为 x^2/2<eoa>`,
      }),
    );
    expect(
      (
        await researcher
          .post('/api/runs/import')
          .attach('file', Buffer.from(lines.join('\n')), 'a.jsonl')
      ).status,
    ).toBe(201);
    [{ id: q7 }] = await t.db.query(`SELECT id FROM questions WHERE number = '7'`);
    [{ id: sourceRunId }] = await t.db.query(`SELECT id FROM runs WHERE kind = 'answer'`);
    // Valid, malformed and rubric-breaking judgements, chosen by the answer the judge reads; one 500 first (retried).
    let failedOnce = false;
    fake.behave = (req): FakeReply => {
      const text = userText(req.body as Body);
      if (text.includes('解答 0')) return judgement({ applied_items: ['a', 'b'], total: 6 });
      if (text.includes('解答 1')) return { text: '我觉得可以给 5 分' };
      if (text.includes('解答 2')) return judgement({ applied_items: ['a', 'z'], total: 6 });
      if (text.includes('解答 3')) return judgement({ applied_items: ['a'], total: 5 });
      if (text.includes('解答 4')) return judgement({ applied_items: ['a', 'b'], total: 9 });
      if (!failedOnce) {
        failedOnce = true;
        return { status: 500 };
      }
      return judgement({ applied_items: ['a', 'c'], total: 2 });
    };
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  const judge = async (over: object = {}) =>
    (
      await researcher.post('/api/models').send({
        name: `judge-${Math.random()}`,
        baseUrl: fake.url,
        modelId: 'fake-judge',
        modality: 'text',
        concurrency: 3,
        isJudge: true,
        ...over,
      })
    ).body;
  const finished = (runId: string) =>
    waitFor(
      async () => (await researcher.get(`/api/judging/runs/${runId}`)).body,
      (p) => p.status !== 'running',
    );

  it('judges a run through the collection machinery: scores what keeps to the rubric, records the rest as failed with a code', async () => {
    const j = await judge();
    const start = await researcher
      .post('/api/judging/runs')
      .send({ judgeModelId: j.id, sourceRunId });
    expect([start.status, start.body.code]).toEqual([201, undefined]);
    expect(start.body).toMatchObject({ kind: 'judge', templateVersion: 'judge-v1', total: 6 });
    const done = await finished(start.body.id);
    expect(done).toMatchObject({
      status: 'finished',
      total: 6,
      judged: 6,
      scored: 2,
      failedJudgements: 4,
      pending: 0,
    });
    expect(done.failures.map((f: { code: string }) => f.code).sort()).toEqual([
      'judge.total_mismatch',
      'judge.total_out_of_range',
      'judge.unknown_item',
      'judge.unparsable',
    ]);
    expect(done.requests).toBe(7); // six judgements and one retried 500
    expect(fake.peakInFlight).toBeLessThanOrEqual(3);
    const reads = await t.db.query(
      `SELECT status, failure_code, points::float, applied_items, template_version FROM judge_reads ORDER BY points`,
    );
    expect(reads).toHaveLength(6);
    expect(
      reads
        .filter((r: { status: string }) => r.status === 'scored')
        .map((r: { points: number }) => r.points),
    ).toEqual([2, 6]);
    expect(
      reads
        .filter((r: { status: string }) => r.status === 'failed')
        .every((r: { points: null }) => r.points === null),
    ).toBe(true);
    expect(await t.count('marks')).toBe(0); // judge reads are never teachers' marks
    const failed = (
      await researcher.get(`/api/judging/runs/${start.body.id}/judgements?status=failed`)
    ).body;
    expect(failed).toHaveLength(4);
    expect((await researcher.get(`/api/judging/runs/${start.body.id}/questions`)).body).toEqual([
      expect.objectContaining({
        questionId: q7,
        questionNumber: '7',
        visibility: 'hidden',
        scored: 2,
        failed: 4,
      }),
    ]);
    expect(
      failed.find((f: { failureCode: string }) => f.failureCode === 'judge.unknown_item'),
    ).toMatchObject({
      failureParams: { item: 'z' },
      points: null,
    });
  });

  it('is blind: no model, run or answer identity in what the judge receives; structured output is requested', async () => {
    const j = await judge();
    const start = (
      await researcher.post('/api/judging/runs').send({ judgeModelId: j.id, sourceRunId })
    ).body;
    await finished(start.id);
    const ids = (await t.db.query(`SELECT id FROM responses`)).map((r: { id: string }) => r.id);
    const [{ id: answerModelId }] = await t.db.query(`SELECT id FROM ai_models WHERE name = $1`, [
      SECRET_MODEL,
    ]);
    for (const req of fake.requests) {
      const raw = JSON.stringify(req.body);
      for (const secret of [SECRET_MODEL, answerModelId, sourceRunId, start.id, ...ids, '<eoa>'])
        expect(raw).not.toContain(secret);
      expect((req.body as Body).response_format).toMatchObject({ type: 'json_schema' });
      expect(raw).toContain('【评分细则】');
      expect(raw).toContain('[a] +3 分');
    }
  });

  it('never calls the model twice for the same answer, judge and template (the attempt cache)', async () => {
    const j = await judge();
    const first = (
      await researcher.post('/api/judging/runs').send({ judgeModelId: j.id, sourceRunId })
    ).body;
    await finished(first.id);
    const sent = fake.requests.filter((r) => r.status === 200).length;
    const again = (
      await researcher.post('/api/judging/runs').send({ judgeModelId: j.id, questionId: q7 })
    ).body;
    const done = await finished(again.id);
    expect(done).toMatchObject({ status: 'finished', judged: 6, scored: 2, failedJudgements: 4 });
    expect(fake.requests.filter((r) => r.status === 200).length).toBe(sent);
    expect(fake.repeatedSuccesses()).toBe(0);
    // the second run's reads point at the first run's attempts
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM judge_reads b JOIN judge_reads a ON a.attempt_id = b.attempt_id AND a.judge_run_id = $1 WHERE b.judge_run_id = $2`,
      [first.id, again.id],
    );
    expect(n).toBe(6); // every read of the second run is the first run's call, the retried one's success included
  });

  it('asks once for identical answers in one run (the same request), and scores each', async () => {
    fake.behave = () => judgement({ applied_items: ['a'], total: 3 });
    const same = Array.from({ length: 4 }, (_, i) =>
      JSON.stringify({
        paper: 'test-mini-paper',
        model: 'other',
        sample: i,
        question: '7',
        response: '原函数为 x^2/2',
      }),
    );
    expect(
      (
        await researcher
          .post('/api/runs/import')
          .attach('file', Buffer.from(same.join('\n')), 'b.jsonl')
      ).status,
    ).toBe(201);
    const j = await judge();
    const run = (
      await researcher.post('/api/judging/runs').send({ judgeModelId: j.id, questionId: q7 })
    ).body;
    expect(await finished(run.id)).toMatchObject({ total: 10, judged: 10, scored: 10 });
    expect(fake.requests).toHaveLength(7); // six distinct answers and one for the four alike
    expect(fake.repeatedSuccesses()).toBe(0);
  });

  it('falls back to tagged output where a provider has no structured output', async () => {
    const j = await judge({ judgeOutput: 'tagged' });
    fake.behave = () => ({
      text: '<items>a</items><adjustment>0</adjustment><total>3</total><rationale>只写出原函数</rationale>',
    });
    const run = (
      await researcher.post('/api/judging/runs').send({ judgeModelId: j.id, questionId: q7 })
    ).body;
    expect(await finished(run.id)).toMatchObject({ scored: 6, failedJudgements: 0 });
    expect(fake.requests.every((r) => (r.body as Body).response_format === undefined)).toBe(true);
    expect(JSON.stringify(fake.requests[0].body)).toContain('<total>');
  });

  it('refuses a model not registered as a judge, and a run with no scope', async () => {
    const plain = (
      await researcher
        .post('/api/models')
        .send({ name: 'plain', baseUrl: fake.url, modelId: 'x', modality: 'text' })
    ).body;
    const r = await researcher
      .post('/api/judging/runs')
      .send({ judgeModelId: plain.id, sourceRunId });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('judge.not_a_judge');
    expect(
      (await researcher.put(`/api/models/${plain.id}/judge`).send({ isJudge: true })).body,
    ).toMatchObject({ isJudge: true });
    const noScope = await researcher.post('/api/judging/runs').send({ judgeModelId: plain.id });
    expect(noScope.body.code).toBe('judge.scope_required');
  });

  it('never serves a judge read to a teacher before their own read; afterwards only as the question allows; never the model', async () => {
    const j = await judge({ name: 'Fake Judge Name' });
    await finished(
      (await researcher.post('/api/judging/runs').send({ judgeModelId: j.id, sourceRunId })).body
        .id,
    );
    const teachers: Agent[] = [];
    for (const name of ['t1', 't2', 'senior1']) {
      teachers.push(
        await t.as(name.startsWith('senior') ? ['teacher', 'senior_teacher'] : 'teacher', name),
      );
      const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = $1`, [name]);
      await admin.post('/api/admin/assignments').send({ userId: id, questionIds: [q7] });
    }
    const [t1, t2, senior] = teachers;
    const task = (await t1.post(`/api/marking/questions/${q7}/next`)).body;
    const ask = (who: Agent) => who.get(`/api/marking/tasks/${task.taskId}/judge`);
    const setting = (visibility: string) =>
      researcher.put(`/api/judging/questions/${q7}/visibility`).send({ visibility });

    expect((await ask(t1)).body.code).toBe('judge.hidden'); // the default
    expect((await setting('after_own_read')).status).toBe(200);
    const before = await ask(t1);
    expect(before.status).toBe(403);
    expect(before.body.code).toBe('judge.own_read_first');
    expect(JSON.stringify(before.body)).not.toMatch(/points|rationale/);

    expect(
      (
        await t1
          .post(`/api/marking/tasks/${task.taskId}/marks`)
          .send({ leaseToken: task.leaseToken, appliedItems: ['a'] })
      ).status,
    ).toBe(201);
    const after = await ask(t1);
    expect(after.status).toBe(200);
    expect(after.body.judgements).toHaveLength(1);
    expect(after.body.judgements[0]).toMatchObject({ maxPoints: 6 });
    const text = JSON.stringify(after.body);
    for (const leak of [SECRET_MODEL, 'Fake Judge Name', 'fake-judge', j.id, sourceRunId])
      expect(text).not.toContain(leak);
    // another teacher who has not read it sees nothing
    expect((await ask(t2)).body.code).toBe('judge.own_read_first');

    expect((await setting('seniors_only')).status).toBe(200);
    expect((await ask(t1)).body.code).toBe('judge.seniors_only');
    // a senior who has not read it and is not arbitrating it: not yet
    expect((await ask(senior)).body.code).toBe('judge.own_read_first');
    // teachers may not change the setting
    expect(
      (await t1.put(`/api/judging/questions/${q7}/visibility`).send({ visibility: 'hidden' }))
        .status,
    ).toBe(403);
  });
});
