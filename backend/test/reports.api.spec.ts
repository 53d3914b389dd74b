import { Workbook } from 'exceljs';
import { parse } from 'papaparse';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { importRun } from './support/answers';
import { Agent, startTestApp, TestApp } from './test-app';

const COLLECTION = {
  isWorker: false,
  leaseSeconds: 60,
  maxAttempts: 3,
  timeoutMs: 1000,
  backoffBaseMs: 10,
  backoffMaxMs: 100,
};
// Four students on the mini paper (units 1 (5), 2 (5), 3 (2), 4 (4), 5 (2), 6 (4), 7 (6)).
const MATRIX = [
  'student,1,2,3,4,5,6,7',
  'S001,5,5,2,4,2,4,6',
  'S002,5,0,2,2,0,1,3',
  'S003,0,2,0,0,2,2,0',
  'S004,0,0,2,4,0,0,1.5',
].join('\n');

interface Figure {
  entryKey: string;
  dimension: string;
  value: string;
  questions: number;
  leftOut: Record<string, number>;
  modelRate: number | null;
  cohortRate: number | null;
  diff: number | null;
  ci: [number, number] | null;
  verdict: string | null;
  percentile: number | null;
  coverage: Record<string, number>;
  agreement: { n: number } | null;
  change: { diff: number; ci: [number, number] | null } | null;
}

