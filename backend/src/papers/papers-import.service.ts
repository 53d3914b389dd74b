import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssetsService } from '../assets/assets.service';
import { AuditActor, AuditService } from '../audit/audit.service';

export const SYSTEM_ACTOR: AuditActor = { id: null, name: 'system' };
import { ImageError, NormalisedImage } from '../assets/image-normalize';
import { sha256 } from '../common/hashing';
import { PapersDraftRepository } from './papers-draft.repository';
import { BundleRejectedError, DomainError } from '../common/domain-errors';
import { BundleFiles } from './bundle/bundle-files';
import { BundleError } from './bundle/bundle.types';
import { flattenPaper, paperPoints, rubricRows } from './bundle/flatten-paper';
import { validateBundle, ValidBundle } from './bundle/validate-bundle';
import { PaperVersionEntity } from './paper.entities';
import { PapersRepository } from './papers.repository';
import type { ImportResult } from '@yuejuan/contracts';

/** One bundle image: the asset it is stored as, the normalised bytes if new, the bytes as the bundle held them. */
interface BundleImage {
  sha256: string;
  image?: NormalisedImage;
  original: { sha256: string; bytes: Uint8Array };
}

/** What an import gives back (the version the bundle became): the client's type too. */
export type { ImportResult } from '@yuejuan/contracts';

/** Imports a bundle as a new immutable paper version, all or nothing. */
@Injectable()
export class PapersImportService {
  private readonly logger = new Logger(PapersImportService.name);

  constructor(
    private readonly papers: PapersRepository,
    private readonly assets: AssetsService,
    private readonly audit: AuditService,
    private readonly stored: PapersDraftRepository,
  ) {}

  async importBundle(
    files: BundleFiles,
    actor: AuditActor = SYSTEM_ACTOR,
    publish = false,
  ): Promise<ImportResult> {
    const result = validateBundle(files);
    if (!result.ok) throw new BundleRejectedError(result.errors);
    const bundle = result.bundle;
    // Identical content is found by its hash before any image is decoded: re-imports stay cheap.
    const known = await this.papers.findByHash(bundle.contentHash);
    if (known) return this.finish('unchanged', known, bundle.paper.id, publish, actor);
    // Decode images before the transaction: slow CPU work should not hold database locks.
    const images = await this.normaliseImages(bundle);
    const outcome = await this.papers.transaction(async (m) => {
      // Two imports of one paper at once: the second waits, then finds the first's version by its hash.
      await this.papers.lockPaper(m, bundle.paper.id);
      const existing = await this.papers.findByHash(bundle.contentHash, m);
      if (existing) return { status: 'unchanged' as const, version: existing };
      const version = await this.insertVersion(m, bundle, images, actor.id);
      await this.audit.record(
        actor,
        {
          action: 'paper_import',
          entityType: 'paper_version',
          entityId: version.id,
          after: {
            slug: bundle.paper.id,
            version: version.version,
            contentHash: bundle.contentHash,
          },
        },
        m,
      );
      return { status: 'created' as const, version };
    });
    if (outcome.status === 'created') {
      this.logger.log(
        `imported ${bundle.paper.id} v${outcome.version.version} (${bundle.contentHash.slice(0, 12)})`,
      );
    }
    return this.finish(outcome.status, outcome.version, bundle.paper.id, publish, actor);
  }

  private async finish(
    status: ImportResult['status'],
    v: PaperVersionEntity,
    slug: string,
    publish: boolean,
    actor: AuditActor,
  ): Promise<ImportResult> {
    if (publish && v.status !== 'published') await this.publish(v.id, actor);
    return {
      status,
      paperId: v.paperId,
      versionId: v.id,
      version: v.version,
      contentHash: v.contentHash,
      slug,
    };
  }

  /**
   * Publishes a draft; publishing a published version changes nothing and records nothing. A draft
   * with a newer version of the same paper after it is refused: an author who opened an old link
   * would otherwise publish the paper without their later edits, and a published version is final.
   */
  async publish(versionId: string, actor: AuditActor): Promise<void> {
    await this.papers.transaction(async (m) => {
      const v = await this.papers.lockVersion(m, versionId);
      if (v?.status === 'draft') {
        const newest = await this.papers.newestVersion(m, v.paperId);
        if (newest !== null && newest > v.version)
          throw new DomainError(
            `v${v.version} is not the newest version of this paper (v${newest} is)`,
            409,
            undefined,
            'paper.newer_version',
            {
              version: v.version,
              newest,
            },
          );
      }
      if (await this.papers.markPublished(m, versionId))
        await this.audit.record(
          actor,
          { action: 'paper_publish', entityType: 'paper_version', entityId: versionId },
          m,
        );
    });
  }

