import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { PasswordResetDto, UserCreateDto, UserUpdateDto } from './users.dto';
import { UsersService } from './users.service';

const actorOf = (u: SessionUser, address: string) => ({ id: u.id, name: u.username, address });

@ApiTags('admin')
@Controller('admin')
@Roles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  list() {
    return this.users.list();
  }

  @Post('users')
  create(
    @Body() body: UserCreateDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
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
}
