import {
  Body,
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
import { UploadRejectedError } from '../common/domain-errors';
import { parseAnswersJsonl, parseGaokaoBenchResult } from './answers-import';
import { AnswersImportService } from './answers-import.service';
import { Pipeline } from '../jobs/pipeline';
import { ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { AnswersImportQueryDto, RunAnswersQueryDto, RunCreateDto } from './runs.dto';
import { RunnerService } from './runner.service';
import { RunsService } from './runs.service';

const actorOf = (u: SessionUser, address: string) => ({ id: u.id, name: u.username, address });

@ApiTags('runs')
@Controller('runs')
@Roles('admin', 'researcher')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly runner: RunnerService,
    private readonly importer: AnswersImportService,
    private readonly pipeline: Pipeline,
  ) {}

  @Post('import')
  @UseInterceptors(FileInterceptor('file'))
  async importAnswers(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Query() query: AnswersImportQueryDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    if (!file) throw new UploadRejectedError('no file: send the answers as multipart field "file"');
    // The parsers decode the bytes themselves: strict UTF-8, byte-order mark dropped.
    const text = file.buffer;
    const isBench = query.format === 'gaokao-bench';
    const { lines, errors } = isBench
      ? parseGaokaoBenchResult(file.originalname, text, query.model)
      : parseAnswersJsonl(file.originalname, text);
    const name = query.name ?? `imported: ${file.originalname}`;
    const stored = await this.importer.import(
      file.originalname,
      lines,
      errors,
      { name, skipUnknown: isBench },
      actorOf(me, address),
    );
    return { ...stored, graded: (await this.pipeline.settle()).graded }; // the run page shows scores when this returns
  }

  @Get()
  list() {
    return this.runs.list();
  }

  @Post()
  async create(
    @Body() body: RunCreateDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    const run = await this.runs.create(body, actorOf(me, address));
    await this.runner.announce();
    return run;
  }

  @Get(':id')
  progress(@Param('id', ParseUUIDPipe) id: string) {
    return this.runs.progress(id);
  }

  @Get(':id/answers')
  answers(@Param('id', ParseUUIDPipe) id: string, @Query() query: RunAnswersQueryDto) {
    return this.runs.answers(id, query);
  }

  @Post(':id/pause')
  @HttpCode(200)
  pause(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.runs.setStatus(id, 'paused', actorOf(me, address));
  }

  @Post(':id/resume')
  @HttpCode(200)
  async resume(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    const run = await this.runs.setStatus(id, 'running', actorOf(me, address));
    await this.runner.announce();
    return run;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.runs.setStatus(id, 'cancelled', actorOf(me, address));
  }
}
