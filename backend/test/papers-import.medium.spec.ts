import { join } from 'node:path';
import sharp from 'sharp';
import { BundleRejectedError } from '../src/common/domain-errors';
import { AssetsService } from '../src/assets/assets.service';
import { PapersImportService, SYSTEM_ACTOR } from '../src/papers/papers-import.service';
import { SamplesService } from '../src/papers/samples.service';
import { miniBundle } from './fixtures/bundle-fixture';
import { startTestApp, TestApp } from './test-app';

describe('PapersImportService (real PostgreSQL)', () => {
  let t: TestApp;
  let sut: PapersImportService;

  beforeAll(async () => {
    t = await startTestApp();
    sut = t.app.get(PapersImportService);
  });
  beforeEach(() => t.reset());
  afterAll(() => t.close());

  it('stores a bundle as version 1 with every question, sub-question, passage, image and rubric', async () => {
    const r = await sut.importBundle(miniBundle());
    expect(r).toMatchObject({ status: 'created', version: 1, slug: 'test-mini-paper' });
    expect(await t.count('questions')).toBe(8);
    expect(await t.count('passages')).toBe(1);
    expect(await t.count('question_images')).toBe(1);
    expect(await t.count('assets')).toBe(1);
    expect(await t.count('rubrics')).toBe(2);
    const [v] = await t.db.query(
      `SELECT total_points, question_count, image_question_count, status FROM paper_versions`,
    );
    expect(v).toEqual({
      total_points: '28.00',
      question_count: 6,
      image_question_count: 1,
      status: 'draft',
    });
    const subs = await t.db.query(
      `SELECT q.number FROM questions q JOIN questions p ON p.id = q.parent_id ORDER BY q.ordinal`,
    );
    expect(subs.map((s: { number: string }) => s.number)).toEqual(['5', '6']);
  });

  it('treats re-importing identical content as a no-op', async () => {
    const first = await sut.importBundle(miniBundle());
    const again = await sut.importBundle(miniBundle());
    expect(again).toEqual({ ...first, status: 'unchanged' });
    expect(await t.count('paper_versions')).toBe(1);
    expect(await t.count('questions')).toBe(8);
  });

  it('makes a new version when content changes and leaves the old one as it was', async () => {
    const v1 = await sut.importBundle(miniBundle());
    const before = await t.db.query(`SELECT document FROM paper_versions WHERE id = $1`, [
      v1.versionId,
    ]);
    const v2 = await sut.importBundle(
      miniBundle({ paper: (s) => s.replace('地球是圆的。', '地球是椭球。') }),
    );
    expect(v2).toMatchObject({ status: 'created', version: 2, paperId: v1.paperId });
    expect(v2.contentHash).not.toBe(v1.contentHash);
    expect(
      await t.db.query(`SELECT document FROM paper_versions WHERE id = $1`, [v1.versionId]),
    ).toEqual(before);
    expect(await t.count('papers')).toBe(1);
    expect(await t.count('assets')).toBe(1); // the unchanged image is stored once
  });

  it('rejects a bundle whose image cannot be decoded, naming the file, and stores nothing', async () => {
    const broken = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 7),
    ]);
    const err = await sut
      .importBundle(miniBundle({ files: (f) => f.set('images/fig1.png', broken) }))
      .catch((e) => e);
    expect(err).toBeInstanceOf(BundleRejectedError);
    expect(err.errors[0]).toMatchObject({
      file: 'images/fig1.png',
      message: expect.stringMatching(/cannot decode image/),
    });
    for (const table of ['papers', 'paper_versions', 'questions', 'assets'])
      expect(await t.count(table)).toBe(0);
  });

  it('rolls back everything when the database fails half-way through an import', async () => {
    await sut.importBundle(miniBundle());
    const tables = ['papers', 'paper_versions', 'questions', 'passages', 'rubrics', 'assets'];
    const before = await Promise.all(tables.map((x) => t.count(x)));
    // A second version with a new image: the image, version and questions are inserted, then the
    // last insert (rubrics) hits a constraint; all of it must disappear.
    const otherPng = await sharp({
      create: { width: 3, height: 3, channels: 3, background: '#00ff00' },
    })
      .png()
      .toBuffer();
    const edited = miniBundle({
      paper: (s) => s.replace('地球是圆的。', '改过的题干'),
      files: (f) => f.set('images/fig1.png', otherPng),
    });
    await t.db.query(
      `ALTER TABLE rubrics ADD CONSTRAINT ck_test_fail CHECK (ceiling_points < 0) NOT VALID`,
    );
    try {
      await expect(sut.importBundle(edited)).rejects.toThrow(/ck_test_fail/);
    } finally {
      await t.db.query(`ALTER TABLE rubrics DROP CONSTRAINT ck_test_fail`);
    }
    expect(await Promise.all(tables.map((x) => t.count(x)))).toEqual(before);
  });

  it('refuses in the database to change a stored version', async () => {
    const r = await sut.importBundle(miniBundle());
    await expect(
      t.db.query(`UPDATE paper_versions SET document = '{}' WHERE id = $1`, [r.versionId]),
    ).rejects.toThrow(/immutable/);
    await sut.publish(r.versionId, SYSTEM_ACTOR);
    await expect(
      t.db.query(`UPDATE paper_versions SET status = 'draft' WHERE id = $1`, [r.versionId]),
    ).rejects.toThrow(/cannot be unpublished/);
  });

  it('imports every sample paper once, and a second run changes nothing', async () => {
    const samples = t.app.get(SamplesService);
    const dirs = samples.sampleDirs();
    const first = await samples.importFolders(dirs, true);
    expect(first.every((r) => r.status === 'created')).toBe(true);
    const again = await samples.importFolders(dirs, true);
    expect(again.every((r) => r.status === 'unchanged')).toBe(true);
    expect(await t.count('paper_versions')).toBe(dirs.length);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM questions WHERE has_images AND parent_id IS NULL`,
    );
    expect(n).toBeGreaterThanOrEqual(30);
    // Grade 12 (Gaokao) and below it (CMATH, E-EVAL, TAL-SCQ5K) alike.
    for (const prefix of ['gaokao-', 'cmath-', 'e-eval-', 'tal-scq5k-'])
      expect(dirs.some((d) => d.includes(join('exam-papers', prefix)))).toBe(true);
  });

  it('encodes an image profile once however many requests ask for it at the same time', async () => {
    await sut.importBundle(miniBundle());
    const [{ sha256 }] = await t.db.query(`SELECT sha256 FROM assets`);
    const assets = t.app.get(AssetsService);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        assets.getVariant(sha256, { format: 'jpeg', longSide: 64, quality: 70 }),
      ),
    );
    expect(new Set(results.map((r) => r.data.toString('base64'))).size).toBe(1);
    expect(await t.count('asset_variants')).toBe(1);
    await assets.getVariant(sha256, { format: 'jpeg', longSide: 64, quality: 70 });
    expect(await t.count('asset_variants')).toBe(1);
  });
});
