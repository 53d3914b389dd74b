import { JudgeImportService } from '../src/judging/judge-import.service';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { importRun } from './support/answers';
import { startTestApp, TestApp } from './test-app';

/**
 * Recorded judgements against the real database: each line finds the answer it read (paper by
 * slug, question, answer model, sample), the recorded judge is registered once as an imported
 * judge, a score beyond the question's points is stored as a failed read, a line with no answer
 * here is reported, and importing the file again records nothing twice.
 */
describe('importing recorded judgements', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.truncateAll();
    await t.reset();
    const http = await t.as(['author', 'researcher']);
    expect(
      (await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip')).status,
    ).toBeLessThan(300);
    await importRun(http, { '1': '【答案】A', '3': '【答案】正确' }, 'recorded answers');
  });
  afterAll(() => t.close());

  const line = (o: object) =>
    JSON.stringify({
      paper: 'test-mini-paper',
      judge: 'recorded judge',
      judgeModelId: 'judge-1',
      template: 'bench-correction',
      answerModel: 'alpha',
      rationale: '判分理由',
      provenance: { dataset: 'unit', file: 'x.json', index: 0 },
      ...o,
    });
  const file = [
    line({ question: '1', points: 5 }),
    line({ question: '3', points: 9 }),
    line({ question: '4', points: 1 }),
  ].join('\n');

  it('stores one read per answered line, fails an out-of-range score, reports the missing answer, and is idempotent', async () => {
    const importer = t.app.get(JudgeImportService);
    expect(await importer.importFile('a-judge.jsonl', file)).toEqual({
      file: 'a-judge.jsonl',
      imported: 2,
      skipped: 0,
      missing: [{ line: 3, paper: 'test-mini-paper', question: '4' }],
    });
    const reads = await t.db.query(
      `SELECT q.number, j.status, j.failure_code AS code, j.points::float, j.max_points::float AS max, m.is_imported AS imported, m.is_judge AS judge
       FROM judge_reads j JOIN questions q ON q.id = j.question_id JOIN ai_models m ON m.id = j.judge_model_id ORDER BY q.ordinal`,
    );
    expect(reads).toEqual([
      { number: '1', status: 'scored', code: null, points: 5, max: 5, imported: true, judge: true },
      {
        number: '3',
        status: 'failed',
        code: 'judge.total_out_of_range',
        points: null,
        max: 2,
        imported: true,
        judge: true,
      },
    ]);
    expect(await importer.importFile('a-judge.jsonl', file)).toMatchObject({
      imported: 0,
      skipped: 2,
    });
    expect(await t.count('judge_reads')).toBe(2);
  });
});
