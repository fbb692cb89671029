import { DomainError, ErrorCode } from '@lena/domain';
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type SourceLocation } from 'graphql';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/** A domain error as the GraphQL error the portals switch on. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      // Details first, so they can never replace the code or the field problems.
      ...error.details,
      code: error.code,
      ...(error.fieldProblems.length ? { fieldProblems: error.fieldProblems } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      ...(error.existing ? { existing: error.existing } : {}),
    },
  });
}

/** Mercurius words its depth limit for engineers ("`unnamed query depth (9) exceeds …`"). */
function plainDepthMessage(message: string): string {
  const depth = /query depth \((\d+)\) exceeds the query depth limit of (\d+)/.exec(message);
  return depth ? `This query is nested too deeply: ${depth[1]} levels, where at most ${depth[2]} are allowed.` : message;
}

const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again; if it keeps happening, contact support.';

/** Problems with the request itself rather than with what it asked for. */
export const REQUEST_ERROR_CODES = { VALIDATION: 'GRAPHQL_VALIDATION_FAILED', BAD_REQUEST: 'BAD_REQUEST' } as const;

type FormattedError = { message: string; path?: ReadonlyArray<string | number>; locations?: readonly SourceLocation[]; extensions: Record<string, unknown> & { code: string } };

/** What Mercurius wraps a rejected document in (MER_ERR_GQL_VALIDATION), or a transport error (CSRF, body). */
interface RequestLevelError extends Error {
  errors?: unknown[];
  statusCode?: number;
  locations?: readonly SourceLocation[];
}

/**
 * Shapes every error that leaves the API: known codes pass through with their message, anything
 * else becomes a generic internal error (logged here, never shown: no stack traces, no SQL).
 * Mercurius reports a rejected document (syntax, validation, depth and alias limits) as one error
 * wrapping the real ones, and transport problems (CSRF prevention, body) as errors with an HTTP
 * status: both are the client's to fix, so their messages are shown and the status is 4xx.
 * In production, "Did you mean …?" suggestions are removed so the schema cannot be probed.
 */
export function formatExecutionErrors(
  execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>,
  production: boolean,
  log: (error: unknown) => void,
): { statusCode: number; response: FormattedExecutionResult } {
  const request = { status: 0 };
  const requestProblem = (error: { message: string; locations?: readonly SourceLocation[] }, code: string, status: number): FormattedError => {
    request.status = Math.max(request.status, status);
    const message = plainDepthMessage(production ? error.message.replace(/\s*Did you mean .*\?$/s, '') : error.message);
    return { message, ...(error.locations ? { locations: error.locations } : {}), extensions: { code } };
  };

  const errors = execution.errors.flatMap((error): FormattedError[] => {
    const code = error.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL) {
      return [{ message: error.message, path: error.path, extensions: { ...error.extensions, code } }];
    }
    const original = error.originalError as RequestLevelError | undefined;
    // Field resolvers (e.g. Team.members) bypass Nest's exception filter: map their domain errors here.
    if (original instanceof DomainError) {
      const mapped = toGraphQLError(original);
      return [{ message: mapped.message, path: error.path, extensions: { ...mapped.extensions, code: original.code } }];
    }
    if (!error.path && original && Array.isArray(original.errors)) {
      return original.errors.map((inner) => requestProblem(inner as RequestLevelError, REQUEST_ERROR_CODES.VALIDATION, 400));
    }
    if (!error.path && original && typeof original.statusCode === 'number' && original.statusCode >= 400 && original.statusCode < 500) {
      return [requestProblem(original, REQUEST_ERROR_CODES.BAD_REQUEST, original.statusCode)];
    }
    if (!original && !error.path) {
      // A problem with the document found while executing it (e.g. variables, once compiled).
      return [requestProblem(error, REQUEST_ERROR_CODES.VALIDATION, 400)];
    }
    log(original ?? error);
    return [{ message: INTERNAL_MESSAGE, path: error.path, extensions: { code: ErrorCode.INTERNAL } }];
  });
  const noData = execution.data === undefined || execution.data === null;
  const statusCode = noData && request.status ? request.status : 200;
  return { statusCode, response: { data: execution.data ?? null, errors } };
}