  /**
   * Each bundle image as the asset it is stored as. Bytes already stored (a downloaded bundle, an
   * editor draft) keep their asset: normalising a JPEG again would make a new, slightly worse one.
   */
  private async normaliseImages(bundle: ValidBundle): Promise<Map<string, BundleImage>> {
    const out = new Map<string, BundleImage>();
    const errors: BundleError[] = [];
    const raw = new Map(
      [...bundle.images].map(([file, bytes]) => [file, { bytes, sha256: sha256(bytes) }]),
    );
    const known = await this.stored.assetsOf([...new Set([...raw.values()].map((r) => r.sha256))]);
    for (const [file, r] of raw) {
      const asset = known.get(r.sha256);
      if (asset) out.set(file, { sha256: asset, original: r });
    }
    // sharp works on libuv's thread pool: a few images at a time keep every core busy.
    const queue = [...bundle.images].filter(([file]) => !out.has(file));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [file, bytes] = next;
        try {
          const image = await this.assets.normalise(bytes);
          out.set(file, { sha256: image.sha256, image, original: raw.get(file)! });
        } catch (e) {
          if (!(e instanceof ImageError)) throw e;
          const params = { file, detail: e.message };
          errors.push({
            file,
            path: '',
            message: e.message,
            code: 'bundle.image_unreadable',
            params,
            location: { scope: 'bundle' },
          });
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    if (errors.length)
      throw new BundleRejectedError(errors.sort((a, b) => a.file.localeCompare(b.file)));
    return out;
  }

  private async insertVersion(
    m: EntityManager,
    bundle: ValidBundle,
    images: Map<string, BundleImage>,
    actorId: string | null,
  ): Promise<PaperVersionEntity> {
    const { paper, rubric } = bundle;
    const { paperId, nextVersion } = await this.papers.ensurePaper(m, paper.id);
    for (const img of images.values()) {
      if (img.image) await this.assets.save(img.image, m);
      if (img.original.sha256 !== img.sha256)
        await this.stored.saveOriginal(m, img.original.sha256, img.sha256, img.original.bytes);
    }
    const rows = flattenPaper(paper);
    return this.papers.insertVersion(m, {
      version: {
        paperId,
        version: nextVersion,
        contentHash: bundle.contentHash,
        title: paper.title,
        subject: paper.subject,
        grade: paper.grade,
        stage: paper.stage,
        year: paper.year,
        region: paper.region,
        language: paper.language,
        totalPoints: paper.totalPoints ?? paperPoints(rows),
        questionCount: rows.filter((r) => r.parentKey === null).length,
        imageQuestionCount: rows.filter((r) => r.parentKey === null && r.images.length > 0).length,
        scoringPolicy: paper.scoring ?? {},
        source: paper.source,
        document: paper,
        bundle: {
          rubric,
          images: Object.fromEntries([...images].map(([file, img]) => [file, img.original.sha256])),
        },
        status: 'draft',
        createdBy: actorId,
      },
      passages: (paper.passages ?? []).map((p) => ({
        key: p.id,
        title: p.title ?? null,
        content: p.content,
      })),
      questions: rows.map((r) => ({
        key: r.key,
        parentKey: r.parentKey,
        passageKey: r.passageKey ?? null,
        row: {
          ordinal: r.ordinal,
          number: r.number,
          sectionTitle: r.sectionTitle,
          type: r.type,
          isObjective: r.isObjective,
          points: r.points,
          stem: r.stem,
          options: r.options,
          blanks: r.blanks,
          answerKey: r.answerKey,
          referenceAnswer: r.referenceAnswer,
          analysis: r.analysis,
          knowledgeTags: r.tags,
          tolerance: r.tolerance,
          scoringPolicy: r.scoringPolicy,
          hasImages: r.images.length > 0,
          provenance: r.provenance,
        },
        images: r.images.map((img, k) => ({
          ordinal: k,
          role: img.role,
          optionLabel: img.optionLabel,
          assetSha256: images.get(img.file)!.sha256,
          alt: img.alt,
        })),
      })),
      rubrics: rubricRows(rows, rubric).map((r) => ({
        questionNumber: r.questionNumber,
        version: 1,
        mode: r.mode,
        startingPoints: r.startingPoints,
        floorPoints: r.floorPoints,
        ceilingPoints: r.ceilingPoints,
        items: r.items,
        graderNotes: r.graderNotes,
        samples: r.samples,
        isDerived: rubric?.derived ?? false,
        createdBy: actorId,
      })),
    });
  }
}
