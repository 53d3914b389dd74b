import { Role } from './roles';

/** The signed-in user as the client sees it (`/api/auth/me`, `/api/auth/login`). */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

/** `POST /api/auth/login` and `GET /api/auth/me`: the user and the CSRF token the client echoes in a header. */
export interface SessionResponse {
  user: PublicUser;
  csrfToken: string;
}
