import { jobCatalogue } from '@lena/jobs';
import type { JobHandlerInstance } from './job-handler';

export interface DiscoveredJobHandler {
  jobName: string | undefined;
  /** The provider's class name, for the error message. */
  provider: string;
  instance: JobHandlerInstance;
}

/**
 * Maps every job name to its handler. Throws, and so fails start-up, unless each job name has
 * exactly one handler and every handler names a known job: a job without a handler would sit in
 * Redis forever, and two handlers would race.
 */
export function buildJobHandlerRegistry(discovered: DiscoveredJobHandler[], expected: readonly string[] = jobCatalogue.names): Map<string, JobHandlerInstance> {
  const problems: string[] = [];
  const registry = new Map<string, JobHandlerInstance>();
  for (const jobName of expected) {
    const handlers = discovered.filter((handler) => handler.jobName === jobName);
    const [only, ...others] = handlers;
    if (!only) problems.push(`job "${jobName}" has no handler`);
    else if (others.length > 0) problems.push(`job "${jobName}" has ${handlers.length} handlers (${handlers.map((h) => h.provider).join(', ')})`);
    else registry.set(jobName, only.instance);
  }
  for (const handler of discovered) {
    if (handler.jobName === undefined || !expected.includes(handler.jobName)) {
      problems.push(`${handler.provider} handles unknown job "${handler.jobName}"`);
    }
    if (typeof handler.instance?.handle !== 'function') {
      problems.push(`${handler.provider} has no handle() method`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`Job handlers are misconfigured: ${problems.join('; ')}`);
  }
  return registry;
}
