import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { LeaseDto, MarkDto, MarkFieldsDto, ProblemDto } from './marking.dto';
import { MarkingReviewService } from './marking-review.service';
import { MarkingService } from './marking.service';
import { MarkingViewService } from './marking-view.service';

/** The teacher's side of marking. Every answer here is blind: no model, student or source field. */
@ApiTags('marking')
@Controller('marking')
@Roles('teacher', 'senior_teacher')
export class MarkingController {
  constructor(
    private readonly marking: MarkingService,
    private readonly reviews: MarkingReviewService,
    private readonly views: MarkingViewService,
  ) {}

  @Get('questions')
  questions(@CurrentUser() me: SessionUser) {
    return this.marking.myQuestions(me.id);
  }

  /** The question as the student saw it (stem, passage, figures, options) with its key: loaded once per question. */
  @Get('questions/:questionId/view')
  view(@Param('questionId', ParseUUIDPipe) questionId: string, @CurrentUser() me: SessionUser) {
    return this.views.questionView(me, questionId);
  }

  /** Leases the next answer to mark for a question (204 when there is none left for this teacher). */
  @Post('questions/:questionId/next')
  @HttpCode(200)
  async next(
    @Param('questionId', ParseUUIDPipe) questionId: string,
    @Query('resume') resume: string | undefined,
    @CurrentUser() me: SessionUser,
  ) {
    // resume=true (opening or reloading the marking page): the answer already leased to me, if any.
    const mine = resume === 'true' ? await this.marking.myLease(me.id, questionId) : null;
    return mine ?? (await this.marking.next(me.id, questionId)) ?? { done: true };
  }

  @Post('tasks/:taskId/marks')
  @HttpCode(201)
  submit(@Param('taskId') taskId: string, @Body() body: MarkDto, @CurrentUser() me: SessionUser) {
    return this.marking.submit(me.id, taskId, body);
  }

  @Post('tasks/:taskId/skip')
  @HttpCode(200)
  skip(@Param('taskId') taskId: string, @Body() body: LeaseDto, @CurrentUser() me: SessionUser) {
    return this.marking.skip(me.id, taskId, body.leaseToken);
  }

  @Post('tasks/:taskId/problem')
  @HttpCode(200)
  problem(
    @Param('taskId') taskId: string,
    @Body() body: ProblemDto,
    @CurrentUser() me: SessionUser,
  ) {
    return this.marking.problem(me.id, taskId, body.leaseToken, body.reason);
  }

  /** My recent marks, to review and correct (回评). */
  @Get('history')
  history(@CurrentUser() me: SessionUser) {
    return this.reviews.history(me.id);
  }

  /** An answer I marked, shown again (blind) for a correction. */
  @Get('tasks/:taskId')
  myTask(@Param('taskId') taskId: string, @CurrentUser() me: SessionUser) {
    return this.reviews.myTask(me.id, taskId);
  }

  @Post('tasks/:taskId/review')
  @HttpCode(201)
  review(
    @Param('taskId') taskId: string,
    @Body() body: MarkFieldsDto,
    @CurrentUser() me: SessionUser,
  ) {
    return this.reviews.review(me.id, taskId, body);
  }

  /** The seniors' desk: third reads that did not settle it, and problem answers, every read side by side. */
  @Get('senior/queue')
  @Roles('senior_teacher')
  seniorQueue() {
    return this.reviews.seniorQueue();
  }

  @Post('tasks/:taskId/arbitrate')
  @HttpCode(201)
  @Roles('senior_teacher')
  arbitrate(
    @Param('taskId') taskId: string,
    @Body() body: MarkFieldsDto,
    @CurrentUser() me: SessionUser,
  ) {
    return this.reviews.arbitrate(me.id, taskId, body);
  }
}
