import { miniBundle, TINY_PNG } from '../../test/fixtures/bundle-fixture';
import { ImageError } from '../assets/image-normalize';
import type { AssetsService } from '../assets/assets.service';
import type { AuditActor, AuditService } from '../audit/audit.service';
import { BundleRejectedError, DomainError } from '../common/domain-errors';
import { sha256 } from '../common/hashing';
import type { PaperVersionEntity } from './paper.entities';
import type { PapersDraftRepository } from './papers-draft.repository';
import { PapersImportService } from './papers-import.service';
import type { NewVersionRows, PapersRepository } from './papers.repository';

/** The decisions of PapersImportService against hand-written repositories: what it refuses, writes, in which order. */

const actor: AuditActor = { id: 'u1', name: 'author' };
const TX = { tx: true };
const PNG_SHA = sha256(TINY_PNG);

const version = (over: Partial<PaperVersionEntity> = {}) =>
  ({
    id: 'v1',
    paperId: 'p1',
    version: 1,
    contentHash: 'h',
    status: 'draft',
    ...over,
  }) as PaperVersionEntity;

class Fakes {
  calls: string[] = [];
  byHash: PaperVersionEntity | null = null;
  /** Found only inside the lock: another import committed the same content meanwhile. */
  byHashInLock: PaperVersionEntity | null = null;
  stored = new Map<string, string>();
  locked: PaperVersionEntity | null = version();
  newest: number | null = 1;
  published = true;
  written: NewVersionRows | null = null;
  unreadable = false;

  papers = {
    transaction: async <T>(work: (m: unknown) => Promise<T>) => {
      this.calls.push('begin');
      const r = await work(TX);
      this.calls.push('commit');
      return r;
    },
    findByHash: async (hash: string, m?: unknown) => {
      this.calls.push(`findByHash ${m === TX ? 'tx' : 'db'}`);
      return m === TX ? (this.byHashInLock ?? this.byHash) : this.byHash;
    },
    lockPaper: async (m: unknown, slug: string) =>
      void this.calls.push(`lockPaper ${slug} ${m === TX}`),
    ensurePaper: async (m: unknown, slug: string) => {
      this.calls.push(`ensurePaper ${slug} ${m === TX}`);
      return { paperId: 'p1', nextVersion: 3 };
    },
    insertVersion: async (m: unknown, rows: NewVersionRows) => {
      this.calls.push(`insertVersion ${m === TX}`);
      this.written = rows;
      return version({ id: 'v3', version: 3, contentHash: rows.version.contentHash });
    },
    lockVersion: async (m: unknown, id: string) => {
      this.calls.push(`lockVersion ${id} ${m === TX}`);
      return this.locked;
    },
    newestVersion: async () => this.newest,
    markPublished: async (m: unknown, id: string) => {
      this.calls.push(`markPublished ${id} ${m === TX}`);
      return this.published;
    },
  };
  assets = {
    normalise: async (bytes: Uint8Array) => {
      this.calls.push('normalise');
      if (this.unreadable) throw new ImageError('not an image');
      return { sha256: `norm-${sha256(bytes).slice(0, 6)}` };
    },
    save: async (img: { sha256: string }, m: unknown) =>
      void this.calls.push(`saveAsset ${img.sha256} ${m === TX}`),
  };
  audit = {
    record: async (_a: AuditActor, e: { action: string; entityId: string }, m: unknown) =>
      void this.calls.push(`audit ${e.action} ${e.entityId} ${m === TX}`),
  };
  drafts = {
    assetsOf: async (shas: string[]) =>
      new Map(shas.filter((s) => this.stored.has(s)).map((s) => [s, this.stored.get(s)!])),
    saveOriginal: async (m: unknown, sha: string, asset: string) =>
      void this.calls.push(`saveOriginal ${sha.slice(0, 6)}→${asset} ${m === TX}`),
  };

  service() {
    return new PapersImportService(
      this.papers as unknown as PapersRepository,
      this.assets as unknown as AssetsService,
      this.audit as unknown as AuditService,
      this.drafts as unknown as PapersDraftRepository,
    );
  }
}

