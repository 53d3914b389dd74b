import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from './cookies';
import { Role } from './roles';
import { SessionsService } from './sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global guard, deny by default: a route without @Roles, @AnyRole or @Public is refused.
 * Then: a live session, a CSRF token on every state-changing request, and one of the roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (!isPublic && !roles) throw new ForbiddenException('this route declares no access rule, so it is closed');
    if (isPublic) return true;

    const req = ctx.switchToHttp().getRequest<Request & { user?: unknown }>();
    const found = await this.sessions.lookup(readCookie(req, SESSION_COOKIE));
    if ('problem' in found) {
      throw new UnauthorizedException(found.problem === 'expired' ? 'your session has expired; please sign in again' : 'please sign in');
    }
    if (!SAFE_METHODS.has(req.method) && !sameToken(req.headers[CSRF_HEADER], found.user.csrfToken)) {
      throw new ForbiddenException('missing or invalid CSRF token (X-XSRF-TOKEN header)');
    }
    if (!found.user.roles.some((r) => roles.includes(r))) {
      throw new ForbiddenException(`this needs one of the roles: ${roles.join(', ')}`);
    }
    req.user = found.user;
    return true;
  }
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
