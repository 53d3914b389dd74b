import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { PAPER_READERS, PAPER_WRITERS } from '../auth/roles';
import { DraftBundle } from './bundle/draft-bundle';
import { DraftBundleDto } from './papers-draft.dto';
import { PapersDraftService } from './papers-draft.service';

/** The paper editor: bundles as JSON in, validated and imported exactly as a zip is. */
@ApiTags('papers')
@Controller('papers')
export class PapersDraftController {
  constructor(private readonly drafts: PapersDraftService) {}

  @Post('drafts/validate')
  @Roles(...PAPER_WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Validate a bundle as JSON without storing it: every problem, each with code, params and location',
  })
  validate(@Body() body: DraftBundleDto) {
    return this.drafts.validate(asDraft(body));
  }

  @Post('drafts')
  @Roles(...PAPER_WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Save a bundle as JSON as a draft version (status created or unchanged); 422 with every problem',
  })
  save(
    @Body() body: DraftBundleDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.drafts.save(asDraft(body), { id: me.id, name: me.username, address });
  }

  @Post('drafts/images')
  @Roles(...PAPER_WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Store an image for the editor (normalised like bundle images); returns its sha256 and a bundle path',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @UseInterceptors(FileInterceptor('file'))
  image(@UploadedFile() file: Express.Multer.File | undefined) {
    return this.drafts.uploadImage(file);
  }

  @Get(':id/bundle')
  @Roles(...PAPER_WRITERS)
  @ApiOperation({
    summary: 'A version as the editor edits it: paper, rubric and image sha256 per bundle path',
  })
  open(@Param('id', ParseUUIDPipe) id: string) {
    return this.drafts.open(id);
  }

  @Get(':id/bundle.zip')
  @Roles(...PAPER_READERS)
  @ApiOperation({
    summary:
      'A version as a bundle zip (paper.json, rubric.json, images) that imports to the same content hash',
  })
  async download(@Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    const zip = await this.drafts.zip(id);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${zip.filename}"`);
    res.send(zip.data);
  }
}

function asDraft(body: DraftBundleDto): DraftBundle {
  return body as unknown as DraftBundle;
}
