import { unzipSync } from 'fflate';
import { parse } from 'yaml';
import { MINI_PAPER, MINI_RUBRIC, TINY_PNG } from '../../test/fixtures/bundle-fixture';
import type { AssetsService } from '../assets/assets.service';
import { ImageError } from '../assets/image-normalize';
import type { AuditActor } from '../audit/audit.service';
import { UploadRejectedError } from '../common/domain-errors';
import { sha256 } from '../common/hashing';
import type { PaperDoc, RubricDoc } from './bundle/bundle.types';
import type { BundleFiles } from './bundle/bundle-files';
import { flattenPaper } from './bundle/flatten-paper';
import { validateBundle } from './bundle/validate-bundle';
import type { PaperVersionEntity } from './paper.entities';
import type { PapersDraftRepository } from './papers-draft.repository';
import { PapersDraftService } from './papers-draft.service';
import type { PapersImportService } from './papers-import.service';
import type { PapersService, PaperTree } from './papers.service';

/** The decisions of PapersDraftService against hand-written importer, papers, assets and repository. */

const actor: AuditActor = { id: 'u1', name: 'author' };
const PNG_SHA = sha256(TINY_PNG);
const paper = () => parse(MINI_PAPER) as PaperDoc;
const rubric = () => parse(MINI_RUBRIC) as RubricDoc;
const draft = (images: Record<string, string> = { 'images/fig1.png': PNG_SHA }) => ({
  paper: paper(),
  rubric: rubric(),
  images,
});

class Fakes {
  calls: string[] = [];
  imported: BundleFiles | null = null;
  version: Partial<PaperVersionEntity> = {
    id: 'v2',
    paperId: 'p1',
    version: 2,
    status: 'draft',
    contentHash: 'h2',
    document: paper(),
    bundle: { rubric: rubric(), images: { 'images/fig1.png': PNG_SHA } },
  };
  tree: PaperTree | null = null;
  imageError: Error | null = null;
  importer = {
    importBundle: async (files: BundleFiles, a: AuditActor, publish: boolean) => {
      this.calls.push(`importBundle ${a.id} ${publish}`);
      this.imported = files;
      return { status: 'created', versionId: 'v3' };
    },
  };
  papers = {
    getVersion: async (id: string) => {
      this.calls.push(`getVersion ${id}`);
      return this.version;
    },
    getTree: async (id: string) => {
      this.calls.push(`getTree ${id}`);
      return this.tree;
    },
  };
  assets = {
    normalise: async () => {
      this.calls.push('normalise');
      if (this.imageError) throw this.imageError;
      return { sha256: 'f'.repeat(64), mime: 'image/png', width: 2, height: 3 };
    },
    save: async (img: { sha256: string }) => {
      this.calls.push(`save ${img.sha256.slice(0, 4)}`);
      return img.sha256;
    },
  };
  stored = {
    bytesOf: async (shas: string[]) => {
      this.calls.push(`bytesOf ${shas.map((s) => s.slice(0, 4)).join(',')}`);
      return new Map(shas.filter((s) => s === PNG_SHA).map((s) => [s, TINY_PNG]));
    },
    assetsOf: async (shas: string[]) => {
      this.calls.push(`assetsOf ${shas.map((s) => s.slice(0, 4)).join(',')}`);
      return new Map(shas.filter((s) => s === PNG_SHA).map((s) => [s, 'asset-1']));
    },
    slugOf: async () => 'test-mini-paper',
  };
  service() {
    return new PapersDraftService(
      this.importer as unknown as PapersImportService,
      this.papers as unknown as PapersService,
      this.assets as unknown as AssetsService,
      this.stored as unknown as PapersDraftRepository,
    );
  }
}

const refusal = (p: Promise<unknown>) => p.then(() => null).catch((e) => e as UploadRejectedError);

describe('PapersDraftService.validate and save', () => {
  it('checks a draft with the bundle validator over its stored image bytes', async () => {
    const f = new Fakes();
    const v = await f.service().validate(draft());
    expect(v).toEqual({ ok: true, contentHash: expect.any(String), problems: [] });
    expect(f.calls).toEqual([`bytesOf ${PNG_SHA.slice(0, 4)}`]);
  });

  it('asks only for sha256 values, each once; an image whose bytes are unknown is named as missing', async () => {
    const f = new Fakes();
    const v = await f.service().validate(
      draft({
        'images/fig1.png': 'a'.repeat(64),
        'images/copy.png': 'a'.repeat(64),
        'images/bad.png': 'not-a-hash',
      }),
    );
    expect(f.calls).toEqual(['bytesOf aaaa']);
    expect(v.ok).toBe(false);
    expect(v.contentHash).toBeNull();
    expect(JSON.stringify(v.problems)).toContain('images/fig1.png');
  });

  it('saves a draft through the importer as a draft (never published), as the files of its download', async () => {
    const f = new Fakes();
    expect(await f.service().save(draft(), actor)).toEqual({ status: 'created', versionId: 'v3' });
    expect(f.calls).toContain('importBundle u1 false');
    expect([...f.imported!.keys()].sort()).toEqual([
      'images/fig1.png',
      'paper.json',
      'rubric.json',
    ]);
  });
});

