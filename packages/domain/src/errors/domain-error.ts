/**
 * Error codes every layer shares. The API turns them into GraphQL `extensions.code`, the portals
 * switch on them; the message is always plain English fit to show a person.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface FieldProblem {
  field: string;
  message: string;
}

/** For CONFLICT: the record already in the way, so the portal can offer to act on it (e.g. resend an invitation). */
export interface ExistingRecord {
  type: 'invitation';
  id: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldProblems: FieldProblem[] = [],
    /** Seconds to wait before trying again, for RATE_LIMITED. */
    readonly retryAfterSeconds?: number,
    /** For CONFLICT: what is already there. */
    readonly existing?: ExistingRecord,
    /** Structured detail a screen can act on, e.g. the scheduling conflicts behind a CONFLICT. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static notFound(what: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} was not found.`);
  }

  static forbidden(message = 'You do not have permission to do that.'): DomainError {
    return new DomainError(ErrorCode.FORBIDDEN, message);
  }

  static unauthenticated(message = 'Please sign in to continue.'): DomainError {
    return new DomainError(ErrorCode.UNAUTHENTICATED, message);
  }

  static conflict(message: string, existing?: ExistingRecord): DomainError {
    return new DomainError(ErrorCode.CONFLICT, message, [], undefined, existing);
  }

  /** CONFLICT carrying what the screen needs to show it (`extensions` of the GraphQL error). */
  static conflictWithDetails(message: string, details: Record<string, unknown>): DomainError {
    return new DomainError(ErrorCode.CONFLICT, message, [], undefined, undefined, details);
  }

  static badInput(message: string, fieldProblems: FieldProblem[] = []): DomainError {
    return new DomainError(ErrorCode.BAD_USER_INPUT, message, fieldProblems);
  }
}
