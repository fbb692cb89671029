import type { JobName, JobPayload } from '@lena/jobs';
import type { Job } from 'bullmq';

/** A job handler receives the payload already validated against its schema. */
export interface JobHandlerInstance<N extends JobName = JobName> {
  handle(payload: JobPayload<N>, job: Job): Promise<unknown>;
}
