import { AsyncLocalStorage } from 'node:async_hooks';
import type { Job } from 'bullmq';

/** What every log line of a job carries. */
export type JobLogFields = { queue: string; jobId: string | undefined; jobName: string; tenantId?: string };

const storage = new AsyncLocalStorage<JobLogFields>();

/** The job's ids, and its tenant when the payload names one (payloads carry ids only). */
export function jobLogFields(job: Pick<Job, 'id' | 'name' | 'queueName' | 'data'>): JobLogFields {
  const data: unknown = job.data;
  const tenantId = typeof data === 'object' && data !== null && 'tenantId' in data && typeof data.tenantId === 'string' ? data.tenantId : undefined;
  return { queue: job.queueName, jobId: job.id, jobName: job.name, ...(tenantId ? { tenantId } : {}) };
}

/** Runs a job's work so that every line it logs, however deep, carries the job's fields. */
export function runWithJobLogFields<T>(fields: JobLogFields, work: () => T): T {
  return storage.run(fields, work);
}

/** The fields of the job running here, if any. */
export function currentJobLogFields(): JobLogFields | undefined {
  return storage.getStore();
}
