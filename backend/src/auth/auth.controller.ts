import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { SessionResponse } from '@yuejuan/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { Inject } from '@nestjs/common';
import { AnyRole, ClientAddress, CurrentUser, Public, SessionUser } from './auth.decorators';
import { LoginDto, PasswordChangeDto } from './auth.dto';
import { AuthService } from './auth.service';
import { clearSessionCookies, setSessionCookies } from './cookies';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(
    @Body() body: LoginDto,
    @ClientAddress() address: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionResponse> {
    const { token, csrfToken, user } = await this.auth.login(body.username, body.password, address);
    setSessionCookies(res, token, csrfToken, this.sessions.maxAgeMs, this.config.isCookieSecure);
    return { user, csrfToken };
  }

  @Post('logout')
  @AnyRole()
  @HttpCode(204)
  async logout(
    @CurrentUser() user: SessionUser,
    @ClientAddress() address: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.auth.logout(user, address);
    clearSessionCookies(res);
  }

  @Get('me')
  @AnyRole()
  me(@CurrentUser() user: SessionUser): SessionResponse {
    return { user: this.auth.publicUser(user), csrfToken: user.csrfToken };
  }

  @Post('password')
  @AnyRole()
  @HttpCode(204)
  async changePassword(
    @CurrentUser() user: SessionUser,
    @Body() body: PasswordChangeDto,
    @ClientAddress() address: string,
  ) {
    await this.auth.changePassword(user, body.currentPassword, body.newPassword, address);
  }
}
