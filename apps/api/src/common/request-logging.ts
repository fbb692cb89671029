import { randomUUID } from 'node:crypto';
import { setLineFields, type Logger } from '@lena/logging';
import { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';

/** One line per request, when it ends, with what is needed to find and diagnose it. */
class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'requestId' });
  }

  override incomingRequest(): void {
    // The completed line says everything; a second line per request only doubles the volume.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const body = request.body as { operationName?: unknown } | undefined;
    const operationName = typeof body?.operationName === 'string' ? body.operationName.slice(0, 100) : undefined;
    // Anonymous feedback and outcome measures: their calls are logged without address or headers
    // (user agent, cookies' neighbours), which could say who answered; the body (token, answers)
    // is never logged anywhere.
    const anonymous = ANONYMOUS_PREFIXES.some((prefix) => request.url.startsWith(prefix));
    const fields = {
      // Headers are kept for diagnosis; cookies, authorisation and the CSRF token are redacted.
      request: anonymous
        ? { method: request.method, url: request.url }
        : { method: request.method, url: withoutSecrets(request.url), remoteAddress: request.ip, headers: request.headers },
      response: { statusCode: reply.statusCode },
      responseTimeMs: Math.round(reply.elapsedTime),
      ...(operationName ? { operationName } : {}),
    };
    if (error) request.log.error({ ...fields, err: error }, 'request errored');
    else request.log.info(fields, 'request completed');
  }
}

/** The feedback and measures pages' calls, whose request lines carry nothing about who sent them. */
const ANONYMOUS_PREFIXES = ['/feedback/', '/outcomes/'];

/** A calendar feed's address is its only credential: its token never reaches a log line. */
function withoutSecrets(url: string): string {
  return url.replace(/^\/calendar\/[^/?#]*/, '/calendar/[redacted]');
}

/**
 * Fastify's logger settings: every request gets a fresh id (a client's own `x-request-id` is not
 * trusted, it could collide or be forged) and a child logger whose lines carry it, plus the tenant
 * and user once the token has been read (null before, and for anonymous requests).
 */
export function fastifyLoggerOptions(logger: Logger): Pick<FastifyServerOptions, 'loggerInstance' | 'genReqId' | 'requestIdHeader' | 'logController' | 'childLoggerFactory'> {
  return {
    loggerInstance: logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    logController: new RequestLogController(),
    childLoggerFactory: (parent, bindings, options) => {
      const child = parent.child(bindings, options);
      setLineFields(child as Logger, { tenantId: null, userId: null });
      return child;
    },
  };
}

/**
 * Hooks that tie log lines to a request: the id goes back in `x-request-id` (so a person can
 * quote it) and who is acting joins every line once known. Register after the request
 * lifecycle, whose preHandler resolves who is asking.
 */
export function registerRequestLogging(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  fastify.addHook('preHandler', (request, _reply, done) => {
    const principal = request.lenaContext?.principal;
    if (principal) setLineFields(request.log as Logger, { tenantId: principal.tenantId, userId: principal.userId });
    done();
  });
}
