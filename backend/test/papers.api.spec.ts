import { zipSync } from 'fflate';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { Agent, startTestApp, TestApp } from './test-app';

describe('papers API', () => {
  let t: TestApp;
  let http: Agent;

  beforeAll(async () => {
    t = await startTestApp({ bundleMaxFiles: 10 });
  });
  beforeEach(async () => {
    await t.reset();
    http = await t.as('author');
  });
  afterAll(() => t.close());

  const upload = (body: Buffer, name = 'bundle.zip', query = '') =>
    http.post(`/api/papers/import${query}`).attach('file', body, name);

  describe('POST /api/papers/import', () => {
    it('imports a zipped bundle, then reports an identical upload as unchanged', async () => {
      const first = await upload(zipOf(miniBundle()), 'bundle.zip', '?publish=true');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        status: 'created',
        version: 1,
        slug: 'test-mini-paper',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const again = await upload(zipOf(miniBundle(), ''));
      expect(again.body).toEqual({ ...first.body, status: 'unchanged' });
      const list = await http.get('/api/papers');
      expect(list.body).toHaveLength(1);
      expect(list.body[0]).toMatchObject({
        status: 'published',
        totalPoints: 28,
        questionCount: 6,
        imageQuestionCount: 1,
      });
    });

    it('rejects a bad bundle with file, line, field and message, and stores nothing', async () => {
      const res = await upload(
        zipOf(miniBundle({ paper: (s) => s.replace('answer: AB', 'answer: AZ') })),
      );
      expect(res.status).toBe(422);
      expect(res.body.message).toMatch(/^bundle rejected, nothing was stored/);
      expect(res.body.errors).toEqual([
        {
          file: 'paper.yaml',
          line: 47,
          path: 'sections[0].questions[1].answer',
          field: 'answer',
          message: 'answer "AZ" names option(s) Z that do not exist',
          code: 'bundle.answer_unknown_option',
          params: {
            file: 'paper.yaml',
            line: 47,
            path: 'sections[0].questions[1].answer',
            field: 'answer',
            answer: 'AZ',
            letters: 'Z',
          },
          location: { scope: 'question', section: 1, ordinal: 2, question: '2', field: 'answer' },
        },
      ]);
      expect(await t.count('papers')).toBe(0);
    });

    it.each([
      ['no file', () => http.post('/api/papers/import'), 400, /no file/],
      [
        'a file that is not a zip',
        () => upload(Buffer.from('paper: yes'), 'paper.yaml'),
        415,
        /paper.yaml: not a zip file/,
      ],
      [
        'a corrupt zip',
        () => upload(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40)]), 'bad.zip'),
        422,
        /bad.zip: not a readable zip/,
      ],
      [
        'too many files',
        () =>
          upload(
            zipOf(
              miniBundle({
                files: (f) => {
                  for (let i = 0; i < 12; i++) f.set(`extra/${i}.txt`, Buffer.from('x'));
                },
              }),
            ),
          ),
        422,
        /more than 10 files/,
      ],
      [
        'an empty zip',
        () => upload(Buffer.from(zipSync({ 'readme.txt': new Uint8Array([1]) }))),
        422,
        /no paper\.yaml/,
      ],
      [
        'an unknown query flag',
        () => upload(zipOf(miniBundle()), 'b.zip', '?publish=maybe'),
        400,
        /invalid request/,
      ],
    ])('answers %s with a 4xx and stores nothing', async (_name, call, status, message) => {
      const res = await call();
      expect(res.status).toBe(status);
      expect(res.body.message).toMatch(message);
      expect(res.body).not.toHaveProperty('stack');
      expect(await t.count('papers')).toBe(0);
    });
  });

  describe('GET /api/papers and /api/papers/:id', () => {
    let id: string;
    beforeEach(async () => {
      id = (await upload(zipOf(miniBundle()))).body.versionId;
    });

    it('filters the library', async () => {
      expect((await http.get('/api/papers?subject=math&grade=12&year=2022')).body).toHaveLength(1);
      expect((await http.get('/api/papers?subject=history')).body).toHaveLength(0);
      expect((await http.get('/api/papers?q=测试')).body).toHaveLength(1);
      expect((await http.get('/api/papers?subject=astrology')).status).toBe(400);
      expect((await http.get('/api/papers?grade=13')).status).toBe(400);
    });

    it('returns the paper tree with sub-questions, passages, images and rubrics', async () => {
      const res = await http.get(`/api/papers/${id}`);
      expect(res.status).toBe(200);
      expect(res.body.questions.map((q: { number: string }) => q.number)).toEqual([
        '1',
        '2',
        '3',
        '4',
        '5-6',
        '7',
      ]);
      const composite = res.body.questions[4];
      expect(composite).toMatchObject({ type: 'composite', points: 6, passage: '阅读材料。' });
      expect(composite.subQuestions.map((q: { number: string }) => q.number)).toEqual(['5', '6']);
      expect(res.body.questions[0].images[0].url).toMatch(/^\/api\/assets\/[0-9a-f]{64}$/);
      expect(res.body.questions[5].rubric).toMatchObject({
        mode: 'items',
        ceiling: 6,
        items: [{ id: 'a', points: 3 }, { id: 'b' }, { id: 'c', points: -1 }],
      });
      expect(res.body.versions).toHaveLength(1);
    });

    it('answers 404 for an unknown version and 400 for a malformed id', async () => {
      expect((await http.get('/api/papers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await http.get('/api/papers/not-a-uuid')).status).toBe(400);
    });

    it('renders the exact messages for a vision model, and flags image questions in text mode', async () => {
      const vision = await http.get(`/api/papers/${id}/render?mode=vision&profile=thumb`);
      expect(vision.status).toBe(200);
      const q1 = vision.body.questions[0];
      expect(q1).toMatchObject({
        number: '1',
        mode: 'vision',
        imageProfile: 'webp-320-q75',
        templateVersion: 'zh-exam@1',
        flags: [],
      });
      expect(q1.messages[1].content[1].image_url.url).toMatch(/^data:image\/webp;base64,/);
      const text = await http.get(`/api/papers/${id}/render?mode=text`);
      expect(text.body.questions[0].flags).toEqual(['image_question_in_text_mode']);
      expect(text.body.questions[1].flags).toEqual([]);
      const one = await http.get(`/api/papers/${id}/questions/${q1.questionId}/render?mode=text`);
      expect(one.body.questions).toHaveLength(1);
    });

    it('refuses bad render parameters', async () => {
      expect((await http.get(`/api/papers/${id}/render?mode=audio`)).status).toBe(400);
      expect((await http.get(`/api/papers/${id}/render?profile=huge`)).status).toBe(400);
    });

    it('serves images by hash, immutable, and in a requested profile', async () => {
      const sha = (await http.get(`/api/papers/${id}`)).body.questions[0].images[0].sha256;
      const original = await http.get(`/api/assets/${sha}`);
      expect(original.status).toBe(200);
      expect(original.headers['content-type']).toBe('image/png');
      expect(original.headers['cache-control']).toContain('immutable');
      const small = await http.get(`/api/assets/${sha}?profile=thumb`);
      expect(small.headers['content-type']).toBe('image/webp');
      expect(
        (await http.get(`/api/assets/${sha}?profile=jpeg-1536-q85`)).headers['content-type'],
      ).toBe('image/jpeg');
      const unnamed = await http.get(`/api/assets/${sha}?profile=jpeg-64-q50`);
      expect(unnamed.status).toBe(400);
      expect(unnamed.body).toMatchObject({
        code: 'asset.unknown_profile',
        params: { profile: 'jpeg-64-q50' },
      });
      expect(await t.count('asset_variants')).toBe(2);
      expect((await http.get(`/api/assets/${'0'.repeat(64)}`)).status).toBe(404);
      expect((await http.get('/api/assets/xyz')).status).toBe(400);
    });
  });

  it('reports health with the database, and publishes OpenAPI docs', async () => {
    const health = await http.get('/api/health');
    expect(health.body).toMatchObject({ status: 'ok', database: { status: 'up' } });
    const docs = await http.get('/api/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/papers', '/api/papers/import', '/api/pdfs', '/api/health']),
    );
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['content-security-policy']).toContain("script-src 'self'");
  });
});
