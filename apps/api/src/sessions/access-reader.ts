import type { FastifyRequest } from 'fastify';
import type { AccessReading, ReadAccess } from '../common/request-lifecycle';
import { ACCESS_COOKIE, bearerToken, csrfHeaderMatches } from './auth-cookies';
import type { TokenService } from './token.service';

/**
 * How the request lifecycle learns who is asking: the access token from `Authorization: Bearer`
 * or the access cookie, verified. Handed to `registerRequestLifecycle`, so `common/` knows no
 * cookie names or token format.
 */
export function accessReader(tokens: TokenService): ReadAccess {
  return (request: FastifyRequest): AccessReading => {
    const bearer = bearerToken(request);
    const token = bearer ?? request.cookies[ACCESS_COOKIE];
    if (!token) return { ok: false, problem: 'none' };
    // Browsers send cookies on their own, so a cookie-authenticated request must prove it came
    // from our page by echoing the CSRF cookie in a header.
    if (!bearer && !csrfHeaderMatches(request)) return { ok: false, problem: 'csrf' };
    return tokens.verifyAccess(token);
  };
}
