import { miniBundle, zipOf } from '../../test/fixtures/bundle-fixture';
import type { AuditActor } from '../audit/audit.service';
import { UploadRejectedError } from '../common/domain-errors';
import type { AppConfig } from '../config/app-config';
import type { BundleFiles } from './bundle/bundle-files';
import type { PapersImportService } from './papers-import.service';
import { PapersUploadService } from './papers-upload.service';

/** The decisions of PapersUploadService against a hand-written importer: what it refuses before importing, what it hands on. */

const actor: AuditActor = { id: 'u1', name: 'author' };

class Fakes {
  calls: string[] = [];
  handed: BundleFiles | null = null;
  config = { bundleMaxFiles: 50, uploadMaxBytes: 1_000_000 } as AppConfig;
  importer = {
    importBundle: async (files: BundleFiles, a: AuditActor, publish: boolean) => {
      this.calls.push(`importBundle ${a.id} ${publish}`);
      this.handed = files;
      return { status: 'created', versionId: 'v1' };
    },
    publish: async (id: string, a: AuditActor) => {
      this.calls.push(`publish ${id} ${a.id}`);
      return { status: 'published', versionId: id };
    },
  };
  service() {
    return new PapersUploadService(this.importer as unknown as PapersImportService, this.config);
  }
}

const upload = (buffer: Buffer, originalname = 'bundle.zip') =>
  ({ buffer, originalname, mimetype: 'application/zip' }) as Express.Multer.File;

const refusal = (p: Promise<unknown>) => p.then(() => null).catch((e) => e as UploadRejectedError);

describe('PapersUploadService.importZip', () => {
  it('refuses a request without a file (400)', async () => {
    const f = new Fakes();
    const err = await refusal(f.service().importZip(undefined, false, actor));
    expect(err).toBeInstanceOf(UploadRejectedError);
    expect(err).toMatchObject({ status: 400 });
    expect(f.calls).toEqual([]);
  });

  it('refuses what is not a zip by its content, whatever it is called (415 upload.not_zip)', async () => {
    const f = new Fakes();
    const err = await refusal(
      f
        .service()
        .importZip(upload(Buffer.from('format: yuejuan/paper@1'), 'paper.zip'), false, actor),
    );
    expect(err).toMatchObject({
      status: 415,
      code: 'upload.not_zip',
      params: { file: 'paper.zip' },
    });
    expect(f.calls).toEqual([]);
  });

  it('turns an unreadable zip into a 422 naming the upload, with the reader’s code and parameters', async () => {
    const f = new Fakes();
    f.config.bundleMaxFiles = 2;
    const err = await refusal(f.service().importZip(upload(zipOf(miniBundle())), false, actor));
    expect(err).toMatchObject({
      status: 422,
      code: 'zip.too_many_files',
      params: { file: 'bundle.zip', max: 2 },
    });
    expect(err!.message).toMatch(/^bundle\.zip: /);
    expect(f.calls).toEqual([]);
  });

  it('refuses a zip expanding beyond four times the upload limit (422 zip.too_large)', async () => {
    const f = new Fakes();
    f.config.uploadMaxBytes = 10;
    const err = await refusal(f.service().importZip(upload(zipOf(miniBundle())), false, actor));
    expect(err).toMatchObject({ status: 422, code: 'zip.too_large', params: { max: 40 } });
  });

  it('hands the unpacked files, without their top folder, to the importer with the actor and publish flag', async () => {
    const f = new Fakes();
    const r = await f.service().importZip(upload(zipOf(miniBundle())), true, actor);
    expect(r).toEqual({ status: 'created', versionId: 'v1' });
    expect(f.calls).toEqual(['importBundle u1 true']);
    expect([...f.handed!.keys()].sort()).toEqual(['images/fig1.png', 'paper.yaml', 'rubric.yaml']);
  });
});

describe('PapersUploadService.publish', () => {
  it('is the importer’s publish', async () => {
    const f = new Fakes();
    expect(await f.service().publish('v7', actor)).toEqual({
      status: 'published',
      versionId: 'v7',
    });
    expect(f.calls).toEqual(['publish v7 u1']);
  });
});
