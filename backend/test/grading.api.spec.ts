import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GradingService } from '../src/grading/grading.service';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { FakeOpenAI } from './support/fake-openai';
import { Agent, startTestApp, TestApp } from './test-app';

const CLI = join(__dirname, '../dist/cli/main.js');
const COLLECTION = {
  isWorker: false,
  leaseSeconds: 60,
  maxAttempts: 3,
  timeoutMs: 2000,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
};

const single = { type: 'single_choice', options: ['A', 'B', 'C', 'D'], key: 'C', points: 5 };
const batchLine = (o: object) => JSON.stringify(o);

describe('auto-grading', () => {
  let t: TestApp;
  let fake: FakeOpenAI;
  let http: Agent;

  beforeAll(async () => {
    fake = await new FakeOpenAI().start();
    t = await startTestApp({ collection: COLLECTION, gradingExtractorModel: 'extractor' });
  });
  beforeEach(async () => {
    await t.truncateAll();
    await t.reset();
    http = await t.as(['author', 'researcher']);
    await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  const importAnswers = async (answers: Record<string, string>) => {
    const text = Object.entries(answers)
      .map(([question, response]) =>
        JSON.stringify({ paper: 'test-mini-paper', model: 'harness', question, response }),
      )
      .join('\n');
    const res = await http
      .post('/api/runs/import')
      .attach('file', Buffer.from(text), 'answers.jsonl');
    expect(res.status).toBe(201);
    return res.body.runId as string;
  };
  const gradesOf = async (runId: string, query = '') => {
    const rows = (await http.get(`/api/runs/${runId}/answers${query}`)).body as {
      questionNumber: string;
      grades: Record<string, unknown>[] | null;
    }[];
    return Object.fromEntries(rows.map((r) => [r.questionNumber, r.grades]));
  };

  describe('POST /api/grading/batch', () => {
    it('grades JSONL lines with their questions inline and answers JSONL, one result per line', async () => {
      const body = [
        batchLine({ id: 'a', question: single, response: '选A……最终答案：C' }),
        batchLine({
          id: 'b',
          question: {
            ...single,
            type: 'multiple_choice',
            key: 'ACD',
            points: 6,
            policy: { rule: 'subset_fixed', partialPoints: 3 },
          },
          response: '【答案】A、C',
        }),
        batchLine({
          id: 'c',
          question: { type: 'fill_blank', key: [['\\frac{1}{2}', '0.5']], points: 4 },
          response: '【第1空】2/4',
        }),
        batchLine({ id: 'd', question: single, response: 'The passage does not say.' }),
      ].join('\n');
      const res = await http
        .post('/api/grading/batch')
        .set('Content-Type', 'application/x-ndjson')
        .send(body);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
      const out = res.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(out.map((r) => [r.id, r.status, r.score, r.extracted, r.method])).toEqual([
        ['a', 'correct', 5, 'C', 'anchor-zh'],
        ['b', 'partial', 3, 'AC', 'tag'],
        ['c', 'correct', 4, ['2/4'], 'tag'],
        ['d', 'unparsed', null, null, 'last-line'],
      ]);
      expect(out[0]).toMatchObject({
        maxScore: 5,
        region: 'C',
        graderVersion: expect.stringMatching(/^yj-grader@/),
      });
    });

    it('rejects the whole batch naming line and field, and grades nothing', async () => {
      const body = [
        batchLine({ question: single, response: 'C' }),
        batchLine({ question: { ...single, key: 'E' }, response: 'E' }),
        '{oops',
      ].join('\n');
      const res = await http
        .post('/api/grading/batch')
        .set('Content-Type', 'application/x-ndjson')
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { line: 2, field: 'question.key', message: 'must be one of the option labels' },
        { line: 3, field: '', message: expect.stringMatching(/^not JSON/) },
      ]);
      const json = await http.post('/api/grading/batch').send({ lines: [] });
      expect(json.status).toBe(415);
      const teacher = await t.as('teacher', 'grader-t');
      expect(
        (
          await teacher
            .post('/api/grading/batch')
            .set('Content-Type', 'application/x-ndjson')
            .send(body)
        ).status,
      ).toBe(403);
    });
  });

  it('grades stored answers on import: every objective part explained, subjective ones left to teachers', async () => {
    const runId = await importAnswers({
      '1': '【答案】A',
      '2': '【答案】B',
      '3': '【答案】错误',
      '4': '【第1空】0.5\n【第2空】1/2',
      '5-6': '【答案5】C\n【答案6】因为……',
      '7': 'x=3',
    });
    const g = await gradesOf(runId);
    expect(g['1']).toMatchObject([
      {
        status: 'correct',
        score: 5,
        maxScore: 5,
        extracted: 'A',
        key: 'A',
        method: 'tag',
        isChanged: false,
      },
    ]);
    expect(g['2']).toMatchObject([{ status: 'partial', extracted: 'B', key: 'AB' }]);
    expect(g['3']).toMatchObject([
      { status: 'wrong', score: 0, extracted: false, explanation: 'false, the key is true' },
    ]);
    // the reason travels as a code with its parameters, for the client to word in the reader's language
    expect(g['3']).toMatchObject([
      {
        reason: {
          code: 'score.wrong',
          params: { answer: 'false', key: 'true' },
          trace: expect.any(Array),
        },
      },
    ]);
    expect(g['4']).toMatchObject([{ status: 'correct', score: 4, extracted: ['0.5', '1/2'] }]);
    expect(g['5-6']).toMatchObject([{ number: '5', status: 'correct', score: 2, extracted: 'C' }]);
    expect(g['7']).toBeNull();
    // Grading is idempotent: nothing new to grade, nothing appended.
    const before = await t.count('auto_grades');
    expect(await t.count('grading_queue')).toBe(0);
    expect((await t.app.get(GradingService).catchUp()).graded).toBe(0);
    expect(await t.count('auto_grades')).toBe(before);
    // References are checked per statement (no per-row foreign key): a grade for an answer or a
    // question that does not exist is refused, and a graded answer or question cannot be deleted.
    const [graded] = await t.db.query(`SELECT response_id, question_id FROM auto_grades LIMIT 1`);
    const insertGrade = (responseId: string, questionId: string) =>
      t.db.query(
        `INSERT INTO auto_grades (response_id, question_id, max_score, status, method, grader_version)
         VALUES ($1, $2, 1, 'wrong', 'test', 'test'), ($3, $4, 1, 'wrong', 'test', 'test')`,
        [graded.response_id, graded.question_id, responseId, questionId],
      );
    await expect(insertGrade(randomUUID(), graded.question_id)).rejects.toThrow(/does not exist/);
    await expect(insertGrade(graded.response_id, randomUUID())).rejects.toThrow(/does not exist/);
    await expect(
      t.db.query(`DELETE FROM responses WHERE id = $1`, [graded.response_id]),
    ).rejects.toThrow(/has grades/);
    await expect(
      t.db.query(`DELETE FROM questions WHERE id = $1`, [graded.question_id]),
    ).rejects.toThrow(/has grades/);
    await expect(
      t.db.query(
        `INSERT INTO marking_tasks (response_id, question_id, shuffle_key) VALUES ($1, $2, 0)`,
        [randomUUID(), graded.question_id],
      ),
    ).rejects.toThrow(/marking_tasks: answer .* does not exist/);
    expect(await t.count('auto_grades')).toBe(before);
  });

  it('marks the trace steps that changed how an answer was read, for the client to word', async () => {
    const runId = await importAnswers({ '1': '<think>maybe A, maybe C</think>\n【答案】A' });
    const [grade] = (await gradesOf(runId))['1'] as {
      reason: { trace: { code: string; notable?: boolean }[] };
    }[];
    const dropped = grade.reason.trace.find((s) => s.code === 'clean.reasoning-dropped');
    expect(dropped).toMatchObject({ notable: true });
    // plain steps carry no mark
    expect(
      grade.reason.trace
        .filter((s) => s.code === 'region.found')
        .every((s) => s.notable === undefined),
    ).toBe(true);
  });

  it('an erratum to a key re-grades from stored answers, appends, reports old and new, and is audited', async () => {
    const runId = await importAnswers({ '1': '【答案】B', '2': '【答案】AB' });
    const rows = await t.db.query(`SELECT id, number FROM questions WHERE number = '1'`);
    const res = await http
      .post('/api/grading/key-corrections')
      .send({ questionId: rows[0].id, key: 'B', reason: '官方勘误：第1题答案为B' });
    expect(res.status).toBe(201);
    expect(res.body.changes).toEqual([
      expect.objectContaining({
        questionNumber: '1',
        model: 'harness',
        old: { score: 0, status: 'wrong', extracted: 'B' },
        new: { score: 5, status: 'correct', extracted: 'B' },
      }),
    ]);
    expect((await gradesOf(runId))['1']).toMatchObject([
      { status: 'correct', key: 'B', isChanged: true },
    ]);
    expect(Object.keys(await gradesOf(runId, '?grade=changed'))).toEqual(['1']);
    expect(await t.count('auto_grades')).toBe(3); // two first grades, one appended
    await expect(t.db.query(`UPDATE auto_grades SET score = 0`)).rejects.toThrow(/append-only/);
    const [audit] = await t.db.query(
      `SELECT action, after FROM audit_events WHERE action = 'key_correction'`,
    );
    expect(audit.after).toMatchObject({ key: 'B', reason: '官方勘误：第1题答案为B' });
    // The same re-grade again changes nothing; a bad key is refused with its field.
    expect((await http.post('/api/grading/regrade').send({ runId })).body).toEqual({
      checked: 2,
      changes: [],
    });
    const bad = await http
      .post('/api/grading/key-corrections')
      .send({ questionId: rows[0].id, key: 'E', reason: 'typo' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'key', message: 'must be one of the option labels' },
    ]);
  });

  it('asks the configured LLM extractor only what the rules cannot read, caches it, and records the method', async () => {
    fake.behave = () => ({ text: 'A' });
    await http
      .post('/api/models')
      .send({ name: 'extractor', baseUrl: fake.url, modelId: 'fake-extractor', modality: 'text' });
    const runId = await importAnswers({
      '1': '我觉得第一个选项最合理，也就是北京那个。',
      '3': '【答案】正确',
    });
    const g = await gradesOf(runId, '');
    expect(g['1']).toMatchObject([{ status: 'correct', extracted: 'A', method: 'llm:extractor' }]);
    expect(g['3']).toMatchObject([{ status: 'correct', method: 'tag' }]);
    expect(fake.requests).toHaveLength(1);
    expect(JSON.stringify(fake.requests[0].body.messages)).toContain('北京那个');
    // A re-grade reads the cache: no second call.
    await http.post('/api/grading/regrade').send({ runId });
    expect(fake.requests).toHaveLength(1);
    // An extractor that finds nothing leaves the answer unparsed for a teacher; never a default letter.
    fake.behave = () => ({ text: 'NONE' });
    const second = await importAnswers({ '1': '这道题我不会。' });
    expect((await gradesOf(second, '?grade=unparsed'))['1']).toMatchObject([
      { status: 'unparsed', score: null, method: 'llm:extractor' },
    ]);
    const [{ queued }] = await t.db.query(
      `SELECT count(*)::int AS queued FROM marking_tasks t JOIN responses r ON r.id = t.response_id WHERE r.run_id = $1`,
      [second],
    );
    expect(queued).toBe(1);
  });

  it('queues for teachers, with its grade, an answer that a re-grade can no longer read', async () => {
    const runId = await importAnswers({ '1': '这道题我不会。', '3': '我不确定。' });
    const tasks = () =>
      t.db.query(
        `SELECT q.number, t.state FROM marking_tasks t JOIN questions q ON q.id = t.question_id JOIN responses r ON r.id = t.response_id
         WHERE r.run_id = $1 ORDER BY q.number`,
        [runId],
      );
    // Graded unparsed: queued in the grading transaction itself.
    expect(await tasks()).toEqual([
      { number: '1', state: 'open' },
      { number: '3', state: 'open' },
    ]);
    // The state an older grader that misread question 3 as wrong would have left: its grade is the
    // latest and nothing was queued. A re-grade reads it as unparsed and queues it with that grade.
    const [q3] = await t.db.query(`SELECT id FROM questions WHERE number = '3'`);
    await t.db.query(`DELETE FROM marking_tasks WHERE question_id = $1`, [q3.id]);
    await t.db.query(
      `INSERT INTO auto_grades (response_id, question_id, score, max_score, status, method, grader_version)
       SELECT response_id, question_id, 0, max_score, 'wrong', 'last-line', 'older' FROM auto_grades WHERE question_id = $1`,
      [q3.id],
    );
    const res = await http.post('/api/grading/regrade').send({ runId });
    expect(res.body.changes).toEqual([
      expect.objectContaining({
        questionNumber: '3',
        old: expect.objectContaining({ status: 'wrong' }),
        new: expect.objectContaining({ status: 'unparsed' }),
      }),
    ]);
    expect(await tasks()).toEqual([
      { number: '1', state: 'open' },
      { number: '3', state: 'open' },
    ]);
  });

  it('the CLI grades a JSONL file without a database and refuses a bad one with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yj-grade-'));
    writeFileSync(
      join(dir, 'in.jsonl'),
      [
        batchLine({ id: 1, question: single, response: '\\boxed{C}' }),
        batchLine({ id: 2, question: single, response: 'B' }),
      ].join('\n'),
    );
    const env = { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' };
    const ok = spawnSync(
      process.execPath,
      [CLI, 'grade', join(dir, 'in.jsonl'), '--out', join(dir, 'out.jsonl')],
      {
        env,
        encoding: 'utf8',
      },
    );
    expect(ok.status).toBe(0);
    expect(ok.stderr).toContain('graded 2: 1 correct, 0 partial, 1 wrong, 0 unparsed; 5/10 points');
    const out = readFileSync(join(dir, 'out.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((r) => [r.id, r.status, r.method])).toEqual([
      [1, 'correct', 'boxed'],
      [2, 'wrong', 'last-line'],
    ]);
    writeFileSync(
      join(dir, 'bad.jsonl'),
      batchLine({ question: { type: 'essay' }, response: 'x' }),
    );
    const bad = spawnSync(process.execPath, [CLI, 'grade', join(dir, 'bad.jsonl')], {
      env,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('bad.jsonl:1 question.type: must be one of');
  });
});