describe('PapersDraftService.open and zip', () => {
  it('opens a version from its recorded bundle, with the assets its images show as', async () => {
    const f = new Fakes();
    const b = await f.service().open('v2');
    expect(f.calls).not.toContain('getTree v2');
    expect(b).toMatchObject({
      versionId: 'v2',
      slug: 'test-mini-paper',
      version: 2,
      status: 'draft',
      contentHash: 'h2',
      images: { 'images/fig1.png': PNG_SHA },
      assets: { [PNG_SHA]: 'asset-1' },
    });
    expect(b.rubric).toEqual(rubric());
  });

  it('opens a version imported before bundles were recorded from its rows', async () => {
    const f = new Fakes();
    f.version = { ...f.version, bundle: null };
    const doc = paper();
    const rows = flattenPaper(doc);
    // the tree's nodes in paper order; the first carries its image and a rubric
    f.tree = {
      version: { document: doc },
      questions: rows.map((row, k) => ({
        ordinal: k,
        images: row.images.map(() => ({ assetSha256: 'asset-1' })),
        rubric:
          k === 0
            ? {
                mode: 'score',
                startingPoints: 0,
                floorPoints: 0,
                ceilingPoints: 5,
                graderNotes: null,
                items: [],
                samples: [],
              }
            : null,
        subQuestions: [],
      })),
    } as unknown as PaperTree;
    const b = await f.service().open('v2');
    expect(f.calls).toContain('getTree v2');
    expect(b.images).toEqual({ 'images/fig1.png': 'asset-1' });
    expect(b.rubric).toEqual({
      format: 'yuejuan/rubric@1',
      paper: 'test-mini-paper',
      questions: [
        {
          question: rows[0].number,
          mode: 'score',
          startingPoints: 0,
          floor: 0,
          ceiling: 5,
          items: [],
          samples: [],
        },
      ],
    });
  });

  it('zips a version under its slug and version folder, importing back to its content', async () => {
    const f = new Fakes();
    const z = await f.service().zip('v2');
    expect(z.filename).toBe('test-mini-paper-v2.zip');
    const entries = unzipSync(new Uint8Array(z.data));
    expect(Object.keys(entries).sort()).toEqual([
      'test-mini-paper-v2/images/fig1.png',
      'test-mini-paper-v2/paper.json',
      'test-mini-paper-v2/rubric.json',
    ]);
    const files: BundleFiles = new Map(
      Object.entries(entries).map(([k, v]) => [k.slice('test-mini-paper-v2/'.length), v]),
    );
    const again = validateBundle(files);
    const direct = await f.service().validate(draft());
    expect(again.ok && again.bundle.contentHash).toBe(direct.contentHash);
  });
});

describe('PapersDraftService.imageAssets', () => {
  it('resolves a draft image path, written either way, to its stored asset; an unknown one to null', async () => {
    const f = new Fakes();
    const assetOf = await f
      .service()
      .imageAssets({ ...draft(), images: { 'images/fig1.png': PNG_SHA, 'images/x.png': 'junk' } });
    expect(f.calls).toEqual([`assetsOf ${PNG_SHA.slice(0, 4)}`]);
    expect(assetOf('images/fig1.png')).toBe('asset-1');
    expect(assetOf('./images/fig1.png')).toBe('asset-1');
    expect(assetOf('images/x.png')).toBeNull();
    expect(assetOf('images/none.png')).toBeNull();
  });
});

describe('PapersDraftService.uploadImage', () => {
  const file = { buffer: TINY_PNG, originalname: 'fig.png' } as Express.Multer.File;

  it('refuses a request without a file (400 upload.no_file)', async () => {
    const f = new Fakes();
    const err = await refusal(f.service().uploadImage(undefined));
    expect(err).toBeInstanceOf(UploadRejectedError);
    expect(err).toMatchObject({ status: 400, code: 'upload.no_file' });
    expect(f.calls).toEqual([]);
  });

  it('normalises, then stores, and names the file by its hash', async () => {
    const f = new Fakes();
    expect(await f.service().uploadImage(file)).toEqual({
      sha256: 'f'.repeat(64),
      file: `images/${'f'.repeat(16)}.png`,
      width: 2,
      height: 3,
    });
    expect(f.calls).toEqual(['normalise', 'save ffff']);
  });

  it('refuses an unreadable image naming the file (422 upload.image_unreadable), storing nothing', async () => {
    const f = new Fakes();
    f.imageError = new ImageError('not an image');
    const err = await refusal(f.service().uploadImage(file));
    expect(err).toMatchObject({
      status: 422,
      code: 'upload.image_unreadable',
      params: { file: 'fig.png', detail: 'not an image' },
    });
    expect(f.calls).toEqual(['normalise']);
  });

  it('lets any other failure through unchanged', async () => {
    const f = new Fakes();
    f.imageError = new Error('disk full');
    await expect(f.service().uploadImage(file)).rejects.toThrow('disk full');
  });
});
