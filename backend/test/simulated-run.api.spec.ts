/**
 * Simulated answers (ai_models.is_simulated): a line that says `"simulated": true` marks its model
 * simulated, in the model list the models page and the report read; the demo's simulated K12 run
 * (exam-papers/recorded-runs/simulated/) loads as such; a file in that folder with a line that does
 * not say so is refused whole.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnswersImportService } from '../src/collection/answers-import.service';
import { GradingService } from '../src/grading/grading.service';
import { SamplesService } from '../src/papers/samples.service';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { Agent, startTestApp, TestApp } from './test-app';

describe('simulated answers', () => {
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

  const upload = (lines: object[]) =>
    http
      .post('/api/runs/import')
      .attach(
        'file',
        Buffer.from(
          lines
            .map((o) => JSON.stringify({ paper: 'test-mini-paper', question: '2', ...o }))
            .join('\n'),
        ),
        'a.jsonl',
      );
  const models = async () =>
    Object.fromEntries(
      ((await http.get('/api/models')).body as { name: string; isSimulated: boolean }[]).map(
        (m) => [m.name, m.isSimulated],
      ),
    );

  it('marks a model simulated when its lines say so, and only then', async () => {
    expect(
      (
        await upload([
          { model: 'sim-a', response: '【答案】A', simulated: true },
          { model: 'real-b', response: '【答案】B' },
        ])
      ).status,
    ).toBe(201);
    expect(await models()).toEqual({ 'real-b': false, 'sim-a': true });
  });

  it('refuses a "simulated" that is not true or false, naming the line and field', async () => {
    const res = await upload([{ model: 'sim-a', response: 'A', simulated: 'yes' }]);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ line: 1, field: 'simulated' });
    expect(await models()).toEqual({});
  });

  it('loads the shipped simulated K12 run as a simulated model, every answer graded', async () => {
    const samples = t.app.get(SamplesService);
    await samples.importFolders(
      samples.sampleDirs().filter((d) => /(cmath|e-eval|tal-scq5k)-/.test(d)),
      true,
    );
    const n = await t.app
      .get(AnswersImportService)
      .importSimulatedRuns(join(__dirname, '../../exam-papers/recorded-runs/simulated'));
    expect(n).toBe(454);
    expect(await models()).toEqual({ 'yuejuan-sim-k12': true });
    const runs = (await http.get('/api/runs')).body;
    expect(runs).toEqual([
      expect.objectContaining({
        name: 'yuejuan-sim-k12 · simulated run',
        status: 'imported',
        total: n,
        done: n,
      }),
    ]);
    // Graded like any imported answers (waiting for a grading pass already under way, if any).
    await t.app.get(GradingService).catchUp({ wait: true });
    const [{ graded }] = await t.db.query(
      `SELECT count(DISTINCT g.response_id)::int AS graded FROM auto_grades g JOIN responses r ON r.id = g.response_id WHERE r.run_id = $1`,
      [runs[0].id],
    );
    expect(graded).toBe(n);
  });

  it('refuses a file in the simulated folder whose lines do not all say simulated, storing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    writeFileSync(
      join(dir, 'x.jsonl'),
      [
        { paper: 'test-mini-paper', question: '2', model: 'x', response: 'A', simulated: true },
        { paper: 'test-mini-paper', question: '3', model: 'x', response: 'B' },
      ]
        .map((o) => JSON.stringify(o))
        .join('\n'),
    );
    await expect(t.app.get(AnswersImportService).importSimulatedRuns(dir)).rejects.toMatchObject({
      errors: [expect.objectContaining({ file: 'x.jsonl', line: 2, field: 'simulated' })],
    });
    const [{ runs }] = await t.db.query(`SELECT count(*)::int AS runs FROM runs`);
    expect(runs).toBe(0);
  });
});
