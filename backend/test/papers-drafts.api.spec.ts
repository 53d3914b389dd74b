import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { readBundleDir } from '../src/papers/bundle/bundle-files';
import { validateBundle } from '../src/papers/bundle/validate-bundle';
import { miniBundle, TINY_PNG, zipOf } from './fixtures/bundle-fixture';
import { Agent, startTestApp, TestApp } from './test-app';

const ROOT = join(__dirname, '..', '..');
const sample = (id: string, rubric = true) =>
  readBundleDir(
    join(ROOT, 'exam-papers', id),
    rubric ? join(ROOT, 'rubrics', `${id}.rubric.yaml`) : undefined,
  );

/** The bundle a downloaded zip holds, as the validator reads it (the single top folder stripped). */
function unzipped(body: Buffer) {
  const entries = unzipSync(new Uint8Array(body));
  return new Map(Object.entries(entries).map(([k, v]) => [k.replace(/^[^/]+\//, ''), v]));
}

const binary = (res: import('superagent').Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('paper editor API', () => {
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

  const importZip = async (zip: Buffer, publish = false) => {
    const res = await http
      .post(`/api/papers/import?publish=${publish}`)
      .attach('file', zip, 'bundle.zip');
    expect(res.status).toBe(200);
    return res.body as { versionId: string; contentHash: string; version: number };
  };

  describe('round trip: the same content hash', () => {
    it.each([
      ['the mini bundle (passage, composite, image, rubric)', () => miniBundle()],
      ['a sample with JPEG and PNG figures', () => sample('gaokao-mm-math-images', false)],
      ['a sample with its rubric', () => sample('gaokao-2022-national-b-math')],
    ])(
      '%s: bundle → editor model → bundle, and bundle → zip download → import',
      async (_name, files) => {
        const bundle = files();
        const expected = validateBundle(bundle);
        if (!expected.ok) throw new Error(JSON.stringify(expected.errors[0]));
        const first = await importZip(zipOf(bundle));
        expect(first.contentHash).toBe(expected.bundle.contentHash);

        const model = await http.get(`/api/papers/${first.versionId}/bundle`);
        expect(model.status).toBe(200);
        const saved = await http
          .post('/api/papers/drafts')
          .send({ paper: model.body.paper, rubric: model.body.rubric, images: model.body.images });
        expect(saved.body).toMatchObject({
          status: 'unchanged',
          contentHash: first.contentHash,
          versionId: first.versionId,
        });

        const zip = await http
          .get(`/api/papers/${first.versionId}/bundle.zip`)
          .buffer(true)
          .parse(binary);
        expect(zip.status).toBe(200);
        expect(zip.headers['content-type']).toBe('application/zip');
        const again = validateBundle(unzipped(zip.body as Buffer));
        expect(again.ok && again.bundle.contentHash).toBe(first.contentHash);
        const reimport = await importZip(zip.body as Buffer);
        expect(reimport).toMatchObject({
          versionId: first.versionId,
          contentHash: first.contentHash,
        });
      },
    );
  });

  it('an edit saves as a new draft version; the library shows the published version with the draft beside it; publish from the draft', async () => {
    const v1 = await importZip(zipOf(miniBundle()), true);
    const model = (await http.get(`/api/papers/${v1.versionId}/bundle`)).body;
    model.paper.sections[0].questions[1].answer = 'AC';
    model.paper.sections[0].questions[1].points = 6;
    model.paper.totalPoints = 29;
    const saved = await http
      .post('/api/papers/drafts')
      .send({ paper: model.paper, rubric: model.rubric, images: model.images });
    expect(saved.body).toMatchObject({ status: 'created', version: 2 });

    const library = await http.get('/api/papers');
    expect(library.body).toHaveLength(1);
    expect(library.body[0]).toMatchObject({
      id: v1.versionId,
      version: 1,
      status: 'published',
      draft: { id: saved.body.versionId, version: 2 },
    });

    const published = await http.post(`/api/papers/${saved.body.versionId}/publish`);
    expect(published.body).toMatchObject({ status: 'published', version: 2 });
    const after = await http.get('/api/papers');
    expect(after.body[0]).toMatchObject({ version: 2, status: 'published', draft: null });
    // The published version 1 is untouched: same key, same hash.
    const old = await http.get(`/api/papers/${v1.versionId}`);
    expect(old.body).toMatchObject({ contentHash: v1.contentHash, status: 'published' });
    expect(old.body.questions[1].answerKey).toBe('AB');
  });

  it('an older draft is not published over a newer one: 409 naming both versions, nothing changed', async () => {
    const v1 = await importZip(zipOf(miniBundle()));
    const model = (await http.get(`/api/papers/${v1.versionId}/bundle`)).body;
    model.paper.sections[0].questions[1].answer = 'AC';
    const v2 = await http
      .post('/api/papers/drafts')
      .send({ paper: model.paper, rubric: model.rubric, images: model.images });
    expect(v2.body).toMatchObject({ status: 'created', version: 2 });
    const refused = await http.post(`/api/papers/${v1.versionId}/publish`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'paper.newer_version',
      params: { version: 1, newest: 2 },
    });
    expect((await http.get(`/api/papers/${v1.versionId}`)).body.status).toBe('draft');
    expect((await http.post(`/api/papers/${v2.body.versionId}/publish`)).body).toMatchObject({
      status: 'published',
      version: 2,
    });
  });

  it('validate returns every problem at once with code, params and location, and stores nothing', async () => {
    const v1 = await importZip(zipOf(miniBundle()));
    const model = (await http.get(`/api/papers/${v1.versionId}/bundle`)).body;
    model.paper.grade = 13;
    model.paper.sections[0].questions[1].answer = 'AZ';
    model.paper.sections[1].questions[1].subQuestions[0].points = -1;
    const before = await t.count('paper_versions');
    const res = await http
      .post('/api/papers/drafts/validate')
      .send({ paper: model.paper, rubric: model.rubric, images: model.images });
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    const byCode = (c: string) => res.body.problems.find((p: { code: string }) => p.code === c);
    expect(byCode('bundle.schema.maximum').location).toEqual({ scope: 'paper', field: 'grade' });
    expect(byCode('bundle.answer_unknown_option')).toMatchObject({
      params: { answer: 'AZ', letters: 'Z' },
      location: { scope: 'question', question: '2', field: 'answer' },
    });
    expect(byCode('bundle.schema.exclusiveMinimum').location).toMatchObject({
      scope: 'question',
      question: '5',
      field: 'points',
    });
    const refused = await http
      .post('/api/papers/drafts')
      .send({ paper: model.paper, rubric: model.rubric, images: model.images });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.length).toBe(res.body.problems.length);
    expect(await t.count('paper_versions')).toBe(before);
  });

  it('a new paper from scratch with an uploaded image; an unknown image is a problem at its question', async () => {
    const up = await http.post('/api/papers/drafts/images').attach('file', TINY_PNG, 'fig.png');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      file: expect.stringMatching(/^images\/.+\.png$/),
    });
    const paper = {
      format: 'yuejuan/paper@1',
      id: 'new-paper-2026',
      title: '新试卷',
      subject: 'math',
      grade: 9,
      stage: 'junior',
      year: 2026,
      region: '测试',
      language: 'zh',
      source: { name: '作者', licence: 'CC-BY-4.0' },
      sections: [
        {
          title: '一、选择题',
          questions: [
            {
              number: '1',
              type: 'single_choice',
              points: 3,
              stem: '看图',
              images: [{ file: up.body.file }],
              options: [
                { label: 'A', text: '1' },
                { label: 'B', text: '2' },
              ],
              answer: 'B',
            },
          ],
        },
      ],
    };
    const missing = await http
      .post('/api/papers/drafts/validate')
      .send({ paper, rubric: null, images: {} });
    expect(missing.body.problems).toEqual([
      expect.objectContaining({
        code: 'bundle.image_missing',
        location: expect.objectContaining({ question: '1', field: 'images', index: 1 }),
      }),
    ]);
    const saved = await http
      .post('/api/papers/drafts')
      .send({ paper, rubric: null, images: { [up.body.file]: up.body.sha256 } });
    expect(saved.body).toMatchObject({ status: 'created', version: 1, slug: 'new-paper-2026' });
    const view = await http.get(`/api/papers/${saved.body.versionId}`);
    expect(view.body.questions[0].images[0].sha256).toBe(up.body.sha256);

    const preview = await http.post('/api/papers/drafts/preview').send({
      paper,
      rubric: null,
      images: { [up.body.file]: up.body.sha256 },
      number: '1',
      mode: 'vision',
    });
    expect(preview.status).toBe(200);
    const user = preview.body.questions[0].messages.find(
      (m: { role: string }) => m.role === 'user',
    );
    expect(JSON.stringify(user.content)).toContain('data:image/jpeg;base64');
    const text = await http
      .post('/api/papers/drafts/preview')
      .send({ paper, rubric: null, images: {}, number: '1', mode: 'text' });
    expect(
      text.body.questions[0].flags.length + text.body.questions[0].messages.length,
    ).toBeGreaterThan(0);
  });

  it('a published version stays immutable in the database', async () => {
    const v1 = await importZip(zipOf(miniBundle()), true);
    await expect(
      t.db.query(`UPDATE paper_versions SET bundle = '{}'::jsonb WHERE id = $1`, [v1.versionId]),
    ).rejects.toThrow(/immutable/);
  });
});
