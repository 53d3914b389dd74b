import { strToU8, zipSync } from 'fflate';
import { makeIntakeDocx } from './fixtures/intake-docx';
import { makePdf } from './fixtures/pdf-fixture';
import { makeTextPdf } from './fixtures/intake-pdf';
import { waitForPdf } from './support/pdf';
import { Agent, startTestApp, TestApp } from './test-app';

/** The same small paper as the Word fixture, as a PDF's text layer. */
const PDF_LINES = [
  '2022年普通高等学校招生全国统一考试（全国乙卷）',
  '数学（理科）',
  '一、选择题：本题共2小题，每小题5分，共10分。',
  '1．已知集合 M={1,2}，则（ ）',
  'A．1∈M  B．3∈M  C．0∈M  D．4∈M',
  '2．复数 z=1+i 的模为（ ）',
  'A．1',
  'B．√2',
  'C．2',
  'D．4',
  '二、填空题：本题共1小题，每小题5分，共5分。',
  '3．函数 f(x)=x² 的最小值为______．',
  '三、解答题：共12分。',
  '4．（12分）已知数列的前 n 项和为 Sn，求通项公式。',
  '参考答案',
  '1．A 2．B',
  '3．0',
  '4．通项为 2n-1。',
];

describe('Intake API: Word and PDF → draft paper', () => {
  let t: TestApp;
  let author: Agent;
  let docx: Buffer;
  let pdf: Buffer;

  beforeAll(async () => {
    t = await startTestApp({ uploadMaxBytes: 400_000 });
    [docx, pdf] = await Promise.all([makeIntakeDocx(), makeTextPdf(PDF_LINES)]);
  });
  beforeEach(async () => {
    await t.reset();
    author = await t.as('author');
  });
  afterAll(() => t.close());

  it('turns a .docx into a draft: questions, keys, points, the equation as LaTeX, stored images, the flagged MathType object', async () => {
    const res = await author.post('/api/papers/intake').attach('file', docx, '数学样卷.docx');
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({
      format: 'yuejuan/intake-draft@1',
      source: { kind: 'docx', filename: '数学样卷.docx' },
    });
    expect(d.paper).toMatchObject({
      format: 'yuejuan/paper@1',
      subject: 'math',
      year: 2022,
      region: '全国乙卷',
    });
    const qs = d.paper.sections.flatMap((s: { questions: unknown[] }) => s.questions);
    const rows = qs.map((q: { number: string; type: string; points: number; answer?: unknown }) => [
      q.number,
      q.type,
      q.points,
      q.answer,
    ]);
    expect(rows).toEqual([
      ['1', 'single_choice', 5, 'A'],
      ['2', 'single_choice', 5, 'B'],
      ['3', 'single_choice', 5, 'C'],
      ['4', 'fill_blank', 5, ['2']],
      ['5', 'calculation', 12, undefined],
    ]);
    expect(qs[0].stem).toContain('$\\frac{1}{2} + x^{2} = \\sqrt{3}$');
    expect(d.images).toHaveLength(2);
    expect(d.images[0]).toMatchObject({
      name: 'images/img-1.png',
      mime: 'image/png',
      width: 60,
      height: 40,
    });
    expect(await t.count('assets')).toBe(2);
    const image = await author.get(`/api/assets/${d.images[1].sha256}`);
    expect(image.status).toBe(200);
    expect(d.flags).toEqual([
      {
        code: 'mathtype_image',
        path: 'sections.1.questions.0',
        params: { image: 'images/img-2.png' },
      },
    ]);
    expect(d.unrecognised).toEqual([
      expect.objectContaining({ text: '6. D', reasonCode: 'answer_without_question' }),
    ]);
    expect(d.confidence).toContainEqual({
      path: 'sections.0.questions.0.answer',
      level: 'high',
      reasonCode: 'key_matched',
    });
  });

  it('turns a PDF into a draft from its text layer, stores it for cropping, and drafts it again once rendered', async () => {
    const res = await author.post('/api/papers/intake').attach('file', pdf, 'paper.pdf');
    expect(res.status).toBe(200);
    expect(res.body.source).toMatchObject({
      kind: 'pdf',
      filename: 'paper.pdf',
      pages: 1,
      pdfId: expect.any(String),
    });
    const summary = (d: {
      paper: {
        sections: {
          questions: { number: string; type: string; points: number; answer: unknown }[];
        }[];
      };
    }) =>
      d.paper.sections.flatMap((s) =>
        s.questions.map((q) => [q.number, q.type, q.points, q.answer]),
      );
    expect(summary(res.body)).toEqual([
      ['1', 'single_choice', 5, 'A'],
      ['2', 'single_choice', 5, 'B'],
      ['3', 'fill_blank', 5, ['0']],
      ['4', 'calculation', 12, undefined],
    ]);
    expect(
      res.body.paper.sections[0].questions[0].options.map((o: { text: string }) => o.text),
    ).toEqual(['1∈M', '3∈M', '0∈M', '4∈M']);
    expect(res.body.flags).toContainEqual({
      code: 'pdf_figures',
      path: '',
      params: { pdfId: res.body.source.pdfId, pages: 1 },
    });
    await waitForPdf(author, res.body.source.pdfId);
    const again = await author.post(`/api/pdfs/${res.body.source.pdfId}/draft`);
    expect(again.status).toBe(200);
    expect(summary(again.body)).toEqual(summary(res.body));
  });

  it('is for authors and admins only', async () => {
    expect((await t.http().post('/api/papers/intake').attach('file', docx, 'a.docx')).status).toBe(
      401,
    );
    const teacher = await t.as('teacher');
    expect((await teacher.post('/api/papers/intake').attach('file', docx, 'a.docx')).status).toBe(
      403,
    );
    const researcher = await t.as('researcher');
    expect(
      (await researcher.post('/api/papers/intake').attach('file', docx, 'a.docx')).status,
    ).toBe(403);
    const admin = await t.as('admin');
    expect((await admin.post('/api/papers/intake').attach('file', docx, 'a.docx')).status).toBe(
      200,
    );
  });

  const notWord = Buffer.from(zipSync({ 'hello.txt': strToU8('not a Word document') }));
  const truncated = () => docx.subarray(0, 600);
  const encrypted = Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
  ]);
  // A standard-security dictionary whose empty user password does not open it: pdfjs asks for a password.
  const encryptedPdf = () =>
    Buffer.from(
      makePdf([{ latin: 'secret' }])
        .toString('latin1')
        .replace(
          /trailer\n<< /,
          `trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> >> /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] `,
        ),
      'latin1',
    );
  const badXml = Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'word/document.xml': strToU8('<w:document><w:body>'),
    }),
  );
  it.each([
    [
      'a text file',
      () => Buffer.from('1．题目\nA．一 B．二'),
      'paper.txt',
      415,
      'intake.unsupported_type',
    ],
    ['a zip that is not a Word document', () => notWord, 'paper.docx', 422, 'docx.not_word'],
    ['a truncated .docx', truncated, 'cut.docx', 422, 'docx.corrupt'],
    ['a .docx whose XML is broken', () => badXml, 'broken.docx', 422, 'docx.corrupt'],
    ['a password-protected Word file', () => encrypted, 'secret.docx', 422, 'docx.encrypted'],
    ['a broken PDF', () => Buffer.from('%PDF-1.7\ngarbage'), 'broken.pdf', 422, 'pdf.unreadable'],
    ['a password-protected PDF', encryptedPdf, 'secret.pdf', 422, 'pdf.unreadable'],
  ])(
    'refuses %s with a code naming the problem and the file',
    async (_name, body, file, status, code) => {
      const res = await author.post('/api/papers/intake').attach('file', body(), file);
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ code, params: { file } });
      expect(res.body.message).toContain(file);
    },
  );

  it('says a password-protected PDF needs its password', async () => {
    const res = await author
      .post('/api/papers/intake')
      .attach('file', encryptedPdf(), 'secret.pdf');
    expect(res.body.message).toMatch(/^secret\.pdf: .*password/i);
  });

  it('refuses an oversized file and a request without a file', async () => {
    const big = await author
      .post('/api/papers/intake')
      .attach('file', Buffer.concat([docx, Buffer.alloc(500_000)]), 'big.docx');
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'upload.too_large', params: { max: 400_000 } });
    const none = await author.post('/api/papers/intake');
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('upload.no_file');
  });

  it('drafts the shipped samples in one click, and nothing outside their folder', async () => {
    const list = await author.get('/api/papers/intake/samples');
    expect(list.status).toBe(200);
    expect(list.body.map((s: { name: string; kind: string }) => [s.name, s.kind])).toEqual([
      ['gaokao-2022-national-b-history.docx', 'docx'],
      ['gaokao-2022-national-b-history.pdf', 'pdf'],
      ['gaokao-2022-national-b-math.docx', 'docx'],
      ['gaokao-2022-national-b-math.pdf', 'pdf'],
    ]);
    const res = await author.post('/api/papers/intake/samples/gaokao-2022-national-b-math.docx');
    expect(res.status).toBe(200);
    expect(res.body.stats).toEqual({ questions: 16, withKey: 16, withPoints: 16, objective: 11 });
    const outside = await author.post(
      `/api/papers/intake/samples/${encodeURIComponent('../gaokao-2022-national-b-math/paper.yaml')}`,
    );
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('intake.sample_not_found');
  });

  it('answers 404 for an unknown PDF and 400 for a bad id', async () => {
    expect((await author.post('/api/pdfs/00000000-0000-4000-8000-000000000000/draft')).status).toBe(
      404,
    );
    expect((await author.post('/api/pdfs/nope/draft')).status).toBe(400);
  });
});
