import { makePdf } from './fixtures/pdf-fixture';
import { waitForPdf } from './support/pdf';
import { Agent, startTestApp, TestApp } from './test-app';

describe('PDF intake API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ pdfMaxPages: 3 });
  });
  let http: Agent;
  beforeEach(async () => {
    await t.reset();
    http = await t.as('author');
  });
  afterAll(() => t.close());

  it('renders pages in the background, extracts Chinese text with positions, and crops a figure', async () => {
    const pdf = makePdf([
      { latin: 'Question 1 (5 points)', chinese: '阅卷测试' },
      { latin: 'Page two' },
    ]);
    const upload = await http.post('/api/pdfs').attach('file', pdf, 'exam.pdf');
    expect(upload.status).toBe(202);
    expect(upload.body).toMatchObject({
      filename: 'exam.pdf',
      pageCount: 2,
      status: 'queued',
      pages: [],
    });

    const done = await waitForPdf(http, upload.body.id);
    expect(done.status).toBe('ready');
    expect(done.pages).toHaveLength(2);
    const [p1] = done.pages;
    expect(p1.text).toContain('Question 1 (5 points)');
    expect(p1.text).toContain('阅卷测试');
    const item = p1.textItems.find((i: { str: string }) => i.str.includes('Question'));
    // Positions are pixels of the page image, origin top-left: the line sits in the upper half.
    expect(item.x).toBeGreaterThan(0);
    expect(item.y).toBeLessThan(p1.widthPt * p1.scale * 0.5);

    const image = await http.get(p1.imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');

    const crop = await http
      .post(`/api/pdfs/${upload.body.id}/pages/1/crop`)
      .send({ x: 10, y: 10, width: 100, height: 50 });
    expect(crop.status).toBe(201);
    expect(crop.body).toMatchObject({
      width: 100,
      height: 50,
      url: expect.stringMatching(/^\/api\/assets\/[0-9a-f]{64}$/),
    });
  });

  it.each([
    ['not a PDF', () => Buffer.from('<html>hi</html>'), 'exam.pdf', 415, /exam.pdf: not a PDF/],
    [
      'too many pages',
      () => makePdf([{}, {}, {}, {}]),
      'long.pdf',
      422,
      /long.pdf: 4 pages exceeds the limit of 3/,
    ],
    [
      'a broken PDF',
      () => Buffer.from('%PDF-1.7\ngarbage'),
      'broken.pdf',
      422,
      /broken.pdf: cannot read PDF/,
    ],
  ])(
    'refuses %s with a clear message and stores nothing',
    async (_n, body, name, status, message) => {
      const res = await http.post('/api/pdfs').attach('file', body(), name);
      expect(res.status).toBe(status);
      expect(res.body.message).toMatch(message);
      expect(await t.count('pdf_documents')).toBe(0);
    },
  );

  it('refuses an upload without a file, and a crop outside the page', async () => {
    expect((await http.post('/api/pdfs')).status).toBe(400);
    const up = await http.post('/api/pdfs').attach('file', makePdf([{ latin: 'x' }]), 'a.pdf');
    expect(up.status).toBe(202);
    await waitForPdf(http, up.body.id);
    const res = await http
      .post(`/api/pdfs/${up.body.id}/pages/1/crop`)
      .send({ x: 5000, y: 5000, width: 10, height: 10 });
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/outside the page/);
    const bad = await http
      .post(`/api/pdfs/${up.body.id}/pages/1/crop`)
      .send({ x: 'a', y: 0, width: 10, height: 10, extra: 1 });
    expect(bad.status).toBe(400);
  });
});
