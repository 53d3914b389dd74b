import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AnswersImportService } from '../src/collection/answers-import.service';
import { SamplesService } from '../src/papers/samples.service';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { Agent, startTestApp, TestApp } from './test-app';

describe('importing answers produced elsewhere', () => {
  let t: TestApp;
  let http: Agent;

  beforeAll(async () => {
    t = await startTestApp({
      collection: {
        isWorker: false,
        leaseSeconds: 60,
        maxAttempts: 3,
        timeoutMs: 1000,
        backoffBaseMs: 10,
        backoffMaxMs: 100,
      },
    });
  });
  beforeEach(async () => {
    await t.truncateAll();
    await t.reset();
    http = await t.as(['author', 'researcher']);
    await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
  });
  afterAll(() => t.close());

  const upload = (text: string, query = '') =>
    http.post(`/api/runs/import${query}`).attach('file', Buffer.from(text), 'answers.jsonl');
  const line = (o: object) =>
    JSON.stringify({ paper: 'test-mini-paper', model: 'other-harness', ...o });

  it('stores a JSONL file as an imported run with answers, tokens and the models it names', async () => {
    const res = await upload(
      [
        line({
          question: '2',
          response: '【答案】AB',
          usage: { prompt_tokens: 10, completion_tokens: 3 },
        }),
        line({ question: '7', response: '1/2', sample: 1 }),
        '',
      ].join('\n'),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 2, skipped: 0 });
    const progress = (await http.get(`/api/runs/${res.body.runId}`)).body;
    expect(progress).toMatchObject({
      status: 'imported',
      models: [{ name: 'other-harness', answered: 2, tokensIn: 10, tokensOut: 3 }],
    });
    const answers = (await http.get(`/api/runs/${res.body.runId}/answers`)).body;
    expect(
      answers.map((a: { questionNumber: string; text: string }) => [a.questionNumber, a.text]),
    ).toEqual([
      ['2', '【答案】AB'],
      ['7', '1/2'],
    ]);
  });

  it('rejects the whole file, naming each bad line and field, and stores nothing', async () => {
    const res = await upload(
      [
        line({ question: '2', response: 'A' }),
        '{not json',
        line({ question: '99', response: 'x' }),
        line({ response: 'x' }),
        line({ question: '3', response: 'x', sample: -1, colour: 'red' }),
        line({ question: '2', response: 'again' }),
      ].join('\n'),
    );
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^answers rejected, nothing was stored/);
    const errs = res.body.errors.map(
      (e: { line: number; field?: string }) => `${e.line}:${e.field ?? ''}`,
    );
    expect(errs).toEqual(
      expect.arrayContaining(['2:', '4:question', '5:sample', '5:colour', '3:question', '6:']),
    );
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM runs`);
    expect(n).toBe(0);
  });

  it('reads the GAOKAO-Bench result format, matching items by provenance', async () => {
    const samples = t.app.get(SamplesService);
    await samples.importFolders(
      samples.sampleDirs().filter((d) => d.endsWith('gaokao-2022-national-b-math')),
      true,
    );
    // A result file in GAOKAO-Bench's own format: the paper's items by their upstream index, plus
    // three items of other years that the samples do not hold.
    const paper = parse(
      readFileSync(
        join(__dirname, '../../exam-papers/gaokao-2022-national-b-math/paper.yaml'),
        'utf8',
      ),
    );
    const indices = paper.sections[0].questions.map(
      (q: { provenance: { index: number } }) => q.provenance.index,
    );
    const doc = {
      keyword: '2010-2022_Math_I_MCQs',
      model_name: 'gpt-4-0314',
      example: [...indices, 0, 1, 2].map((index: number) => ({ index, model_output: `【答案】A` })),
    };
    const res = await http
      .post('/api/runs/import?format=gaokao-bench&model=GPT-4-0314')
      .attach('file', Buffer.from(JSON.stringify(doc)), 'gpt-4-0314_2010-2022_Math_I_MCQs.json');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: indices.length, skipped: 3 });
    const bad = await http
      .post('/api/runs/import?format=gaokao-bench')
      .attach('file', Buffer.from('{"rows": []}'), 'x.json');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ file: 'x.json', field: 'keyword' });
  });

  it('loads the recorded GPT-4-0314 run shipped with the samples', async () => {
    const samples = t.app.get(SamplesService);
    await samples.importFolders(samples.sampleDirs(), true);
    const n = await t.app
      .get(AnswersImportService)
      .importRecordedRuns(join(__dirname, '../../exam-papers/recorded-runs'));
    expect(n).toBeGreaterThanOrEqual(100);
    const runs = (await http.get('/api/runs')).body;
    expect(runs).toEqual([
      expect.objectContaining({
        name: 'GPT-4-0314 (GAOKAO-Bench) · recorded run',
        status: 'imported',
        total: n,
        done: n,
      }),
    ]);
  });
});
