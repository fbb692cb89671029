import { AsyncLocalStorage } from 'node:async_hooks';
import type { TenantJobContext } from './job-handler';

const storage = new AsyncLocalStorage<TenantJobContext>();

/** Runs a tenant job's handler so that services it calls can reach the job's unit of work. */
export function runInTenantJobContext<T>(context: TenantJobContext, work: () => T): T {
  return storage.run(context, work);
}

/**
 * The running tenant job's context, like the API's requestContext(). Throws outside a tenant job:
 * tenant rows are never read without a tenant.
 */
export function tenantJobContext(): TenantJobContext {
  const context = storage.getStore();
  if (!context) throw new Error('No tenant job is running here: tenant work runs inside a tenant job.');
  return context;
}
