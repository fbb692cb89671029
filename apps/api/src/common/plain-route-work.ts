import { UnitOfWork } from '@lena/database';
import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import { RequestContext, runInRequestContext } from './request-context';

const logger = new Logger('UnitOfWork');

/**
 * Runs a plain HTTP route's work (outside GraphQL, so outside the request lifecycle) in a unit of
 * work of its own, acting for no one until the work says for whom (`uow.actAs`), with the same
 * request context the repositories read. Commits when the work resolves, rolls back when it throws.
 */
export async function inPlainRouteUnitOfWork<T>(dataSource: DataSource, request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  const uow = new UnitOfWork(dataSource, { tenantId: null, userId: null }, { logger });
  const context = new RequestContext(null, 'none', uow, request, reply);
  let result: T;
  try {
    result = await runInRequestContext(context, work);
  } catch (error) {
    await uow.finish(false).catch(() => undefined);
    throw error;
  }
  await uow.finish(true);
  return result;
}
