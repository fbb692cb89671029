import type { UnitOfWork } from '@lena/database';
import type { JobDefinition, JobPayloadOf, JobScope } from '@lena/jobs';
import type { Job } from 'bullmq';

/**
 * What a platform job's handler gets besides its payload: it opens its own transactions, if any
 * (`inPlatformTransaction`), and hands them to the repositories it calls.
 */
export interface PlatformJobContext {
  readonly job: Job;
}

/**
 * What a tenant job's handler gets: the unit of work the runner opened for the payload's tenant
 * (row-level security applied, committed when the handler resolves, rolled back when it throws).
 * Handlers never set the tenant; the unit of work refuses a switch to another one.
 */
export interface TenantJobContext {
  readonly job: Job;
  readonly tenantId: string;
  readonly uow: UnitOfWork;
}

export type JobContextOf<Scope extends JobScope> = Scope extends 'tenant' ? TenantJobContext : PlatformJobContext;

/** A job handler receives the payload already validated against its schema. */
export interface JobHandlerInstance<D extends JobDefinition = JobDefinition> {
  handle(payload: JobPayloadOf<D>, context: JobContextOf<D['scope']>): Promise<unknown>;
}
