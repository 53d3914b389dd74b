import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BodyDepthGuard } from '../common/body-depth.guard';
import { UsersController } from '../users/users.controller';
import { UsersService } from '../users/users.service';
import { AuthController } from './auth.controller';
import { SessionEntity, UserEntity } from './auth.entities';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity])],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    SessionsService,
    LoginAttemptsRepository,
    UsersService,
    { provide: APP_GUARD, useClass: AuthGuard },
    // Registered here with the other global guard: it must run before any pipe touches a body.
    { provide: APP_GUARD, useClass: BodyDepthGuard },
  ],
  exports: [UsersService],
})
export class AuthModule {}
