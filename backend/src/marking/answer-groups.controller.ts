import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { GroupLeaseDto, GroupMarkDto, GroupSplitDto } from './answer-groups.dto';
import { AnswerGroupsService } from './answer-groups.service';

/** Answer groups on the teachers' side: identical short answers read once, blind like every answer. */
@ApiTags('marking')
@Controller('marking')
@Roles('teacher', 'senior_teacher')
export class AnswerGroupsController {
  constructor(private readonly groups: AnswerGroupsService) {}

  /** Leases the next group of identical answers (resume=true: the one already leased to me); `{ done: true }` when none is left. */
  @Post('questions/:questionId/groups/next')
  @HttpCode(200)
  async next(
    @Param('questionId', ParseUUIDPipe) questionId: string,
    @Query('resume') resume: string | undefined,
    @CurrentUser() me: SessionUser,
  ) {
    return (await this.groups.next(me.id, questionId, resume === 'true')) ?? { done: true };
  }

  /** One read of the group: one mark per answer, the same items or score. */
  @Post('groups/marks')
  @HttpCode(201)
  submit(@Body() body: GroupMarkDto, @CurrentUser() me: SessionUser) {
    return this.groups.submit(me.id, body);
  }

  @Post('groups/split')
  @HttpCode(200)
  split(@Body() body: GroupSplitDto, @CurrentUser() me: SessionUser) {
    return this.groups.split(me.id, body.leaseToken, body.taskId);
  }

  /** Gives back what is leased under this token, recording nothing (switching between groups and one by one). */
  @Post('groups/release')
  @HttpCode(200)
  release(@Body() body: GroupLeaseDto, @CurrentUser() me: SessionUser) {
    return this.groups.release(me.id, body.leaseToken);
  }

  @Post('groups/skip')
  @HttpCode(200)
  skip(@Body() body: GroupLeaseDto, @CurrentUser() me: SessionUser) {
    return this.groups.skip(me.id, body.leaseToken);
  }
}
