import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { UploadRejectedError } from '../common/domain-errors';
import { Pipeline } from '../jobs/pipeline';
import { CohortImportDto, CohortListQueryDto, CohortSyntheticDto } from './cohorts.dto';
import { CohortsService } from './cohorts.service';
import { StudentAnswersService } from './student-answers.service';

const actorOf = (u: SessionUser, address: string) => ({ id: u.id, name: u.username, address });

@ApiTags('cohorts')
@Controller('cohorts')
@Roles('admin', 'researcher')
export class CohortsController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly answers: StudentAnswersService,
    private readonly pipeline: Pipeline,
  ) {}

  /** Student results as CSV or XLSX: per-question statistics or a per-student score matrix. */
  @Post()
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  import(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: CohortImportDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() a: string,
  ) {
    if (!file)
      throw new UploadRejectedError(
        'no file: send the results as multipart field "file" (CSV or XLSX)',
      );
    return this.cohorts.importFile(
      body.paperVersionId,
      body.name,
      file.originalname,
      file.buffer,
      actorOf(me, a),
    );
  }

  /** A synthetic cohort from the documented IRT model, labelled synthetic. */
  @Post('synthetic')
  synthetic(
    @Body() body: CohortSyntheticDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() a: string,
  ) {
    return this.cohorts.generateSynthetic(
      body.paperVersionId,
      body.students ?? 1000,
      actorOf(me, a),
    );
  }

  @Get()
  list(@Query() q: CohortListQueryDto) {
    return this.cohorts.list(q.paperVersionId);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.cohorts.get(id);
  }

  /** Students' answers (student, question, answer) for blind marking beside the models'. */
  @Post(':id/answers')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  async importAnswers(
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: Express.Multer.File | undefined,
    @CurrentUser() me: SessionUser,
    @ClientAddress() a: string,
  ) {
    if (!file)
      throw new UploadRejectedError(
        'no file: send the answers as multipart field "file" (CSV or XLSX)',
      );
    const stored = await this.answers.import(id, file.originalname, file.buffer, actorOf(me, a));
    // The answer says what was graded: objective answers graded, the rest queued for teachers.
    const { graded } = await this.pipeline.settle();
    return { ...stored, graded };
  }
}
