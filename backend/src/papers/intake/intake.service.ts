import { Inject, Injectable } from '@nestjs/common';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AssetsService } from '../../assets/assets.service';
import { ImageError } from '../../assets/image-normalize';
import type { AuditActor } from '../../audit/audit.service';
import { DomainError, UploadRejectedError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { openPdf } from '../../pdf-intake/pdf-render';
import { PdfService } from '../../pdf-intake/pdf.service';
import { buildDraft } from './build-draft';
import { DocxReadError, readDocx } from './docx-read';
import { INTAKE_DRAFT_FORMAT, IntakeDraft, IntakeImage, IntakeSource } from './draft.types';
import { pdfLines, PositionedText } from './pdf-lines';
import { extractPdfText } from './pdf-text';

/** A Word file holds a few dozen parts plus its media; far more is not an exam paper. */
const DOCX_MAX_ENTRIES = 2000;
const DOCX_MAX_IMAGES = 300;
/** exam-papers/intake-samples: the Word and PDF papers the demo drafts in one click. */
const SAMPLES_FOLDER = 'intake-samples';

/** Word or PDF → a draft paper for the editor; images are normalised and stored like any other. */
@Injectable()
export class IntakeService {
  constructor(
    private readonly assets: AssetsService,
    private readonly pdfs: PdfService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Decides by content, not by the declared type or the file name's extension. */
  async intake(file: Express.Multer.File | undefined, actor: AuditActor): Promise<IntakeDraft> {
    if (!file)
      throw new UploadRejectedError(
        'no file: send the Word (.docx) or PDF file as multipart field "file"',
        400,
        'upload.no_file',
      );
    const head = file.buffer.subarray(0, 8);
    if (head.subarray(0, 5).toString('latin1') === '%PDF-') return this.fromPdfUpload(file, actor);
    const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
    const isCompound = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
    if (isZip || isCompound) return this.fromDocx(file);
    throw new UploadRejectedError(
      `${file.originalname}: neither a Word .docx nor a PDF (the content is of another kind); save the paper as .docx or PDF`,
      415,
      'intake.unsupported_type',
      { file: file.originalname },
    );
  }

  /** The sample papers shipped for the demo, by file name. */
  listSamples(): { name: string; kind: 'docx' | 'pdf'; bytes: number }[] {
    const dir = join(this.config.samplesDir, SAMPLES_FOLDER);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => /\.(docx|pdf)$/.test(f))
      .sort()
      .map((name) => ({
        name,
        kind: name.endsWith('.pdf') ? 'pdf' : 'docx',
        bytes: statSync(join(dir, name)).size,
      }));
  }

  /** A draft of a shipped sample, exactly as if the author had uploaded the file. */
  async fromSample(name: string, actor: AuditActor): Promise<IntakeDraft> {
    // Only names from the listing are read, so a name can never reach outside the folder.
    const sample = this.listSamples().find((s) => s.name === name);
    if (!sample)
      throw new DomainError(
        `no sample paper named "${name}"`,
        404,
        undefined,
        'intake.sample_not_found',
        { name },
      );
    const buffer = readFileSync(join(this.config.samplesDir, SAMPLES_FOLDER, sample.name));
    return this.intake(
      { buffer, originalname: sample.name, size: buffer.length } as Express.Multer.File,
      actor,
    );
  }

  /** A draft from a PDF uploaded earlier, from the text stored when its pages were rendered. */
  async fromStoredPdf(id: string): Promise<IntakeDraft> {
    const pdf = await this.pdfs.get(id);
    if (pdf.status === 'failed') {
      throw new DomainError(
        `${pdf.filename}: ${pdf.error ?? 'rendering failed'}`,
        422,
        undefined,
        'pdf.failed',
        { file: pdf.filename },
      );
    }
    if (pdf.status !== 'ready') {
      throw new DomainError(
        `${pdf.filename}: its pages are still being rendered (${pdf.status}); ask again when it is ready`,
        409,
        undefined,
        'pdf.not_ready',
        { file: pdf.filename, status: pdf.status },
      );
    }
    // Stored positions are pixels of the page image; the splitter only compares them with each other.
    return this.pdfDraft(
      { kind: 'pdf', filename: pdf.filename, pdfId: id, pages: pdf.pageCount ?? pdf.pages.length },
      pdf.pages,
    );
  }

  private async fromDocx(file: Express.Multer.File): Promise<IntakeDraft> {
    const name = file.originalname;
    const images: IntakeImage[] = [];
    const store = async (bytes: Uint8Array): Promise<string | null> => {
      let image;
      try {
        image = await this.assets.normalise(bytes);
      } catch (e) {
        // An EMF/WMF drawing or a broken picture: the draft says so instead of failing the file.
        if (e instanceof ImageError) return null;
        throw e;
      }
      await this.assets.save(image);
      const seen = images.find((i) => i.sha256 === image.sha256);
      if (seen) return seen.name;
      const ext = image.mime === 'image/png' ? 'png' : 'jpg';
      images.push({
        name: `images/img-${images.length + 1}.${ext}`,
        sha256: image.sha256,
        mime: image.mime,
        width: image.width,
        height: image.height,
      });
      return images[images.length - 1].name;
    };
    try {
      const limits = {
        maxTotalBytes: this.config.uploadMaxBytes * 4,
        maxEntries: DOCX_MAX_ENTRIES,
        maxImages: DOCX_MAX_IMAGES,
      };
      const content = await readDocx(new Uint8Array(file.buffer), limits, store);
      const split = buildDraft(content.lines, name);
      return {
        format: INTAKE_DRAFT_FORMAT,
        source: { kind: 'docx', filename: name },
        ...split,
        images,
        flags: [...content.flags, ...split.flags],
      };
    } catch (e) {
      if (e instanceof DocxReadError) {
        const status = e.code === 'docx.too_large' ? 413 : 422;
        throw new UploadRejectedError(`${name}: ${e.message}`, status, e.code, {
          file: name,
          ...e.params,
        });
      }
      throw e;
    }
  }

  /** The PDF is checked and stored by pdf-intake (its pages render in the background for cropping). */
  private async fromPdfUpload(file: Express.Multer.File, actor: AuditActor): Promise<IntakeDraft> {
    const stored = await this.pdfs.upload(file, actor);
    const doc = await openPdf(file.buffer);
    try {
      const pages = await extractPdfText(doc);
      return this.pdfDraft(
        { kind: 'pdf', filename: file.originalname, pdfId: stored.id, pages: doc.numPages },
        pages,
      );
    } finally {
      await doc.destroy();
    }
  }

  private pdfDraft(
    source: IntakeSource,
    pages: { pageNumber: number; textItems: PositionedText[] }[],
  ): IntakeDraft {
    const { lines, furniture } = pdfLines(pages);
    const split = buildDraft(lines, source.filename);
    return {
      format: INTAKE_DRAFT_FORMAT,
      source,
      ...split,
      unrecognised: [...split.unrecognised, ...furniture],
      images: [],
      flags: [
        ...split.flags,
        {
          code: 'pdf_figures',
          path: '',
          params: { pdfId: source.pdfId ?? '', pages: source.pages ?? pages.length },
        },
      ],
    };
  }
}
