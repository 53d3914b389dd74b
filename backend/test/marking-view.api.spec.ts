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

/** What a teacher sees around an answer: the question as the student saw it, the answer in a blind form, their own earlier mark. */
describe('the teacher’s view of a question and an answer', () => {
  let t: TestApp;
  let teacher: Agent;
  let other: Agent;
  let senior: Agent;
  let q1: string;
  let q7: string;

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION });
    await t.truncateAll();
    await t.reset();
    const admin = await t.as('admin', 'boss');
    const researcher = await t.as(['author', 'researcher'], 'res');
    expect(
      (await researcher.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip'))
        .status,
    ).toBeLessThan(300);
    const lines = [
      {
        question: '7',
        response:
          '<think>先求导再积分</think>\n解：原函数为 $\\frac{x^2}{2}$。<eoe>\n【答案】$\\frac{x^2}{2}$<eoa>',
      },
      { question: '1', response: '我不知道选哪个<|im_end|>' },
    ].map((l, i) => JSON.stringify({ paper: 'test-mini-paper', model: 'gpt-x', sample: i, ...l }));
    expect(
      (
        await researcher
          .post('/api/runs/import')
          .attach('file', Buffer.from(lines.join('\n')), 'a.jsonl')
      ).status,
    ).toBe(201);
    [{ id: q7 }] = await t.db.query(`SELECT id FROM questions WHERE number = '7'`);
    [{ id: q1 }] = await t.db.query(`SELECT id FROM questions WHERE number = '1'`);
    teacher = await t.as('teacher', 'wang');
    other = await t.as('teacher', 'li');
    senior = await t.as(['teacher', 'senior_teacher'], 'zhao');
    const [{ id }] = await t.db.query(`SELECT id FROM users WHERE username = 'wang'`);
    expect(
      (await admin.post('/api/admin/assignments').send({ userId: id, questionIds: [q7, q1] }))
        .status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  it('shows the image question with its figure, options and key; only to its markers and the seniors', async () => {
    const res = await teacher.get(`/api/marking/questions/${q1}/view`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      question: {
        number: '1',
        type: 'single_choice',
        answerKey: 'A',
        options: expect.arrayContaining([{ label: 'A', text: '$2$' }]),
      },
      parent: null,
      mode: 'single',
    });
    expect(res.body.question.images).toHaveLength(1);
    expect(res.body.question.images[0].url).toMatch(/^\/api\/assets\/[0-9a-f]{64}$/);
    // nothing of the paper's provenance or rubric rides along
    expect(res.body.question).not.toHaveProperty('provenance');
    expect(res.body.question).not.toHaveProperty('rubric');
    expect((await teacher.get(res.body.question.images[0].url)).status).toBe(200);
    expect((await other.get(`/api/marking/questions/${q1}/view`)).status).toBe(404);
    expect((await senior.get(`/api/marking/questions/${q1}/view`)).status).toBe(200);
  });

  it('serves answers without what would give a model away, keeping the raw text on record', async () => {
    const calc = (await teacher.post(`/api/marking/questions/${q7}/next`)).body;
    expect(calc.answer.text).toBe('解：原函数为 $\\frac{x^2}{2}$。\n$\\frac{x^2}{2}$');
    const choice = (await teacher.post(`/api/marking/questions/${q1}/next`)).body;
    expect(choice.answer.text).toBe('我不知道选哪个');
    const [raw] = await t.db.query(`SELECT text FROM responses WHERE text LIKE '%<eoa>%'`);
    expect(raw.text).toContain('<think>');
    // the queue row: what waits for me, what I read, reads in all, the mode
    const queue = (await teacher.get('/api/marking/questions')).body;
    expect(queue.find((q: { number: string }) => q.number === '7')).toMatchObject({
      forMe: 1,
      mine: 0,
      readsDone: 0,
      readsRequired: 1,
      mode: 'single',
      subject: 'math',
      isObjective: false,
    });
    // marked, then opened again: it comes with my mark
    expect(
      (
        await teacher
          .post(`/api/marking/tasks/${calc.taskId}/marks`)
          .send({ leaseToken: calc.leaseToken, appliedItems: ['a'] })
      ).status,
    ).toBe(201);
    const again = (await teacher.get(`/api/marking/tasks/${calc.taskId}`)).body;
    expect(again.previous).toMatchObject({ appliedItems: ['a'], points: 3 });
    expect(again.answer.text).not.toContain('<eoa>');
    const after = (await teacher.get('/api/marking/questions')).body.find(
      (q: { number: string }) => q.number === '7',
    );
    expect(after).toMatchObject({ forMe: 0, mine: 1, readsDone: 1, done: 1 });
    const history = (await teacher.get('/api/marking/history')).body;
    expect(history[0].excerpt).not.toMatch(/<think>|<eoe>|【答案】/);
  });

  it('gives the seniors the rubric and the rule as a code with its numbers', async () => {
    const choice = (await teacher.post(`/api/marking/questions/${q1}/next?resume=true`)).body;
    expect(
      (
        await teacher
          .post(`/api/marking/tasks/${choice.taskId}/problem`)
          .send({ leaseToken: choice.leaseToken, reason: '看不懂' })
      ).status,
    ).toBe(200);
    const desk = (await senior.get('/api/marking/senior/queue')).body;
    expect(desk).toHaveLength(1);
    expect(desk[0]).toMatchObject({
      state: 'problem',
      ruleCode: 'problem',
      ruleParams: {},
      questionId: q1,
      rubric: { mode: 'score', ceilingPoints: 5 },
      answerText: '我不知道选哪个',
    });
  });
});
