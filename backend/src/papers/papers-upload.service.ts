import { Inject, Injectable } from '@nestjs/common';
import { AuditActor } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { UploadRejectedError } from '../common/domain-errors';
import { BundleReadError, readBundleZip } from './bundle/bundle-files';
import { ImportResult, PapersImportService } from './papers-import.service';

/** HTTP side of imports: checks the upload itself, then hands the files to the importer. */
@Injectable()
export class PapersUploadService {
  constructor(
    private readonly importer: PapersImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async importZip(
    file: Express.Multer.File | undefined,
    publish: boolean,
    actor: AuditActor,
  ): Promise<ImportResult> {
    if (!file) throw new UploadRejectedError('no file: send the bundle as multipart field "file"');
    const bytes = new Uint8Array(file.buffer);
    // Sniff the content, not the declared type: a zip starts with "PK\x03\x04".
    if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
      throw new UploadRejectedError(
        `${file.originalname}: not a zip file; upload a zip of the bundle folder`,
        415,
        'upload.not_zip',
        {
          file: file.originalname,
        },
      );
    }
    let files;
    try {
      files = await readBundleZip(bytes, {
        maxFiles: this.config.bundleMaxFiles,
        maxTotalBytes: this.config.uploadMaxBytes * 4,
      });
    } catch (e) {
      if (e instanceof BundleReadError) {
        throw new UploadRejectedError(`${file.originalname}: ${e.message}`, 422, e.code, {
          file: file.originalname,
          ...e.params,
        });
      }
      throw e;
    }
    return this.importer.importBundle(files, actor, publish);
  }

  publish(versionId: string, actor: AuditActor) {
    return this.importer.publish(versionId, actor);
  }
}
