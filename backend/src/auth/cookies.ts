import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'yj_session';
/** Angular's HttpClient reads this cookie and echoes it in the X-XSRF-TOKEN header. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export function setSessionCookies(
  res: Response,
  token: string,
  csrf: string,
  maxAgeMs: number,
  isSecure: boolean,
) {
  const base = { sameSite: 'lax' as const, secure: isSecure, path: '/', maxAge: maxAgeMs };
  res.cookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  res.cookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false });
}

export function clearSessionCookies(res: Response) {
  res.clearCookie(SESSION_COOKIE, { path: '/' });
  res.clearCookie(CSRF_COOKIE, { path: '/' });
}
