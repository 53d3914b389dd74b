import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthService, Role } from './auth.service';
import { homeFor } from './home-for';

/** Signed in, and holding one of the route's `data.roles` if it names any. */
export const authGuard: CanActivateFn = async (route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const user = await auth.ensureLoaded();
  if (!user) return router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
  const roles = route.data['roles'] as Role[] | undefined;
  // A role without access to the requested area lands on its own start page.
  return auth.hasAnyRole(roles) ? true : router.createUrlTree([homeFor(user.roles)]);
};

/**
 * Open to anyone, but a signed-in user's session is known before the page shows: the shell then
 * keeps its navigation on a public page (/about) opened directly or reloaded, as on every other.
 */
export const sessionGuard: CanActivateFn = async () => {
  await inject(AuthService).ensureLoaded();
  return true;
};
