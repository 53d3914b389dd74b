import { Injectable } from '@nestjs/common';
import type { DraftValidation, EditorBundle } from '@yuejuan/contracts';
import { zipSync } from 'fflate';
import { AssetsService } from '../assets/assets.service';
import { ImageError } from '../assets/image-normalize';
import { AuditActor } from '../audit/audit.service';
import { UploadRejectedError } from '../common/domain-errors';
import { PaperDoc, RubricDoc } from './bundle/bundle.types';
import { normalisePath } from './bundle/check-paper';
import { DraftBundle, draftToFiles } from './bundle/draft-bundle';
import { flattenPaper } from './bundle/flatten-paper';
import { validateBundle } from './bundle/validate-bundle';
import { ImportResult, PapersImportService } from './papers-import.service';
import { PapersDraftRepository } from './papers-draft.repository';
import { PapersService } from './papers.service';

// What the editor is sent (a version's bundle, a draft's check) is defined once in @yuejuan/contracts.
export type { DraftValidation, EditorBundle } from '@yuejuan/contracts';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The paper editor's side of the server: a bundle arrives as JSON and goes through the same
 * validator and importer as a zip, so a draft saved here is exactly what importing its download gives.
 */
@Injectable()
export class PapersDraftService {
  constructor(
    private readonly importer: PapersImportService,
    private readonly papers: PapersService,
    private readonly assets: AssetsService,
    private readonly stored: PapersDraftRepository,
  ) {}

  async validate(draft: DraftBundle): Promise<DraftValidation> {
    const result = validateBundle(await this.files(draft));
    return result.ok
      ? { ok: true, contentHash: result.bundle.contentHash, problems: [] }
      : { ok: false, contentHash: null, problems: result.errors };
  }

  /** Saves a draft as a new version (or finds the identical one); a bad draft is refused whole (422). */
  async save(draft: DraftBundle, actor: AuditActor): Promise<ImportResult> {
    return this.importer.importBundle(await this.files(draft), actor, false);
  }

  async open(versionId: string): Promise<EditorBundle> {
    const v = await this.papers.getVersion(versionId);
    const slug = await this.stored.slugOf(v.paperId);
    const draft = v.bundle
      ? {
          paper: v.document as PaperDoc,
          rubric: v.bundle.rubric as RubricDoc | null,
          images: v.bundle.images,
        }
      : await this.fromRows(versionId);
    const assets = Object.fromEntries(await this.stored.assetsOf(Object.values(draft.images)));
    return {
      ...draft,
      versionId,
      slug,
      version: v.version,
      status: v.status,
      contentHash: v.contentHash,
      assets,
    };
  }

  /** The version as a bundle zip (paper.json, rubric.json, images) that imports to the same hash. */
  async zip(versionId: string): Promise<{ filename: string; data: Buffer }> {
    const b = await this.open(versionId);
    const files = await this.files(b);
    const folder = `${b.slug}-v${b.version}`;
    const data = zipSync(
      Object.fromEntries([...files].map(([path, bytes]) => [`${folder}/${path}`, bytes])),
      { level: 6 },
    );
    return { filename: `${folder}.zip`, data: Buffer.from(data) };
  }

  /**
   * Which stored asset each image file of an unsaved draft shows as (null where it names none), so the
   * renderer can preview the draft exactly as the stored version will render.
   */
  async imageAssets(draft: DraftBundle): Promise<(file: string) => string | null> {
    const assets = await this.stored.assetsOf(
      Object.values(draft.images).filter((s) => SHA256.test(s)),
    );
    return (file: string) =>
      assets.get(draft.images[file] ?? draft.images[normalisePath(file)]) ?? null;
  }

  /** An image the author adds in the editor: normalised and stored like every bundle image. */
  async uploadImage(file: Express.Multer.File | undefined) {
    if (!file)
      throw new UploadRejectedError(
        'no file: send the image as multipart field "file"',
        400,
        'upload.no_file',
      );
    try {
      const image = await this.assets.normalise(new Uint8Array(file.buffer));
      await this.assets.save(image);
      const ext = image.mime === 'image/png' ? 'png' : 'jpg';
      return {
        sha256: image.sha256,
        file: `images/${image.sha256.slice(0, 16)}.${ext}`,
        width: image.width,
        height: image.height,
      };
    } catch (e) {
      if (!(e instanceof ImageError)) throw e;
      throw new UploadRejectedError(
        `${file.originalname}: ${e.message}`,
        422,
        'upload.image_unreadable',
        {
          file: file.originalname,
          detail: e.message,
        },
      );
    }
  }

  private async files(draft: DraftBundle) {
    const shas = [
      ...new Set(
        Object.values(draft.images ?? {}).filter((s) => typeof s === 'string' && SHA256.test(s)),
      ),
    ];
    const bytes = await this.stored.bytesOf(shas);
    return draftToFiles(
      { paper: draft.paper, rubric: draft.rubric ?? null, images: draft.images ?? {} },
      bytes,
    );
  }

  /**
   * A version imported before bundles were recorded: its rubric from the rubric rows and its
   * question images from their rows. It opens and saves, but its download hashes differently.
   */
  private async fromRows(versionId: string): Promise<DraftBundle> {
    const tree = await this.papers.getTree(versionId);
    const paper = tree.version.document as PaperDoc;
    const nodes = tree.questions
      .flatMap((q) => [q, ...q.subQuestions])
      .sort((a, b) => a.ordinal - b.ordinal);
    const images: Record<string, string> = {};
    const questions: RubricDoc['questions'] = [];
    flattenPaper(paper).forEach((row, k) => {
      const node = nodes[k];
      row.images.forEach(
        (img, i) => node?.images[i] && (images[img.file] = node.images[i].assetSha256),
      );
      const r = node?.rubric;
      if (r) {
        questions.push({
          question: row.number,
          mode: r.mode,
          startingPoints: r.startingPoints,
          floor: r.floorPoints,
          ceiling: r.ceilingPoints,
          ...(r.graderNotes ? { graderNotes: r.graderNotes } : {}),
          items: r.items as RubricDoc['questions'][number]['items'],
          samples: r.samples as RubricDoc['questions'][number]['samples'],
        });
      }
    });
    const rubric: RubricDoc | null = questions.length
      ? { format: 'yuejuan/rubric@1', paper: paper.id, questions }
      : null;
    return { paper, rubric, images };
  }
}
