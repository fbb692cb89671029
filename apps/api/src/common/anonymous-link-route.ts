import { DomainError, ErrorCode } from '@lena/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { inPlainRouteUnitOfWork } from './plain-route-work';

/** Why an anonymous single-use link (feedback, outcome measures) cannot take answers. */
export type RefusedLinkState = 'SPENT' | 'EXPIRED' | 'UNKNOWN';

/**
 * A link that cannot take answers, and why: the page shows a page of its own for each. Spent is a
 * CONFLICT (someone answered already); expired and unknown are NOT_FOUND. Each kind of link says
 * it in its own words.
 */
export abstract class RefusedLinkError extends DomainError {
  constructor(
    readonly linkState: RefusedLinkState,
    messages: Record<RefusedLinkState, string>,
  ) {
    super(linkState === 'SPENT' ? 'CONFLICT' : 'NOT_FOUND', messages[linkState]);
  }
}

/** The HTTP status for each refusal an anonymous page can meet. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
};

/**
 * Answers one call of an anonymous page (the feedback and measures pages: plain JSON, no GraphQL,
 * no sign-in): runs `work` in a unit of work of its own and sends what it returns with `status`,
 * or a refusal as JSON with a code, the message, the problems by field and, for a link that cannot
 * be used, `linkState`. Nothing a shared cache, or a page opened from this one, may keep.
 */
export async function answerAnonymousLinkCall(dataSource: DataSource, request: FastifyRequest, reply: FastifyReply, status: number, work: () => Promise<object>): Promise<void> {
  reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
  let payload: object;
  try {
    payload = await inPlainRouteUnitOfWork(dataSource, request, reply, work);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const linkState = error instanceof RefusedLinkError ? { linkState: error.linkState } : {};
    await reply.code(STATUS[error.code] ?? 400).send({ error: { code: error.code, message: error.message, fieldProblems: error.fieldProblems, ...linkState } });
    return;
  }
  await reply.code(status).send(payload);
}

/** A field of a JSON body that may be anything at all. */
export function bodyField(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}
