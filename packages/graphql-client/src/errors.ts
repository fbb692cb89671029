import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorCode, type ExistingRecord, type FieldProblem } from '@lena/domain';
import type { GraphQLFormattedError } from 'graphql';

/** The codes the API puts in `extensions.code` (`ErrorCode`), plus two for failures that never reached it. */
export const LenaErrorCode = {
  ...ErrorCode,
  /** The API could not be reached, or answered with something that is not GraphQL. */
  NETWORK: 'NETWORK',
  UNKNOWN: 'UNKNOWN',
} as const;
export type LenaErrorCode = (typeof LenaErrorCode)[keyof typeof LenaErrorCode];

export type { ExistingRecord, FieldProblem };

export interface DescribedError {
  code: LenaErrorCode;
  /** Plain English, fit to show a person. */
  message: string;
  fieldProblems: FieldProblem[];
}

const NETWORK_MESSAGE = 'We could not reach Lena. Check your connection and try again.';
const UNKNOWN_MESSAGE = 'Something went wrong on our side. Please try again in a moment.';

/** The GraphQL errors inside an Apollo error, including those in a non-2xx JSON response body. */
export function graphQLErrorsOf(error: unknown): readonly GraphQLFormattedError[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors;
  if (ServerError.is(error)) {
    try {
      const body = JSON.parse(error.bodyText) as { errors?: GraphQLFormattedError[] };
      return Array.isArray(body.errors) ? body.errors : [];
    } catch {
      return [];
    }
  }
  return [];
}

const KNOWN_CODES = new Set<string>(Object.values(LenaErrorCode));

/** The first error's `extensions.code`, or NETWORK / UNKNOWN when there is none. */
export function errorCodeOf(error: unknown): LenaErrorCode {
  const errors = graphQLErrorsOf(error);
  for (const graphQLError of errors) {
    const code = graphQLError.extensions?.code;
    if (typeof code === 'string') return KNOWN_CODES.has(code) ? (code as LenaErrorCode) : LenaErrorCode.UNKNOWN;
  }
  if (ServerError.is(error) && error.statusCode === 401) return LenaErrorCode.UNAUTHENTICATED;
  if (ServerError.is(error) && error.statusCode === 429) return LenaErrorCode.RATE_LIMITED;
  if (errors.length > 0) return LenaErrorCode.UNKNOWN;
  return LenaErrorCode.NETWORK;
}

/** True when any GraphQL error in `error` carries `code`. */
export function hasErrorCode(error: unknown, code: LenaErrorCode): boolean {
  return graphQLErrorsOf(error).some((graphQLError) => graphQLError.extensions?.code === code) || errorCodeOf(error) === code;
}

/** `extensions.fieldProblems` of every BAD_USER_INPUT error, in order. */
export function fieldProblemsOf(error: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const graphQLError of graphQLErrorsOf(error)) {
    const raw = graphQLError.extensions?.fieldProblems;
    if (!Array.isArray(raw)) continue;
    for (const item of raw as unknown[]) {
      if (item && typeof item === 'object') {
        const { field, message } = item as Record<string, unknown>;
        if (typeof field === 'string' && typeof message === 'string') problems.push({ field, message });
      }
    }
  }
  return problems;
}

/**
 * What a CONFLICT says is already there (`extensions.existing`), e.g. the pending invitation to
 * resend instead of inviting again; null for any other error.
 */
export function existingRecordOf(error: unknown): ExistingRecord | null {
  for (const graphQLError of graphQLErrorsOf(error)) {
    if (graphQLError.extensions?.code !== ErrorCode.CONFLICT) continue;
    const existing = graphQLError.extensions.existing;
    if (existing && typeof existing === 'object') {
      const { type, id } = existing as Record<string, unknown>;
      if (type === 'invitation' && typeof id === 'string') return { type, id };
    }
  }
  return null;
}

/** Code, message and field problems of any error thrown by Apollo, ready for a form or an alert. */
export function describeError(error: unknown): DescribedError {
  const code = errorCodeOf(error);
  const first = graphQLErrorsOf(error)[0];
  let message: string;
  if (code === LenaErrorCode.NETWORK) message = NETWORK_MESSAGE;
  else if (code === LenaErrorCode.INTERNAL || code === LenaErrorCode.UNKNOWN) message = UNKNOWN_MESSAGE;
  else message = first?.message || UNKNOWN_MESSAGE;
  return { code, message, fieldProblems: fieldProblemsOf(error) };
}
