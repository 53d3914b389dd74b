import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role, ROLES } from './roles';

export const ROLES_KEY = 'yj:roles';
export const PUBLIC_KEY = 'yj:public';

/** Only users holding one of these roles may call the route. Every route declares its access. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Any signed-in user, whatever their role. */
export const AnyRole = () => SetMetadata(ROLES_KEY, [...ROLES]);

/** No session needed (login, health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  sessionTokenHash: string;
  csrfToken: string;
}

/** The signed-in user, set by the AuthGuard. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): SessionUser => ctx.switchToHttp().getRequest().user,
);

/** The client address, for rate limiting and the audit trail. */
export const ClientAddress = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest();
  return req.ip ?? req.socket?.remoteAddress ?? 'unknown';
});
