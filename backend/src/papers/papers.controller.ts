import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { PAPER_READERS, PAPER_WRITERS } from '../auth/roles';
import { PaperImportQueryDto, PaperListQueryDto } from './papers.dto';
import { PapersUploadService } from './papers-upload.service';
import { PapersService } from './papers.service';

@ApiTags('papers')
@Controller('papers')
export class PapersController {
  constructor(
    private readonly papers: PapersService,
    private readonly uploads: PapersUploadService,
  ) {}

  @Get()
  @Roles(...PAPER_READERS)
  @ApiOperation({
    summary: 'The latest version of each paper, filtered by subject, stage, grade, year or title',
  })
  list(@Query() query: PaperListQueryDto) {
    return this.papers.list(query);
  }

  @Post('import')
  @Roles(...PAPER_WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Import a bundle (zip): 200 with status created or unchanged; 422 naming file, line and field',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } },
  })
  @UseInterceptors(FileInterceptor('file'))
  import(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query() query: PaperImportQueryDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.uploads.importZip(file, query.publish === 'true', {
      id: me.id,
      name: me.username,
      address,
    });
  }

  @Get(':id')
  @Roles(...PAPER_READERS)
  @ApiOperation({ summary: 'A paper version with every question as a person sees it' })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.papers.getDetail(id);
  }

  @Post(':id/publish')
  @Roles(...PAPER_WRITERS)
  @HttpCode(200)
  async publish(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    await this.papers.getVersion(id);
    await this.uploads.publish(id, { id: me.id, name: me.username, address });
    return this.papers.getDetail(id);
  }
}
