import { UnitOfWork } from '@lena/database';
import type { PlatformRole, TenantRole } from '@lena/domain';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { RequestContext, runInRequestContext, type AuthProblem } from './request-context';

/** Who a request's access token says is asking (not yet checked against the database), or why no one. */
export type AccessReading = { ok: true; claims: { userId: string; sessionId: string; tenantId: string | null } } | { ok: false; problem: AuthProblem };

/** Reads and verifies a request's access token; the sessions context provides it (sessions/access-reader.ts). */
export type ReadAccess = (request: FastifyRequest) => AccessReading;

/** Nest's Logger, which the API routes to pino (with the request's id when there is one). */
const unitOfWorkLogger = new Logger('UnitOfWork');

declare module 'fastify' {
  interface FastifyRequest {
    lenaContext?: RequestContext;
  }
}

// What the database says about the token's claims, in the statement that opens the transaction
// ($1 tenant, $2 user, $3 session; the settings are applied by the columns before these, so row-
// level security lets the membership be read). The session must be live, the token's subject's own
// (a token naming someone else's session is refused), and act where the session acts now: after
// switchTenant, tokens issued for the previous organisation stop working. Roles come from here,
// not from the token: a token claiming a role its subject lacks carries no authority. Exported for
// the benchmark's baseline, which must send the same first statement.
export const SESSION_LIVE = `(SELECT revoked_at IS NULL AND expires_at > now() AND user_id = $2::uuid
       AND tenant_id IS NOT DISTINCT FROM NULLIF($1, '')::uuid
     FROM auth_session WHERE id = $3) AS session_live,
  (SELECT coalesce(array_agg(role ORDER BY role), '{}') FROM platform_role WHERE user_id = $2::uuid) AS platform_roles,
  (SELECT role FROM tenant_membership WHERE tenant_id = NULLIF($1, '')::uuid AND user_id = $2::uuid) AS tenant_role`;

/**
 * Resolves who is asking once per GraphQL request (and per signed-in download, `paths`), before any resolver runs: verify the access
 * token, open the request's transaction with the tenant setting, and in the same round trip
 * check the session is still live (so sign-out and revocation apply at once). The transaction
 * commits when the response is sent, or rolls back if anything failed.
 */
export function registerRequestLifecycle(fastify: FastifyInstance, dataSource: DataSource, readAccess: ReadAccess, paths: readonly string[] = ['/graphql']): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    if (!paths.some((path) => request.url.startsWith(path))) return done();
    resolveContext(request, reply, dataSource, readAccess).then(
      (context) => {
        request.lenaContext = context;
        runInRequestContext(context, done);
      },
      (error: unknown) => done(error as Error),
    );
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    const context = request.lenaContext;
    if (!context) return payload;
    try {
      await context.uow.finish(!context.failed && reply.statusCode < 400);
      return payload;
    } catch (error) {
      request.log.error({ err: error }, 'Commit failed');
      reply.code(500).header('content-type', 'application/json; charset=utf-8');
      return JSON.stringify({
        data: null,
        errors: [{ message: 'We could not save your change. Please try again.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });
    }
  });

  // A request that ended without a response (client went away) still gives its connection back.
  fastify.addHook('onResponse', async (request) => {
    await request.lenaContext?.uow.finish(false).catch(() => undefined);
    request.lenaContext?.responseSent();
  });
}

interface LiveSessionRow {
  session_live: boolean | null;
  platform_roles: PlatformRole[];
  tenant_role: TenantRole | null;
}

async function resolveContext(request: FastifyRequest, reply: FastifyReply, dataSource: DataSource, readAccess: ReadAccess): Promise<RequestContext> {
  const anonymous = (problem: AuthProblem) =>
    new RequestContext(null, problem, new UnitOfWork(dataSource, { tenantId: null, userId: null }, { logger: unitOfWorkLogger }), request, reply);

  const access = readAccess(request);
  if (!access.ok) return anonymous(access.problem);
  const { claims } = access;
  const uow = new UnitOfWork(dataSource, { tenantId: claims.tenantId, userId: claims.userId }, { logger: unitOfWorkLogger });
  const row = (await uow.begin({ sql: SESSION_LIVE, params: [claims.sessionId] })) as unknown as LiveSessionRow;
  // A session acting in an organisation the person no longer belongs to has ended too.
  if (row.session_live !== true || (claims.tenantId !== null && row.tenant_role === null)) {
    await uow.finish(false);
    return anonymous('revoked');
  }
  const principal = {
    userId: claims.userId,
    sessionId: claims.sessionId,
    platformRoles: row.platform_roles,
    tenantId: claims.tenantId,
    tenantRole: claims.tenantId === null ? null : row.tenant_role,
  };
  return new RequestContext(principal, 'none', uow, request, reply);
}
