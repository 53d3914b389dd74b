import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { AssignmentsService } from './assignments.service';
import {
  AssignableQuestionsQueryDto,
  AssignmentBulkDto,
  AssignmentChangeDto,
  MarkingPolicyDto,
} from './marking-admin.dto';
import { MarkingPolicyService } from './marking-policy.service';

const actorOf = (u: SessionUser, address: string) => ({ id: u.id, name: u.username, address });

/** The admin's side of marking: who marks which question, and how each paper and question is marked. */
@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class MarkingAdminController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly policies: MarkingPolicyService,
  ) {}

  @Get('assignments')
  listAssignments(@Query('userId', new ParseUUIDPipe({ optional: true })) userId?: string) {
    return this.assignments.list(userId);
  }

  @Post('assignments')
  addAssignments(
    @Body() body: AssignmentChangeDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.assignments.add(body.userId, body.questionIds, actorOf(me, address));
  }

  /** Every markable question of a paper with its queue, teachers and marking mode. */
  @Get('assignments/questions')
  assignableQuestions(@Query() q: AssignableQuestionsQueryDto) {
    return this.assignments.questions(q.paperVersionId);
  }

  /** Questions with answers waiting and nobody assigned, on every paper. */
  @Get('assignments/unassigned')
  unassigned() {
    return this.assignments.unassigned();
  }

  @Post('assignments/bulk')
  addMany(
    @Body() body: AssignmentBulkDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.assignments.addMany(body.userIds, body.questionIds, actorOf(me, address));
  }

  @Put('marking-policy/questions/:id')
  setQuestionPolicy(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MarkingPolicyDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.policies.set({ kind: 'question', id }, body, actorOf(me, address));
  }

  @Put('marking-policy/papers/:id')
  setPaperPolicy(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: MarkingPolicyDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.policies.set({ kind: 'paper', id }, body, actorOf(me, address));
  }

  @Post('assignments/remove')
  @HttpCode(200)
  removeAssignments(
    @Body() body: AssignmentChangeDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.assignments.remove(body.userId, body.questionIds, actorOf(me, address));
  }
}

/** A signed-in user's own view: the questions they are assigned to mark. */
@ApiTags('auth')
@Controller('me')
export class MeController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get('assignments')
  @AnyRole()
  myAssignments(@CurrentUser() me: SessionUser) {
    return this.assignments.list(me.id);
  }
}
