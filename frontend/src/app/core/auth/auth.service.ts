import { HttpClient } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import type { PublicUser, Role, SessionResponse } from '@yuejuan/contracts';
import { firstValueFrom } from 'rxjs';

export type { Role };

/** The signed-in user: the server's shape, from @yuejuan/contracts. */
export type CurrentUser = PublicUser;

/** Who is signed in. The session itself lives in an HttpOnly cookie the app never sees. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly current = signal<CurrentUser | null>(null);
  private loaded: Promise<CurrentUser | null> | null = null;

  readonly user = this.current.asReadonly();
  readonly isSignedIn = computed(() => this.current() !== null);

  /** Asks the server once per page load; later calls reuse the answer. */
  ensureLoaded(): Promise<CurrentUser | null> {
    this.loaded ??= firstValueFrom(this.http.get<SessionResponse>('/api/auth/me')).then(
      (r) => this.set(r.user),
      () => this.set(null),
    );
    return this.loaded;
  }

  async login(username: string, password: string): Promise<CurrentUser> {
    const r = await firstValueFrom(
      this.http.post<SessionResponse>('/api/auth/login', { username, password }),
    );
    this.loaded = Promise.resolve(r.user);
    return this.set(r.user)!;
  }

  /** Signed out here first, so a request of the page being left that meets the ended session is not taken for an expiry. */
  async logout(): Promise<void> {
    this.forget();
    await firstValueFrom(this.http.post('/api/auth/logout', {})).catch(() => undefined);
  }

  changePassword(currentPassword: string, newPassword: string) {
    return firstValueFrom(this.http.post('/api/auth/password', { currentPassword, newPassword }));
  }

  /** Called when the server says the session is gone. */
  forget() {
    this.loaded = Promise.resolve(null);
    this.current.set(null);
  }

  hasAnyRole(roles: readonly Role[] | undefined): boolean {
    const user = this.current();
    return !!user && (!roles || roles.some((r) => user.roles.includes(r)));
  }

  private set(user: CurrentUser | null) {
    this.current.set(user);
    return user;
  }
}