describe('PapersImportService.importBundle', () => {
  it('refuses a bundle that does not validate, before touching the database', async () => {
    const f = new Fakes();
    const bad = miniBundle({ files: (files) => files.delete('paper.yaml') });
    await expect(f.service().importBundle(bad, actor)).rejects.toBeInstanceOf(BundleRejectedError);
    expect(f.calls).toEqual([]);
  });

  it('decodes images before the transaction, then locks the paper, writes the version as a draft and audits it', async () => {
    const f = new Fakes();
    const result = await f.service().importBundle(miniBundle(), actor);
    const norm = `norm-${PNG_SHA.slice(0, 6)}`;
    expect(f.calls).toEqual([
      'findByHash db',
      'normalise',
      'begin',
      'lockPaper test-mini-paper true',
      'findByHash tx',
      'ensurePaper test-mini-paper true',
      `saveAsset ${norm} true`,
      // The bundle's bytes differ from the normalised asset: the original is kept beside it.
      `saveOriginal ${PNG_SHA.slice(0, 6)}→${norm} true`,
      'insertVersion true',
      'audit paper_import v3 true',
      'commit',
    ]);
    expect(result).toMatchObject({
      status: 'created',
      versionId: 'v3',
      version: 3,
      slug: 'test-mini-paper',
    });
    const w = f.written!;
    expect(w.version).toMatchObject({
      paperId: 'p1',
      version: 3,
      status: 'draft',
      createdBy: 'u1',
      totalPoints: 28,
      title: '测试卷',
    });
    expect(w.passages).toEqual([{ key: 'p1', title: null, content: '阅读材料。' }]);
    const q1 = w.questions.find((q) => q.row.number === '1')!;
    expect(q1.images).toEqual([expect.objectContaining({ ordinal: 0, assetSha256: norm })]);
    expect(q1.row.hasImages).toBe(true);
    // Every sub-question names a parent written before it.
    for (const [i, q] of w.questions.entries())
      if (q.parentKey !== null)
        expect(w.questions.slice(0, i).some((p) => p.key === q.parentKey)).toBe(true);
    expect(w.rubrics.length).toBeGreaterThan(0);
    expect(
      w.rubrics.every(
        (r) => w.questions.some((q) => q.row.number === r.questionNumber) && r.version === 1,
      ),
    ).toBe(true);
  });

  it('returns the known version for identical content without decoding an image or opening a transaction', async () => {
    const f = new Fakes();
    f.byHash = version({ status: 'published' });
    const result = await f.service().importBundle(miniBundle(), actor, true);
    expect(result).toMatchObject({ status: 'unchanged', versionId: 'v1' });
    expect(f.calls).toEqual(['findByHash db']);
  });

  it('publishes an unchanged draft when asked to', async () => {
    const f = new Fakes();
    f.byHash = version();
    await f.service().importBundle(miniBundle(), actor, true);
    expect(f.calls).toEqual([
      'findByHash db',
      'begin',
      'lockVersion v1 true',
      'markPublished v1 true',
      'audit paper_publish v1 true',
      'commit',
    ]);
  });

  it('writes nothing when the same content was imported by another request while it waited for the lock', async () => {
    const f = new Fakes();
    f.byHashInLock = version({ id: 'v2' });
    const result = await f.service().importBundle(miniBundle(), actor);
    expect(result).toMatchObject({ status: 'unchanged', versionId: 'v2' });
    expect(f.calls.filter((c) => /ensurePaper|insertVersion|saveAsset|audit/.test(c))).toEqual([]);
  });

  it('keeps the asset of bytes already stored instead of normalising them again', async () => {
    const f = new Fakes();
    f.stored.set(PNG_SHA, 'asset-x');
    await f.service().importBundle(miniBundle(), actor);
    expect(f.calls).not.toContain('normalise');
    expect(f.calls).toContain(`saveOriginal ${PNG_SHA.slice(0, 6)}→asset-x true`);
    expect(f.written!.questions.find((q) => q.row.number === '1')!.images[0].assetSha256).toBe(
      'asset-x',
    );
  });

  it('refuses a bundle with an unreadable image, naming the file, with nothing stored', async () => {
    const f = new Fakes();
    f.unreadable = true;
    const e = await f
      .service()
      .importBundle(miniBundle(), actor)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BundleRejectedError);
    expect((e as BundleRejectedError).errors).toEqual([
      expect.objectContaining({ file: 'images/fig1.png', code: 'bundle.image_unreadable' }),
    ]);
    expect(f.calls).not.toContain('begin');
  });
});

describe('PapersImportService.publish', () => {
  it('refuses a draft with a newer version after it (409 paper.newer_version) and publishes nothing', async () => {
    const f = new Fakes();
    f.newest = 2;
    const e = await f
      .service()
      .publish('v1', actor)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({
      status: 409,
      code: 'paper.newer_version',
      params: { version: 1, newest: 2 },
    });
    expect(f.calls).toEqual(['begin', 'lockVersion v1 true']);
  });

  it('records nothing when the version was already published', async () => {
    const f = new Fakes();
    f.locked = version({ status: 'published' });
    f.published = false;
    await f.service().publish('v1', actor);
    expect(f.calls).toEqual(['begin', 'lockVersion v1 true', 'markPublished v1 true', 'commit']);
  });
});
