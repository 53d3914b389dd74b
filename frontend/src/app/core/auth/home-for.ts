import { Role } from './auth.service';

/** Where each role starts: the first area it may use. */
export function homeFor(roles: Role[]): string {
  if (roles.includes('admin')) return '/papers';
  if (roles.includes('author') || roles.includes('researcher')) return '/papers';
  // A teacher comes to mark: straight to their queue.
  if (roles.includes('teacher') || roles.includes('senior_teacher')) return '/marking';
  return '/account';
}
