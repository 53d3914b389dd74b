import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
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
  @ApiOperation({ summary: 'Upload a PDF; pages are rendered and their text extracted in a background job' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file'))
  upload(@UploadedFile() file: Express.Multer.File | undefined, @CurrentUser() me: SessionUser, @ClientAddress() address: string) {
    return this.pdfs.upload(file, { id: me.id, name: me.username, address });
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.pdfs.get(id);
  }

  @Post(':id/pages/:page/crop')
  @ApiOperation({ summary: 'Cut a rectangle of a page (pixels of its image) into a question image' })
  crop(@Param('id', ParseUUIDPipe) id: string, @Param('page', ParseIntPipe) page: number, @Body() rect: PdfCropDto) {
    return this.pdfs.crop(id, page, rect);
  }
}
