import { DomainError, ErrorCode } from '@lena/domain';
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult } from 'graphql';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/** A domain error as the GraphQL error the portals switch on. */
export function toGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.fieldProblems.length ? { fieldProblems: error.fieldProblems } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    },
  });
}

const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again; if it keeps happening, contact support.';

/**
 * Shapes every error that leaves the API: known codes pass through with their message, anything
 * else becomes a generic internal error (logged here, never shown: no stack traces, no SQL).
 * In production, "Did you mean …?" suggestions are removed so the schema cannot be probed.
 */
export function formatExecutionErrors(
  execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>,
  production: boolean,
  log: (error: unknown) => void,
): { statusCode: number; response: FormattedExecutionResult } {
  const errors = execution.errors.map((error) => {
    const code = error.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL) {
      return { message: error.message, path: error.path, extensions: error.extensions };
    }
    if (!error.originalError && !error.path) {
      // A problem with the document itself (syntax, validation, limits).
      const message = production ? error.message.replace(/\s*Did you mean .*\?$/, '') : error.message;
      return { message, locations: error.locations, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    }
    log(error.originalError ?? error);
    return { message: INTERNAL_MESSAGE, path: error.path, extensions: { code: ErrorCode.INTERNAL } };
  });
  const statusCode = execution.data === undefined || execution.data === null ? (errors.some((e) => e.extensions.code === 'GRAPHQL_VALIDATION_FAILED') ? 400 : 200) : 200;
  return { statusCode, response: { data: execution.data ?? null, errors } };
}
