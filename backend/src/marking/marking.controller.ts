import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { LeaseDto, MarkDto, ProblemDto } from './marking.dto';
import { MarkingService } from './marking.service';

/** The teacher's side of marking. Every answer here is blind: no model, student or source field. */
@ApiTags('marking')
@Controller('marking')
@Roles('teacher', 'senior_teacher')
export class MarkingController {
  constructor(private readonly marking: MarkingService) {}

  @Get('questions')
  questions(@CurrentUser() me: SessionUser) {
    return this.marking.myQuestions(me.id);
  }

  /** Leases the next answer to mark for a question (204 when there is none left for this teacher). */
  @Post('questions/:questionId/next')
  @HttpCode(200)
  async next(@Param('questionId', ParseUUIDPipe) questionId: string, @CurrentUser() me: SessionUser) {
    return (await this.marking.next(me.id, questionId)) ?? { done: true };
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
  problem(@Param('taskId') taskId: string, @Body() body: ProblemDto, @CurrentUser() me: SessionUser) {
    return this.marking.problem(me.id, taskId, body.leaseToken, body.reason);
  }
}
