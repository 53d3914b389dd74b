import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AssetsService } from '../assets/assets.service';
import { AuditActor, AuditService } from '../audit/audit.service';
import { cropImage } from '../assets/image-normalize';
import { sha256 } from '../common/hashing';
import { DomainError, UploadRejectedError } from '../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { JobsService } from '../jobs/jobs.service';
import { checkCropRect, CropRect } from './crop-rect';
import { inspectPdf, MAX_CANVAS_SIDE, PdfProblem } from './pdf-inspect';
import { openPdf, PdfError, renderPage } from './pdf-render';
import { PdfDocumentEntity, PdfPageEntity } from './pdf.entities';

const QUEUE = 'pdf-render';
/** The list an author picks from: recent uploads are what they come back to. */
const LIST_LIMIT = 100;

@Injectable()
export class PdfService implements OnModuleInit {
  private readonly logger = new Logger(PdfService.name);

  constructor(
    private readonly db: DataSource,
    @InjectRepository(PdfDocumentEntity) private readonly docs: Repository<PdfDocumentEntity>,
    @InjectRepository(PdfPageEntity) private readonly pages: Repository<PdfPageEntity>,
    private readonly assets: AssetsService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit() {
    await this.jobs.work(QUEUE, ({ id }) => this.render(id));
  }

  /**
   * Checks the upload (type by content, size, page count, no JavaScript, pages small enough to
   * render), stores it, and queues the rendering.
   */
  async upload(file: Express.Multer.File | undefined, actor: AuditActor) {
    if (!file)
      throw new UploadRejectedError(
        'no file: send the PDF as multipart field "file"',
        400,
        'upload.no_file',
      );
    const name = file.originalname;
    if (file.buffer.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new UploadRejectedError(
        `${name}: not a PDF (the content does not start with %PDF-)`,
        415,
        'pdf.not_pdf',
        { file: name },
      );
    }
    if (file.size > this.config.uploadMaxBytes)
      throw new UploadRejectedError(
        `${name}: ${file.size} bytes exceeds the limit of ${this.config.uploadMaxBytes}`,
        413,
        'upload.too_large',
        {
          file: name,
          max: this.config.uploadMaxBytes,
        },
      );
    let pageCount: number;
    let problem: PdfProblem | null = null;
    try {
      const doc = await openPdf(file.buffer);
      pageCount = doc.numPages;
      if (pageCount <= this.config.pdfMaxPages) {
        problem = await inspectPdf(file.buffer, doc, {
          maxPixels: this.config.imageMaxPixels,
          maxSide: MAX_CANVAS_SIDE,
        });
      }
      await doc.destroy();
    } catch (e) {
      if (e instanceof PdfError)
        throw new UploadRejectedError(`${name}: ${e.message}`, 422, 'pdf.unreadable', {
          file: name,
        });
      throw e;
    }
    if (pageCount > this.config.pdfMaxPages) {
      throw new UploadRejectedError(
        `${name}: ${pageCount} pages exceeds the limit of ${this.config.pdfMaxPages}`,
        422,
        'pdf.too_many_pages',
        {
          file: name,
          pages: pageCount,
          max: this.config.pdfMaxPages,
        },
      );
    }
    if (problem)
      throw new UploadRejectedError(`${name}: ${problem.message}`, 422, problem.code, {
        file: name,
        ...problem.params,
      });
    const saved = await this.docs.save(
      this.docs.create({
        filename: name,
        sha256: sha256(file.buffer),
        byteSize: file.size,
        data: file.buffer,
        pageCount,
        status: 'queued',
        createdBy: actor.id,
      }),
    );
    await this.audit.record(actor, {
      action: 'pdf_upload',
      entityType: 'pdf',
      entityId: saved.id,
      after: { filename: name, pageCount },
    });
    await this.jobs.send(QUEUE, { id: saved.id });
    return this.get(saved.id);
  }

  async get(id: string) {
    const doc = await this.docs.findOne({ where: { id } });
    if (!doc) throw new DomainError(`PDF ${id} not found`, 404, undefined, 'pdf.not_found');
    const pages = await this.pages.find({ where: { pdfId: id }, order: { pageNumber: 'ASC' } });
    return {
      id: doc.id,
      filename: doc.filename,
      pageCount: doc.pageCount,
      status: doc.status,
      error: doc.error,
      pages: pages.map((p) => ({
        pageNumber: p.pageNumber,
        imageUrl: `/api/assets/${p.assetSha256}`,
        sha256: p.assetSha256,
        widthPt: p.widthPt,
        heightPt: p.heightPt,
        scale: p.scale,
        text: p.textItems.map((t) => t.str).join(''),
        textItems: p.textItems,
      })),
    };
  }

  /** Job handler: renders pages not yet rendered, so a retry after a crash continues. */
  async render(id: string): Promise<void> {
    const doc = await this.docs
      .createQueryBuilder('d')
      .addSelect('d.data')
      .where('d.id = :id', { id })
      .getOne();
    if (!doc || doc.status === 'ready') return;
    await this.docs.update(id, { status: 'rendering' });
    let current = 0;
    try {
      const pdf = await openPdf(doc.data);
      const done = new Set(
        (await this.pages.find({ where: { pdfId: id }, select: { pageNumber: true } })).map(
          (p) => p.pageNumber,
        ),
      );
      for (let n = 1; n <= pdf.numPages; n++) {
        if (done.has(n)) continue;
        current = n;
        const page = await renderPage(pdf, n);
        const image = await this.assets.normalise(page.png);
        await this.db.transaction(async (m) => {
          await this.assets.save(image, m);
          await m.getRepository(PdfPageEntity).insert({
            pdfId: id,
            pageNumber: n,
            assetSha256: image.sha256,
            widthPt: page.widthPt,
            heightPt: page.heightPt,
            scale: image.width / page.widthPt,
            textItems: page.textItems.map((t) =>
              scaleItem(t, image.width / (page.widthPt * page.scale)),
            ),
          });
        });
      }
      await pdf.destroy();
      await this.docs.update(id, { status: 'ready', finishedAt: new Date(), error: null });
    } catch (e) {
      // The record says what failed and where: the author sees it on the PDF, not only in a log.
      const error = `${current ? `page ${current} could not be rendered` : 'the PDF could not be opened'}: ${(e as Error).message}`;
      this.logger.error(`PDF ${id} failed: ${error}`);
      await this.docs.update(id, { status: 'failed', error, finishedAt: new Date() });
    }
  }

  /** The PDFs uploaded so far, newest first, so an author can come back to one and crop from it. */
  async list(limit = LIST_LIMIT) {
    const docs = await this.docs.find({ order: { createdAt: 'DESC' }, take: limit });
    return docs.map((d) => ({
      id: d.id,
      filename: d.filename,
      pageCount: d.pageCount,
      status: d.status,
      createdAt: d.createdAt,
    }));
  }

  /**
   * Cuts a rectangle (pixels of the stored page render, at RENDER_SCALE) into an image stored by
   * sha256 like every other: the editor sends its selection scaled back to those pixels.
   */
  async crop(id: string, pageNumber: number, rect: CropRect) {
    const doc = await this.docs.findOne({ where: { id } });
    if (!doc) throw new DomainError(`PDF ${id} not found`, 404, undefined, 'pdf.not_found', { id });
    const pages = doc.pageCount ?? 0;
    if (pageNumber < 1 || pageNumber > pages) {
      throw new DomainError(
        `${doc.filename} has no page ${pageNumber} (it has ${pages})`,
        404,
        undefined,
        'pdf.page_not_found',
        {
          file: doc.filename,
          page: pageNumber,
          pages,
        },
      );
    }
    const page = await this.pages.findOne({ where: { pdfId: id, pageNumber } });
    if (!page) {
      throw new DomainError(
        `${doc.filename}: page ${pageNumber} is not rendered yet (${doc.status})`,
        409,
        undefined,
        'pdf.not_ready',
        {
          file: doc.filename,
          status: doc.status,
        },
      );
    }
    const original = await this.assets.getOriginal(page.assetSha256);
    const checked = checkCropRect(rect, original);
    if ('problem' in checked) {
      const { message, code, params } = checked.problem;
      throw new DomainError(
        `${doc.filename}, page ${pageNumber}: ${message}`,
        422,
        undefined,
        code,
        {
          file: doc.filename,
          page: pageNumber,
          ...params,
        },
      );
    }
    const image = await this.assets.normalise(await cropImage(original.data, checked.rect));
    await this.assets.save(image);
    const ext = image.mime === 'image/jpeg' ? 'jpg' : 'png';
    return {
      sha256: image.sha256,
      url: `/api/assets/${image.sha256}`,
      // The bundle path the editor gives it: page and content, so the same crop twice is one file.
      file: `images/pdf-p${pageNumber}-${image.sha256.slice(0, 10)}.${ext}`,
      width: image.width,
      height: image.height,
      page: pageNumber,
      rect: checked.rect,
    };
  }
}

/** Page images may be scaled down on storage; text boxes follow them. */
function scaleItem<T extends { x: number; y: number; width: number; height: number }>(
  t: T,
  f: number,
): T {
  return { ...t, x: t.x * f, y: t.y * f, width: t.width * f, height: t.height * f };
}
