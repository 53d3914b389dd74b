import { Workbook } from 'exceljs';
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
// The mini paper's scored units: 1 (5), 2 (5), 3 (2), 4 (4), 5 (2), 6 (4), 7 (6).
const HEADER = 'student,1,2,3,4,5,6,7';
const MATRIX = [
  HEADER,
  'S001,5,5,2,4,2,4,6',
  'S002,5,0,2,2,0,1,3',
  'S003,0,2,0,0,2,2,0',
  'S004,0,0,2,4,0,0,1.5',
].join('\n');

async function xlsxOf(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('成绩');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('cohorts', () => {
  let t: TestApp;
  let http: Agent;
  let paperId: string;

  beforeAll(async () => {
    t = await startTestApp({ collection: COLLECTION });
  });
  beforeEach(async () => {
    await t.truncateAll();
    await t.reset();
    http = await t.as(['author', 'researcher']);
    await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'b.zip');
    [{ id: paperId }] = await t.db.query(`SELECT id FROM paper_versions`);
  });
  afterAll(() => t.close());

  const upload = (data: string | Buffer, name = 'results.csv', cohortName = '2024 届 高三') =>
    http
      .post('/api/cohorts')
      .field('paperVersionId', paperId)
      .field('name', cohortName)
      .attach('file', Buffer.from(data), name);

  it('imports a score matrix from CSV: pseudonymised students, per-question statistics and the totals distribution by SQL', async () => {
    const res = await upload(MATRIX);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'score_matrix',
      isSynthetic: false,
      students: 4,
      sourceFile: 'results.csv',
    });
    const q1 = res.body.questions.find((q: { number: string }) => q.number === '1');
    expect(q1).toMatchObject({ n: 4, mean: 2.5, maxPoints: 5, distribution: { '0': 2, '5': 2 } });
    expect(q1.sd).toBeCloseTo(2.887, 3); // stored to three decimals
    const pseudonyms = (await t.db.query(`SELECT pseudonym FROM cohort_students`)).map(
      (r: { pseudonym: string }) => r.pseudonym,
    );
    expect(pseudonyms).toHaveLength(4);
    for (const p of pseudonyms) expect(p).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(await t.db.query(`SELECT * FROM cohorts`))).not.toContain('S001');
    const [{ histogram, replicates }] = await t.db.query(
      `SELECT total_histogram AS histogram, student_replicates AS replicates FROM cohorts`,
    );
    expect(histogram).toEqual([
      [6, 1],
      [7.5, 1],
      [13, 1],
      [28, 1],
    ]);
    expect(replicates.means).toHaveLength(1000);
    expect(replicates.questionIds).toHaveLength(7);
  });

  it('reads the same matrix from XLSX', async () => {
    const rows = MATRIX.split('\n').map((l, i) =>
      l.split(',').map((c, j) => (i && j ? Number(c) : c)),
    );
    const res = await upload(await xlsxOf(rows), 'results.xlsx');
    expect(res.status).toBe(201);
    expect(res.body.students).toBe(4);
    expect(res.body.questions.find((q: { number: string }) => q.number === '7').mean).toBeCloseTo(
      2.625,
      6,
    );
  });

  it('imports per-question statistics with an optional distribution', async () => {
    const csv = [
      'question,count,mean,sd,distribution',
      '1,1000,3.1,2.4,0:380;5:620',
      '2,1000,2.5,2',
      '3,1000,1.2,',
      '4,1000,2,1',
      '5,1000,1,1',
      '6,1000,2,1',
      '7,1000,3,2',
    ].join('\n');
    const res = await upload(csv, 'stats.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'question_stats', students: 1000 });
    expect(res.body.questions[0]).toMatchObject({
      number: '1',
      n: 1000,
      mean: 3.1,
      sd: 2.4,
      distribution: { '0': 380, '5': 620 },
    });
  });

  it.each([
    [
      'an unknown question',
      MATRIX.replace(HEADER, 'student,1,2,3,4,5,6,7,99'),
      /row 1, column 99 \(I\): no question "99"/,
    ],
    [
      'a score above the maximum',
      MATRIX.replace('S002,5,0', 'S002,6,0'),
      /row 3, column 1 \(B\): score 6 is outside 0–5/,
    ],
    [
      'a missing column',
      MATRIX.split('\n')
        .map((l) => l.split(',').slice(0, 7).join(','))
        .join('\n'),
      /row 1, column 7: missing column for question "7"/,
    ],
    [
      'a duplicate student',
      MATRIX + '\nS002,0,0,0,0,0,0,0',
      /row 6, column student \(A\): duplicate student "S002" \(first on row 3\)/,
    ],
    [
      'a score that is not a number',
      MATRIX.replace('S003,0,2', 'S003,0,two'),
      /row 4, column 2 \(C\): "two" is not a number/,
    ],
    ['an empty score', MATRIX.replace('S003,0,2', 'S003,,2'), /row 4, column 1 \(B\): empty score/],
    [
      'a stats row over the maximum',
      'question,count,mean\n1,10,7',
      /row 2, column mean \(C\): mean must be a number within 0–5/,
    ],
    [
      'an unknown first column',
      'name,1\nx,1',
      /row 1, column name \(A\): the first column must be "student"/,
    ],
  ])('rejects %s, naming row and column, and stores nothing', async (_what, csv, message) => {
    await upload(MATRIX, 'ok.csv', 'kept');
    const before = await Promise.all(
      ['cohorts', 'cohort_students', 'cohort_question_stats'].map((x) => t.count(x)),
    );
    const res = await upload(csv, 'bad.csv');
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^cohort rejected, nothing was stored/);
    expect(res.body.message).toMatch(/bad\.csv/);
    expect(res.body.message).toMatch(message);
    expect(
      await Promise.all(
        ['cohorts', 'cohort_students', 'cohort_question_stats'].map((x) => t.count(x)),
      ),
    ).toEqual(before);
  });

  it('rejects a file that is neither CSV nor XLSX, and an unknown paper', async () => {
    expect((await upload(Buffer.from([0, 1, 2, 3]), 'x.bin')).status).toBe(415);
    expect((await upload(Buffer.from('not a zip'), 'x.xlsx')).status).toBe(415);
    const res = await http
      .post('/api/cohorts')
      .field('paperVersionId', '00000000-0000-4000-8000-000000000000')
      .field('name', 'x')
      .attach('file', Buffer.from(MATRIX), 'a.csv');
    expect(res.status).toBe(404);
  });

  it('generates a synthetic IRT cohort, labelled synthetic, the same students for the same paper', async () => {
    const a = (
      await http.post('/api/cohorts/synthetic').send({ paperVersionId: paperId, students: 200 })
    ).body;
    const b = (
      await http.post('/api/cohorts/synthetic').send({ paperVersionId: paperId, students: 200 })
    ).body;
    expect(a).toMatchObject({
      isSynthetic: true,
      students: 200,
      kind: 'score_matrix',
      name: expect.stringMatching(/Synthetic/),
    });
    expect(a.generator.model).toMatch(/IRT/);
    expect(a.questions.map((q: { mean: number }) => q.mean)).toEqual(
      b.questions.map((q: { mean: number }) => q.mean),
    );
    // Choice questions carry a guessing floor: the mean is above zero and below the maximum.
    for (const q of a.questions) expect(q.mean).toBeGreaterThan(0);
    expect(
      (await http.get('/api/cohorts')).body.filter((c: { isSynthetic: boolean }) => c.isSynthetic),
    ).toHaveLength(2);
  });

  it('puts students’ answers in the marking queue beside models’, with nothing that tells them apart', async () => {
    const cohort = (await upload(MATRIX)).body;
    const answers = [
      'student,question,answer',
      'S001,7,"原函数 x^2/2，代入得 1/2"',
      'S002,1,A',
      'S003,7,<b>不会</b>',
    ].join('\n');
    const res = await http
      .post(`/api/cohorts/${cohort.id}/answers`)
      .attach('file', Buffer.from(answers), 'answers.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 3 });
    expect(await t.db.query(`SELECT source_kind, outcome FROM responses`)).toHaveLength(3);
    // The objective answer is graded; the calculations wait for teachers.
    const [{ status }] = await t.db.query(`SELECT status FROM auto_grades`);
    expect(status).toBe('correct');
    const [{ id: q7 }] = await t.db.query(`SELECT id FROM questions WHERE number = '7'`);
    expect(await t.count('marking_tasks')).toBe(2);
    const admin = await t.as('admin');
    const teacher = await t.as('teacher', 'marker');
    const [{ id: userId }] = await t.db.query(`SELECT id FROM users WHERE username = 'marker'`);
    await admin.post('/api/admin/assignments').send({ userId, questionIds: [q7] });
    const next = await teacher.post(`/api/marking/questions/${q7}/next`);
    expect(next.status).toBe(200);
    const text = JSON.stringify(next.body).toLowerCase();
    for (const leak of ['student', 'cohort', 'source', 's001', 's003', 'model'])
      expect(text).not.toContain(leak);

    const bad = ['student,question,answer', 'S999,7,x', 'S001,99,y'].join('\n');
    const rejected = await http
      .post(`/api/cohorts/${cohort.id}/answers`)
      .attach('file', Buffer.from(bad), 'bad.csv');
    expect(rejected.status).toBe(422);
    expect(rejected.body.errors).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'student (A)',
        message: 'student "S999" is not in this cohort',
      }),
      expect.objectContaining({
        row: 3,
        column: 'question (B)',
        message: 'no top-level question "99" in this paper',
      }),
    ]);
    expect(await t.count('responses')).toBe(3);

    // A second file may add answers of the same students and questions in new pairs, never the same pair again.
    const more = ['student,question,answer', 'S001,1,B', 'S002,7,"x^2/2"'].join('\n');
    expect(
      (
        await http
          .post(`/api/cohorts/${cohort.id}/answers`)
          .attach('file', Buffer.from(more), 'more.csv')
      ).status,
    ).toBe(201);
    const again = ['student,question,answer', 'S003,7,重交'].join('\n');
    const twice = await http
      .post(`/api/cohorts/${cohort.id}/answers`)
      .attach('file', Buffer.from(again), 'again.csv');
    expect(twice.status).toBe(422);
    expect(twice.body.message).toMatch(/1 of these students' answers were imported before/);
    expect(await t.count('responses')).toBe(5);
  });
});