describe('report: models against students', () => {
  let t: TestApp;
  let http: Agent;
  let runs: string[];
  let modelId: string;

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION });
    await t.truncateAll();
    await t.reset();
    http = await t.as(['author', 'researcher']);
    await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
    const [{ id: paperId }] = await t.db.query(`SELECT id FROM paper_versions`);
    expect(
      (
        await http
          .post('/api/cohorts')
          .field('paperVersionId', paperId)
          .field('name', '四人班')
          .attach('file', Buffer.from(MATRIX), 'c.csv')
      ).status,
    ).toBe(201);
    const run = (answers: Record<string, string>, name: string) => importRun(http, answers, name);
    runs = [
      await run({ '1': '答案：A', '2': '答案：C', '7': '原函数 x^2/2，代入得 1/2' }, 'first'),
      await run({ '1': '答案：A', '2': '答案：AB', '7': '1/2' }, 'second'),
    ];
    [{ id: modelId }] = await t.db.query(`SELECT id FROM ai_models WHERE name = 'alpha'`);
  });
  afterAll(() => t.close());

  const report = async (query = '') => {
    const res = await http.get(`/api/reports${query}`);
    expect(res.status).toBe(200);
    return res.body as {
      figures: Figure[];
      cohorts: { isSynthetic: boolean }[];
      heatMap: unknown[];
      entries: { key: string }[];
    };
  };
  const fig = (r: { figures: Figure[] }, run: number, dimension: string, value: string) =>
    r.figures.find(
      (f) =>
        f.entryKey === `${runs[run]}:${modelId}` && f.dimension === dimension && f.value === value,
    )!;

  it('compares on scored questions only, pending points apart, with an interval and the percentile', async () => {
    const r = await report(`?runIds=${runs[0]}`);
    expect(r.entries).toHaveLength(1);
    const f = fig(r, 0, 'overall', 'all');
    // Model 5 + 0 of 10; students' means 2.5 + 1.75 of 10.
    expect(f.modelRate).toBeCloseTo(0.5, 10);
    expect(f.cohortRate).toBeCloseTo(0.425, 10);
    expect(f.diff).toBeCloseTo(0.075, 10);
    expect(f.ci![0]).toBeLessThanOrEqual(f.diff!);
    expect(f.ci![1]).toBeGreaterThanOrEqual(f.diff!);
    expect(f.verdict).toBe(f.ci![0] > 0 ? 'above' : f.ci![1] < 0 ? 'below' : 'tie');
    expect(f.coverage).toEqual({
      totalPoints: 16,
      scoredPoints: 10,
      pendingPoints: 6,
      notScoredPoints: 0,
      notApplicablePoints: 0,
    });
    // Students' totals on questions 1 and 2: 10, 5, 2, 0; the model's 5 is above two and ties one.
    expect(f.percentile).toBeCloseTo(62.5, 10);
    // The rates rest on questions 1 and 2; question 7 is pending and left out, and says so.
    expect(f.questions).toBe(2);
    expect(f.leftOut).toEqual({ pending: 1, notScored: 0, notApplicable: 0, noCohort: 0 });
    expect(fig(r, 0, 'objectivity', 'subjective')).toMatchObject({
      modelRate: null,
      coverage: { pendingPoints: 6 },
    });
    expect(r.cohorts).toEqual([expect.objectContaining({ isSynthetic: false, students: 4 })]);
  });

  it('counts a teacher’s mark once it is final, and the percentile follows the scored questions', async () => {
    const admin = await t.as('admin');
    const teacher = await t.as('teacher', 'marker-1');
    const [{ id: userId }] = await t.db.query(`SELECT id FROM users WHERE username = 'marker-1'`);
    const [{ id: q7 }] = await t.db.query(`SELECT id FROM questions WHERE number = '7'`);
    await admin.post('/api/admin/assignments').send({ userId, questionIds: [q7] });
    const [{ taskId }] = await t.db.query(
      `SELECT t.id::text AS "taskId" FROM marking_tasks t JOIN responses r ON r.id = t.response_id WHERE r.run_id = $1`,
      [runs[0]],
    );
    // Both runs' answers: the first run's earns 6 (items a and b), the second run's 3 (item a).
    for (let i = 0; i < 2; i++) {
      const next = (await teacher.post(`/api/marking/questions/${q7}/next`)).body;
      const items = next.taskId === taskId ? ['a', 'b'] : ['a'];
      expect(
        (
          await teacher
            .post(`/api/marking/tasks/${next.taskId}/marks`)
            .send({ leaseToken: next.leaseToken, appliedItems: items })
        ).status,
      ).toBe(201);
    }
    const f = fig(await report(`?runIds=${runs[0]}`), 0, 'overall', 'all');
    // Model 11 of 16; students' means 2.5 + 1.75 + 2.625 = 6.875 of 16.
    expect(f.modelRate).toBeCloseTo(11 / 16, 10);
    expect(f.diff).toBeCloseTo((11 - 6.875) / 16, 10);
    expect(f.coverage.pendingPoints).toBe(0);
    // Totals on 1, 2, 7: 16, 8, 2, 1.5; 11 is above three of four.
    expect(f.percentile).toBeCloseTo(75, 10);
    expect(
      fig(await report(`?runIds=${runs[0]}`), 0, 'objectivity', 'subjective').agreement,
    ).toMatchObject({ n: 0 });
  });

  it('gives the change since the same model’s previous run, and drills down to the answers and marks', async () => {
    const r = await report();
    expect(r.entries).toHaveLength(2);
    const f = fig(r, 1, 'overall', 'all');
    // Question 1 unchanged, 2 from 0 to 5 points, 7 from 6 to 3: +2 of 16.
    expect(f.change!.diff).toBeCloseTo(2 / 16, 10);
    expect(fig(r, 0, 'overall', 'all').change).toBeNull();
    const drill = await http.get(
      `/api/reports/drill?entry=${runs[0]}:${modelId}&dimension=objectivity&value=subjective`,
    );
    expect(drill.status).toBe(200);
    expect(drill.body).toEqual([
      expect.objectContaining({
        number: '7',
        state: 'scored',
        score: 6,
        maxPoints: 6,
        marks: [expect.objectContaining({ kind: 'first', points: 6 })],
      }),
    ]);
    expect(
      (await http.get(`/api/reports/drill?entry=${runs[0]}:${modelId}&dimension=tag&value=nothing`))
        .status,
    ).toBe(404);
    expect((await http.get(`/api/reports?runIds=not-a-uuid`)).status).toBe(400);
    const badEntry = await http.get(`/api/reports/drill?entry=abc&dimension=overall&value=all`);
    expect(badEntry.status).toBe(400);
    expect(JSON.stringify(badEntry.body)).toMatch(/entry must be runId:modelId/);
  });

  it('exports CSV and XLSX (summary, by subject, by split, by question, marks) that read back to the same figures', async () => {
    const r = await report(`?runIds=${runs[0]}`);
    const overall = fig(r, 0, 'overall', 'all');
    const csv = await http.get(`/api/reports/export.csv?runIds=${runs[0]}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const rows = parse<Record<string, string>>(csv.text.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const row = rows.find((x) => x.dimension === 'overall')!;
    expect(Number(row.model_rate)).toBeCloseTo(overall.modelRate!, 4);
    expect(Number(row.difference)).toBeCloseTo(overall.diff!, 4);
    expect(row.cohort).toBe('real');
    expect(row.model).toBe('alpha');

    const xlsx = await http
      .get(`/api/reports/export.xlsx?runIds=${runs[0]}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const wb = new Workbook();
    await wb.xlsx.load(xlsx.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'summary',
      'by subject',
      'by split',
      'by question',
      'marks',
    ]);
    const summary = wb.getWorksheet('summary')!;
    const header = (summary.getRow(1).values as string[]).slice(1);
    const first = (summary.getRow(2).values as (string | number)[]).slice(1);
    expect(first[header.indexOf('model_rate')]).toBeCloseTo(overall.modelRate!, 4);
    expect(wb.getWorksheet('by question')!.rowCount).toBe(1 + r.heatMap.length);
    expect(wb.getWorksheet('marks')!.getRow(2).getCell(7).value).toBe(6);
  });

  it('takes a chosen cohort for its paper in place of the newest, and narrows by model and paper', async () => {
    const [{ id: paperId }] = await t.db.query(`SELECT id FROM paper_versions`);
    const [{ id: first }] = await t.db.query(`SELECT id FROM cohorts`);
    const zeros = [
      'question,count,mean',
      ...['1', '2', '3', '4', '5', '6', '7'].map((n) => `${n},10,0`),
    ].join('\n');
    const imported = await http
      .post('/api/cohorts')
      .field('paperVersionId', paperId)
      .field('name', '零分班')
      .attach('file', Buffer.from(zeros), 'z.csv');
    expect(imported.status).toBe(201);
    // By default the newest cohort: students scored nothing.
    expect(fig(await report(`?runIds=${runs[0]}`), 0, 'overall', 'all').cohortRate).toBe(0);
    // Chosen: the four students again (means 2.5 + 1.75 + 2.625 of 16).
    const chosen = await report(`?runIds=${runs[0]}&cohortIds=${first}`);
    expect(fig(chosen, 0, 'overall', 'all').cohortRate).toBeCloseTo(6.875 / 16, 10);
    expect(chosen.cohorts).toEqual([expect.objectContaining({ students: 4 })]);
    const other = '00000000-0000-4000-8000-000000000000';
    expect((await report(`?modelIds=${modelId}`)).entries).toHaveLength(2);
    expect((await report(`?modelIds=${other}`)).entries).toHaveLength(0);
    expect((await report(`?paperVersionIds=${paperId}`)).heatMap.length).toBeGreaterThan(0);
    // A paper or subject the runs did not answer leaves no rows (not empty ones).
    const noPaper = await report(`?paperVersionIds=${other}`);
    expect(noPaper.entries).toHaveLength(0);
    expect(noPaper.figures).toHaveLength(0);
    expect((await report(`?subjects=history`)).entries).toHaveLength(0);
    expect((await report(`?subjects=math`)).entries).toHaveLength(2);
  });
});
