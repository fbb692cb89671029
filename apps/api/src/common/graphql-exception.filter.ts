import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { GqlContextType } from '@nestjs/graphql';
import { DomainError, ErrorCode } from '@lena/domain';
import { GraphQLError } from 'graphql';
import { requestContext } from './request-context';
import { toGraphQLError } from './graphql-errors';

/**
 * The one place exceptions become GraphQL errors. Any failure also marks the request failed,
 * so its unit of work rolls back: a request either happens whole or not at all.
 */
@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost): GraphQLError | void {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    requestContext().markFailed();
    if (exception instanceof DomainError) return toGraphQLError(exception);
    const pgCode = postgresErrorCode(exception);
    if (pgCode) {
      // Another request changed the same thing first (unique key, serialisation).
      if (pgCode === '23505' || pgCode === '40001') {
        return toGraphQLError(DomainError.conflict('Someone else changed this at the same time. Please reload and try again.'));
      }
      // Row-level security refused a write: treat as the row not existing.
      if (pgCode === '42501') return toGraphQLError(DomainError.notFound('That record'));
    }
    if (exception instanceof HttpException && exception.getStatus() === 403) {
      return toGraphQLError(DomainError.forbidden());
    }
    if (exception instanceof GraphQLError) return exception;
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return new GraphQLError('Something went wrong on our side. Please try again.', {
      extensions: { code: ErrorCode.INTERNAL },
    });
  }
}

/** The SQLSTATE of an error PostgreSQL raised (pg's DatabaseError carries `code` and `severity`). */
function postgresErrorCode(error: unknown): string | null {
  const { code, severity } = (error ?? {}) as { code?: unknown; severity?: unknown };
  return error instanceof Error && typeof severity === 'string' && typeof code === 'string' ? code : null;
}
