import sharp from 'sharp';
import { makePdf } from './fixtures/pdf-fixture';
import { waitForPdf } from './support/pdf';
import { Agent, startTestApp, TestApp } from './test-app';

/** The figure crop tool's server side: the list of uploaded PDFs and crops with coded refusals. */
describe('PDF crops and the list of uploaded PDFs', () => {
  let t: TestApp;
  let author: Agent;
  let pdfId: string;

  beforeAll(async () => {
    t = await startTestApp({ pdfMaxPages: 3 });
    await t.reset();
    author = await t.as('author');
    // Pages of 300×200 pt render at 2× to 600×400 px; each has a blue box at 20..280 × 20..80 pt.
    const up = await author
      .post('/api/pdfs')
      .attach('file', makePdf([{ latin: 'Figure page' }, { latin: 'Two' }]), 'figures.pdf');
    expect(up.status).toBe(202);
    pdfId = up.body.id;
    expect((await waitForPdf(author, pdfId)).status).toBe('ready');
  });
  afterAll(() => t.close());

  it('lists uploaded PDFs newest first, for authors and admins only', async () => {
    const later = await author
      .post('/api/pdfs')
      .attach('file', makePdf([{ latin: 'Later' }]), 'later.pdf');
    await waitForPdf(author, later.body.id);
    const list = await author.get('/api/pdfs');
    expect(list.status).toBe(200);
    expect(list.body.map((d: { filename: string }) => d.filename)).toEqual([
      'later.pdf',
      'figures.pdf',
    ]);
    expect(list.body[1]).toMatchObject({ id: pdfId, pageCount: 2, status: 'ready' });
    expect(list.body[1].data).toBeUndefined();
    expect((await (await t.as('admin')).get('/api/pdfs')).status).toBe(200);
    for (const role of ['teacher', 'researcher'] as const) {
      expect((await (await t.as(role)).get('/api/pdfs')).status).toBe(403);
      expect(
        (
          await (
            await t.as(role)
          )
            .post(`/api/pdfs/${pdfId}/pages/1/crop`)
            .send({ x: 0, y: 0, width: 50, height: 50 })
        ).status,
      ).toBe(403);
    }
  });

  it('cuts from the full-resolution render and stores the crop as a normalised asset with a bundle path', async () => {
    const res = await author
      .post(`/api/pdfs/${pdfId}/pages/1/crop`)
      .send({ x: 40, y: 240, width: 520, height: 120 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      width: 520,
      height: 120,
      page: 1,
      rect: { x: 40, y: 240, width: 520, height: 120 },
      file: expect.stringMatching(/^images\/pdf-p1-[0-9a-f]{10}\.png$/),
    });
    const asset = await author.get(res.body.url).buffer(true);
    expect(asset.status).toBe(200);
    const meta = await sharp(asset.body as Buffer).metadata();
    expect([meta.width, meta.height]).toEqual([520, 120]);
    // The blue box's edge is the crop's edge: cut at render pixels, not a scaled screenshot.
    const { data, info } = await sharp(asset.body as Buffer)
      .raw()
      .toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [
      ...data.subarray(
        (y * info.width + x) * info.channels,
        (y * info.width + x) * info.channels + 3,
      ),
    ];
    expect(at(1, 60)[2]).toBeGreaterThan(200);
    expect(at(1, 60)[0]).toBeLessThan(80);
    expect(await t.count('assets')).toBeGreaterThanOrEqual(3);
    const again = await author
      .post(`/api/pdfs/${pdfId}/pages/1/crop`)
      .send({ x: 40, y: 240, width: 520, height: 120 });
    expect(again.body.sha256).toBe(res.body.sha256);
  });

  it.each([
    [
      'zero size',
      1,
      { x: 10, y: 10, width: 0, height: 40 },
      422,
      'pdf.crop_too_small',
      /at least 8/,
    ],
    [
      'outside the page',
      1,
      { x: 500, y: 300, width: 200, height: 200 },
      422,
      'pdf.crop_outside',
      /outside the page, which is 600×400 pixels/,
    ],
    [
      'negative corner',
      1,
      { x: -30, y: 0, width: 100, height: 100 },
      422,
      'pdf.crop_outside',
      /outside the page/,
    ],
    [
      'a page the PDF does not have',
      3,
      { x: 0, y: 0, width: 50, height: 50 },
      404,
      'pdf.page_not_found',
      /has no page 3 \(it has 2\)/,
    ],
    [
      'page 0',
      0,
      { x: 0, y: 0, width: 50, height: 50 },
      404,
      'pdf.page_not_found',
      /has no page 0/,
    ],
  ])('refuses %s with a code and stores nothing', async (_n, page, rect, status, code, message) => {
    const before = await t.count('assets');
    const res = await author.post(`/api/pdfs/${pdfId}/pages/${page}/crop`).send(rect);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(res.body.message).toContain('figures.pdf');
    expect(await t.count('assets')).toBe(before);
  });

  it('refuses an unknown PDF and a rectangle that is not numbers', async () => {
    const missing = await author
      .post('/api/pdfs/00000000-0000-4000-8000-000000000000/pages/1/crop')
      .send({ x: 0, y: 0, width: 50, height: 50 });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('pdf.not_found');
    const bad = await author
      .post(`/api/pdfs/${pdfId}/pages/1/crop`)
      .send({ x: 'a', y: 0, width: 10, height: 10 });
    expect(bad.status).toBe(400);
  });
});
