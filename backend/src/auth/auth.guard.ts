import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain-errors';
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
    if (!isPublic && !roles)
      throw new DomainError(
        'this route declares no access rule, so it is closed',
        403,
        undefined,
        'auth.no_access_rule',
      );
    if (isPublic) return true;

    const req = ctx.switchToHttp().getRequest<Request & { user?: unknown }>();
    const found = await this.sessions.lookup(readCookie(req, SESSION_COOKIE));
    if ('problem' in found) {
      throw found.problem === 'expired'
        ? new DomainError(
            'your session has expired; please sign in again',
            401,
            undefined,
            'auth.session_expired',
          )
        : new DomainError('please sign in', 401, undefined, 'auth.sign_in_required');
    }
    if (
      !SAFE_METHODS.has(req.method) &&
      !sameToken(req.headers[CSRF_HEADER], found.user.csrfToken)
    ) {
      throw new DomainError(
        'missing or invalid CSRF token (X-XSRF-TOKEN header)',
        403,
        undefined,
        'auth.csrf_invalid',
      );
    }
    if (!found.user.roles.some((r) => roles.includes(r))) {
      throw new DomainError(
        `this needs one of the roles: ${roles.join(', ')}`,
        403,
        undefined,
        'auth.role_required',
        {
          roles: roles.join(', '),
        },
      );
    }
    req.user = found.user;
    return true;
  }
}

function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
