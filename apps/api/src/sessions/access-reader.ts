import type { FastifyRequest } from 'fastify';
import type { AccessReading, ReadAccess } from '../common/request-lifecycle';
import { ACCESS_COOKIE, bearerToken, csrfHeaderMatches } from './auth-cookies';
import type { TokenService } from './token.service';

/**
 * How the request lifecycle learns who is asking: the access token from `Authorization: Bearer`
 * or the access cookie, verified. Handed to `registerRequestLifecycle`, so `common/` knows no
 * cookie names or token format.
 *
 * `downloads`: path prefixes of signed-in file downloads (a report's PDF), which a browser fetches
 * by following a link and so cannot send a header. A GET there is read with the cookie alone: it
 * changes nothing, the cookie is SameSite=Strict (no other site's page sends it), and no other
 * origin may read the answer. Everything else with a cookie still needs the CSRF header.
 */
export function accessReader(tokens: TokenService, { downloads = [] }: { downloads?: readonly string[] } = {}): ReadAccess {
  const isDownload = (request: FastifyRequest) => request.method === 'GET' && downloads.some((prefix) => request.url.startsWith(prefix));
  return (request: FastifyRequest): AccessReading => {
    const bearer = bearerToken(request);
    const token = bearer ?? request.cookies[ACCESS_COOKIE];
    if (!token) return { ok: false, problem: 'none' };
    // Browsers send cookies on their own, so a cookie-authenticated request must prove it came
    // from our page by echoing the CSRF cookie in a header.
    if (!bearer && !isDownload(request) && !csrfHeaderMatches(request)) return { ok: false, problem: 'csrf' };
    return tokens.verifyAccess(token);
  };
}
