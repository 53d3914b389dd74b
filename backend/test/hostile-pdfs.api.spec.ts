import { PdfService } from '../src/pdf-intake/pdf.service';
import { pdfWithPages, pdfWithScript, ScriptPlace } from './fixtures/hostile-pdf';
import { Agent, startTestApp, TestApp } from './test-app';

/** PDFs that must be refused at upload, with nothing stored, or whose failure must show on the record. */
describe('hostile PDFs', () => {
  let t: TestApp;
  let http: Agent;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    await t.reset();
    http = await t.as('author');
  });
  afterAll(() => t.close());

  const counts = async () => [
    await t.count('pdf_documents'),
    await t.count('pdf_pages'),
    await t.count('assets'),
  ];

  it.each<ScriptPlace>(['document', 'open action', 'link', 'page action'])(
    'refuses a PDF with JavaScript in a %s',
    async (place) => {
      const res = await http
        .post('/api/pdfs')
        .attach('file', await pdfWithScript(place), 'exam.pdf');
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'pdf.javascript', params: { file: 'exam.pdf' } });
      expect(res.body.message).toMatch(/^exam.pdf: the PDF contains JavaScript/);
      expect(await counts()).toEqual([0, 0, 0]);
    },
  );

  it('refuses a page too large to render, naming the page and its size', async () => {
    const res = await http.post('/api/pdfs').attach(
      'file',
      await pdfWithPages([
        [595, 842],
        [14400, 14400],
      ]),
      'poster.pdf',
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: 'pdf.page_too_large',
      params: { file: 'poster.pdf', page: 2, widthPt: 14400, heightPt: 14400 },
    });
    expect(res.body.message).toMatch(
      /^poster.pdf: page 2 is 14400×14400 pt \(28800×28800 pixels when rendered\)/,
    );
    expect(await counts()).toEqual([0, 0, 0]);
  });

  it('accepts A4 and A3 pages', async () => {
    const res = await http.post('/api/pdfs').attach(
      'file',
      await pdfWithPages([
        [595, 842],
        [842, 1191],
      ]),
      'exam.pdf',
    );
    expect(res.status).toBe(202);
  });

  it('shows a failed background render as an error on the PDF record', async () => {
    const [{ id }] = await t.db.query(
      `INSERT INTO pdf_documents (filename, sha256, byte_size, data, page_count, status) VALUES ('x.pdf', $1, 9, $2, 1, 'queued') RETURNING id`,
      ['0'.repeat(64), Buffer.from('%PDF-1.7\n')],
    );
    await t.app.get(PdfService).render(id);
    const res = await http.get(`/api/pdfs/${id}`);
    expect(res.body).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^the PDF could not be opened: cannot read PDF/),
    });
  });
});
