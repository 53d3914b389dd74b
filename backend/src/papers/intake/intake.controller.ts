import {
  CallHandler,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  Inject,
  Injectable,
  NestInterceptor,
  Param,
  ParseUUIDPipe,
  PayloadTooLargeException,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { catchError, Observable, throwError } from 'rxjs';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../../auth/auth.decorators';
import { PAPER_WRITERS } from '../../auth/roles';
import { UploadRejectedError } from '../../common/domain-errors';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { IntakeService } from './intake.service';

/** Multer stops an upload at the size limit; this says so with a code and the limit. */
@Injectable()
class UploadLimitInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((e: unknown) =>
        throwError(() =>
          e instanceof PayloadTooLargeException
            ? new UploadRejectedError(
                `the file exceeds the upload limit of ${this.config.uploadMaxBytes} bytes`,
                413,
                'upload.too_large',
                {
                  max: this.config.uploadMaxBytes,
                },
              )
            : e,
        ),
      ),
    );
  }
}

@ApiTags('papers')
@Controller()
@Roles(...PAPER_WRITERS)
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post('papers/intake')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A Word (.docx) or PDF paper → a draft paper (IntakeDraft) for the editor; nothing is published',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  fromUpload(
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.intake.intake(file, { id: me.id, name: me.username, address });
  }

  @Get('papers/intake/samples')
  @ApiOperation({ summary: 'The sample Word and PDF papers shipped for the demo' })
  samples() {
    return this.intake.listSamples();
  }

  @Post('papers/intake/samples/:name')
  @HttpCode(200)
  @ApiOperation({
    summary: 'A draft of a shipped sample paper, as if it had been uploaded (one-click demo)',
  })
  fromSample(
    @Param('name') name: string,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.intake.fromSample(name, { id: me.id, name: me.username, address });
  }

  @Post('pdfs/:id/draft')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A draft paper from a PDF uploaded earlier, once its pages are rendered (409 pdf.not_ready before)',
  })
  fromPdf(@Param('id', ParseUUIDPipe) id: string) {
    return this.intake.fromStoredPdf(id);
  }
}
