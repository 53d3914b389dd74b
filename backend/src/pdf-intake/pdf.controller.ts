import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { PAPER_WRITERS } from '../auth/roles';
import { PdfCropDto } from './pdf.dto';
import { PdfService } from './pdf.service';

@ApiTags('pdfs')
@Controller('pdfs')
@Roles(...PAPER_WRITERS)
export class PdfController {
  constructor(private readonly pdfs: PdfService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Upload a PDF; pages are rendered and their text extracted in a background job',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @UseInterceptors(FileInterceptor('file'))
  upload(
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.pdfs.upload(file, { id: me.id, name: me.username, address });
  }

  @Get()
  @ApiOperation({
    summary:
      'The uploaded PDFs, newest first (to come back to one and crop figures from its pages)',
  })
  list() {
    return this.pdfs.list();
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.pdfs.get(id);
  }

  @Post(':id/pages/:page/crop')
  @ApiOperation({
    summary:
      'Cut a rectangle of a page (pixels of its stored render) into an image stored by sha256; 422 pdf.crop_outside / pdf.crop_too_small, 404 pdf.page_not_found',
  })
  crop(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('page', ParseIntPipe) page: number,
    @Body() rect: PdfCropDto,
  ) {
    return this.pdfs.crop(id, page, rect);
  }
}
