import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { JudgeReadsService } from './judge-reads.service';
import { JudgeRunsService } from './judge-runs.service';
import { JudgementsQueryDto, JudgeRunCreateDto, JudgeVisibilityDto } from './judging.dto';

const actorOf = (u: SessionUser, address: string) => ({ id: u.id, name: u.username, address });

/** The researchers' side of the judge: judge runs, their progress and judgements, and who sees judge reads. */
@ApiTags('judging')
@Controller('judging')
@Roles('admin', 'researcher')
export class JudgingController {
  constructor(
    private readonly runs: JudgeRunsService,
    private readonly reads: JudgeReadsService,
  ) {}

  @Get('runs')
  list() {
    return this.runs.list();
  }

  @Post('runs')
  create(
    @Body() body: JudgeRunCreateDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.runs.create(body, actorOf(me, address));
  }

  @Get('runs/:id')
  progress(@Param('id', ParseUUIDPipe) id: string) {
    return this.runs.progress(id);
  }

  /** The run's judgements; `status=failed` lists the failed ones with their codes. */
  @Get('runs/:id/judgements')
  judgements(@Param('id', ParseUUIDPipe) id: string, @Query() q: JudgementsQueryDto) {
    return this.runs.judgements(id, q.status ?? null, q.limit, q.offset);
  }

  /** The questions the run read, with their judgements and the setting of who sees them after their own read. */
  @Get('runs/:id/questions')
  questions(@Param('id', ParseUUIDPipe) id: string) {
    return this.runs.questions(id);
  }

  @Get('questions/:id/visibility')
  visibility(@Param('id', ParseUUIDPipe) id: string) {
    return this.reads.visibility(id);
  }

  @Put('questions/:id/visibility')
  setVisibility(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: JudgeVisibilityDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.reads.setVisibility(id, body.visibility, actorOf(me, address));
  }
}

/** The marking side: a judge's read of an answer, only after the teacher's own read and only where the question allows it. */
@ApiTags('marking')
@Controller('marking')
@Roles('teacher', 'senior_teacher')
export class MarkingJudgeController {
  constructor(private readonly reads: JudgeReadsService) {}

  @Get('tasks/:taskId/judge')
  judge(@Param('taskId') taskId: string, @CurrentUser() me: SessionUser) {
    return this.reads.forTeacher(me, taskId);
  }
}
