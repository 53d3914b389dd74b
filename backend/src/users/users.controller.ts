import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { AssignmentsService } from './assignments.service';
import { AssignmentChangeDto, PasswordResetDto, UserCreateDto, UserUpdateDto } from './users.dto';
import { UsersService } from './users.service';

const actorOf = (u: SessionUser, address: string) => ({ id: u.id, name: u.username, address });

@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly assignments: AssignmentsService,
  ) {}

  @Get('users')
  list() {
    return this.users.list();
  }

  @Post('users')
  create(@Body() body: UserCreateDto, @CurrentUser() me: SessionUser, @ClientAddress() address: string) {
    return this.users.create(body, actorOf(me, address));
  }

  @Patch('users/:id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UserUpdateDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.users.update(id, body, actorOf(me, address));
  }

  @Post('users/:id/password')
  @HttpCode(204)
  resetPassword(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PasswordResetDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.users.resetPassword(id, body.password, actorOf(me, address));
  }

  @Get('assignments')
  listAssignments(@Query('userId', new ParseUUIDPipe({ optional: true })) userId?: string) {
    return this.assignments.list(userId);
  }

  @Post('assignments')
  addAssignments(@Body() body: AssignmentChangeDto, @CurrentUser() me: SessionUser, @ClientAddress() address: string) {
    return this.assignments.add(body.userId, body.questionIds, actorOf(me, address));
  }

  @Post('assignments/remove')
  @HttpCode(200)
  removeAssignments(@Body() body: AssignmentChangeDto, @CurrentUser() me: SessionUser, @ClientAddress() address: string) {
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
