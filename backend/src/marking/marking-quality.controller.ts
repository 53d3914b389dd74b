import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { CalibrationDto, RubricDto, RubricSaveDto } from './marking.dto';
import { MarkingMonitorService } from './marking-monitor.service';
import { MarkingRubricService } from './marking-rubric.service';

const actorOf = (u: SessionUser, address: string) => ({ id: u.id, name: u.username, address });

/** Quality control for seniors and admins: monitoring, calibration items, rubric edits with re-scoring. */
@ApiTags('marking')
@Controller('marking')
@Roles('senior_teacher', 'admin')
export class MarkingQualityController {
  constructor(
    private readonly monitor: MarkingMonitorService,
    private readonly rubrics: MarkingRubricService,
  ) {}

  /** Questions with marking under way, for the monitoring page. */
  @Get('monitor')
  questions() {
    return this.monitor.questions();
  }

  /** Per teacher on a question: count, median seconds, mean and spread, third-read rate, agreement, calibration error, flags. */
  @Get('monitor/:questionId')
  monitorQuestion(@Param('questionId', ParseUUIDPipe) questionId: string) {
    return this.monitor.question(questionId);
  }

  /** Settled answers of a question, blind, to choose calibration items from. */
  @Get('monitor/:questionId/answers')
  answers(@Param('questionId', ParseUUIDPipe) questionId: string) {
    return this.monitor.answers(questionId);
  }

  @Get('questions/:questionId/rubric')
  rubric(@Param('questionId', ParseUUIDPipe) questionId: string) {
    return this.rubrics.current(questionId);
  }

  /** Which answers a rubric edit would change, with old and new points; nothing is written. */
  @Post('questions/:questionId/rubric/preview')
  @HttpCode(200)
  preview(@Param('questionId', ParseUUIDPipe) questionId: string, @Body() body: RubricDto) {
    return this.rubrics.preview(questionId, body);
  }

  /** Saves the edit as a new rubric version and re-scores by appending marks. */
  @Put('questions/:questionId/rubric')
  save(
    @Param('questionId', ParseUUIDPipe) questionId: string,
    @Body() body: RubricSaveDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() a: string,
  ) {
    const { expectedVersion, ...edit } = body;
    return this.rubrics.apply(questionId, edit, expectedVersion, actorOf(me, a));
  }

  /** Turns a marked answer into a calibration item with an expert score. */
  @Post('tasks/:taskId/calibration')
  @HttpCode(200)
  calibration(
    @Param('taskId') taskId: string,
    @Body() body: CalibrationDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() a: string,
  ) {
    return this.monitor.makeCalibration(taskId, body.expertScore, actorOf(me, a));
  }
}
