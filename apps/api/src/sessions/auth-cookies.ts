import { timingSafeEqual } from 'node:crypto';
import { AuthPolicy } from '@lena/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const ACCESS_COOKIE = 'lena_access';
export const REFRESH_COOKIE = 'lena_refresh';
/** Readable by the portal's script, which echoes it in the x-csrf-token header (double submit). */
export const CSRF_COOKIE = 'lena_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface IssuedCookies {
  accessToken: string;
  refreshToken: string;
  csrfToken: string;
}

export function setAuthCookies(reply: FastifyReply, cookies: IssuedCookies, secure: boolean): void {
  const base = { path: '/', sameSite: 'strict' as const, secure };
  reply.setCookie(ACCESS_COOKIE, cookies.accessToken, { ...base, httpOnly: true, maxAge: AuthPolicy.accessTokenSeconds });
  reply.setCookie(REFRESH_COOKIE, cookies.refreshToken, { ...base, httpOnly: true, maxAge: AuthPolicy.refreshTokenSeconds });
  reply.setCookie(CSRF_COOKIE, cookies.csrfToken, { ...base, httpOnly: false, maxAge: AuthPolicy.refreshTokenSeconds });
}

export function clearAuthCookies(reply: FastifyReply, secure: boolean): void {
  for (const name of [ACCESS_COOKIE, REFRESH_COOKIE, CSRF_COOKIE]) {
    reply.clearCookie(name, { path: '/', sameSite: 'strict', secure });
  }
}

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() || null : null;
}

/** Cookie-authenticated requests must echo the CSRF cookie in a header a foreign site cannot set. */
export function csrfHeaderMatches(request: FastifyRequest): boolean {
  const cookie = request.cookies[CSRF_COOKIE];
  const header = request.headers[CSRF_HEADER];
  if (!cookie || typeof header !== 'string' || cookie.length !== header.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(header));
}
