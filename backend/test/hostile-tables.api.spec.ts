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
const HEADER = ['student', '1', '2', '3', '4', '5', '6', '7'];
const ROW = [5, 5, 2, 4, 2, 4, 6];
const TABLES = [
  'cohorts',
  'cohort_students',
  'cohort_question_stats',
  'runs',
  'work_items',
  'attempts',
  'responses',
  'ai_models',
];

/** A workbook whose cells may be values, formulas ({ formula, result }) or errors ({ error }). */
async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const wb = new Workbook();
  const ws = wb.addWorksheet('成绩');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A student "学生01" as Excel on Chinese Windows saves a CSV: GBK. */
const GBK_CSV = Buffer.from([
  ...Buffer.from('student,1,2,3,4,5,6,7\n'),
  ...[0xd1, 0xa7, 0xc9, 0xfa], // 学生
  ...Buffer.from('01,5,5,2,4,2,4,6\n'),
]);

describe('hostile cohort tables and answer files', () => {
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
    // Something already stored, which a refused file must leave as it is.
    expect((await cohort(['student,1,2,3,4,5,6,7', 'S001,5,5,2,4,2,4,6'].join('\n'))).status).toBe(
      201,
    );
  });
  afterAll(() => t.close());

  const counts = async () => Promise.all(TABLES.map((n) => t.count(n)));
  const cohort = (data: string | Buffer, name = 'results.csv') =>
    http
      .post('/api/cohorts')
      .field('paperVersionId', paperId)
      .field('name', 'c')
      .attach('file', Buffer.from(data), name);
  const answers = (data: string | Buffer, query = '', name = 'answers.jsonl') =>
    http.post(`/api/runs/import${query}`).attach('file', Buffer.from(data), name);
  const line = (o: object) =>
    JSON.stringify({ paper: 'test-mini-paper', model: 'm', question: '2', response: 'A', ...o });

  const refuses = async (
    send: () => Promise<{ status: number; body: Record<string, unknown> }>,
    want: object,
    message: RegExp,
  ) => {
    const before = await counts();
    const res = await send();
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject(want);
    expect(JSON.stringify(res.body)).toMatch(message);
    expect(await counts()).toEqual(before);
  };

  it('refuses an XLSX cell holding a formula error, naming the cell and the error', async () => {
    const xlsx = await xlsxOf([
      HEADER,
      ['S101', { formula: '1/0', result: { error: '#DIV/0!' } }, 5, 2, 4, 2, 4, { error: '#N/A' }],
    ]);
    await refuses(
      () => cohort(xlsx, 'results.xlsx'),
      {
        code: 'cohort.rejected',
        errors: [
          expect.objectContaining({
            row: 2,
            column: 'B',
            code: 'cohort.cell_error',
            params: expect.objectContaining({ cell: 'B2', error: '#DIV/0!' }),
          }),
          expect.objectContaining({
            row: 2,
            column: 'H',
            params: expect.objectContaining({ cell: 'H2', error: '#N/A' }),
          }),
        ],
      },
      /cell B2 holds the error #DIV\/0! \(from the formula =1\/0\)/,
    );
  });

  it('refuses a GBK CSV, saying it is not UTF-8', async () => {
    await refuses(
      () => cohort(GBK_CSV),
      { code: 'input.not_utf8', params: { file: 'results.csv', looksLike: 'gb18030' } },
      /results.csv: is not UTF-8 text \(first bad byte on line 2\); it looks like GBK/,
    );
  });

  it.each([
    [
      'a formula',
      "=cmd|' /C calc'!A0",
      'cohort.student_formula',
      /starts with =, which spreadsheets run as a formula/,
    ],
    ['a leading @', '@SUM(1)', 'cohort.student_formula', /starts with @/],
    ['a control character', 'S\u0007102', 'cohort.student_control', /contains a control character/],
  ])('refuses a student id that is %s', async (_n, id, code, message) => {
    const csv = [HEADER.join(','), `"${id}",${ROW.join(',')}`].join('\n');
    await refuses(
      () => cohort(csv),
      { code: 'cohort.rejected', errors: [expect.objectContaining({ row: 2, code })] },
      message,
    );
  });

  it('refuses a student id computed by an XLSX formula', async () => {
    const xlsx = await xlsxOf([
      HEADER,
      [{ formula: 'HYPERLINK("http://x","S1")', result: 'S1' }, ...ROW],
    ]);
    await refuses(
      () => cohort(xlsx, 'r.xlsx'),
      { errors: [expect.objectContaining({ code: 'cohort.student_formula' })] },
      /starts with =/,
    );
  });

  it.each([
    [
      'prompt_tokens of 1e308',
      line({ usage: { prompt_tokens: 1e308 } }),
      'usage.prompt_tokens',
      /must be a whole number from 0 to 2147483647, got 1e\+308/,
    ],
    [
      'a millisecond timestamp as sample',
      line({ sample: 1717171717171 }),
      'sample',
      /must be a whole number from 0 to 9999, got 1717171717171/,
    ],
    [
      'a NUL in the response',
      line({ response: 'A\u0000' }),
      'response',
      /contains a NUL character/,
    ],
  ])('refuses an answers line with %s, naming line and field', async (_n, text, field, message) => {
    await refuses(
      () => answers(`${line({ question: '1' })}\n${text}\n`),
      {
        code: 'answers.rejected',
        errors: [
          expect.objectContaining({
            file: 'answers.jsonl',
            line: 2,
            field,
            params: expect.any(Object),
          }),
        ],
      },
      message,
    );
  });

  it('refuses deeply nested JSON in a JSONL line and in a GAOKAO-Bench file without exhausting the stack', async () => {
    const deep = `{"paper":"x","usage":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    await refuses(
      () => answers(deep),
      { errors: [expect.objectContaining({ line: 1, code: 'input.json_too_deep' })] },
      /nests deeper than 64 levels/,
    );
    const bench = `{"keyword":"2010-2022_Math_I_MCQs","example":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    await refuses(
      () => answers(bench, '?format=gaokao-bench', 'b.json'),
      { errors: [expect.objectContaining({ code: 'input.json_too_deep' })] },
      /nests deeper/,
    );
  });

  it('refuses a GBK answers file, saying it is not UTF-8', async () => {
    const gbk = Buffer.concat([
      Buffer.from('{"paper":"test-mini-paper","model":"m","question":"2","response":"'),
      Buffer.from([0xb4, 0xf0, 0xb0, 0xb8]), // 答案
      Buffer.from('"}\n'),
    ]);
    await refuses(
      () => answers(gbk),
      { errors: [expect.objectContaining({ code: 'input.not_utf8', line: 1 })] },
      /is not UTF-8 text/,
    );
  });

  it('reads a JSONL file with a byte-order mark and CRLF line ends', async () => {
    const res = await answers(
      `\uFEFF${line({ question: '2' })}\r\n${line({ question: '7', response: '1/2' })}\r\n`,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 2 });
  });
});
