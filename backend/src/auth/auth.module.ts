import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BodyDepthGuard } from '../common/body-depth.guard';
import { AuthController } from './auth.controller';
import { SessionEntity, UserEntity } from './auth.entities';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginAttemptsRepository } from './login-attempts.repository';
import { SessionsService } from './sessions.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity, SessionEntity])],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsService,
    LoginAttemptsRepository,
    { provide: APP_GUARD, useClass: AuthGuard },
    // Registered here with the other global guard: it must run before any pipe touches a body.
    { provide: APP_GUARD, useClass: BodyDepthGuard },
  ],
  exports: [SessionsService],
})
export class AuthModule {}
