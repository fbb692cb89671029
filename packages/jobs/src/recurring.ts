import type { QueueName } from './constants';
import type { JobCatalogue, JobDefinition } from './define-job';

export interface RecurringJob {
  /** Scheduler id in Redis (the job's name): upserted by every replica at start, never removed-then-added. */
  schedulerId: string;
  queue: QueueName;
  job: JobDefinition;
  everyMs: number;
}

/** Every recurring job of a catalogue, as declared by its `schedule`; `everyMs` overrides by job name. */
export function recurringJobs(catalogue: JobCatalogue, everyMs: Readonly<Record<string, number>> = {}): RecurringJob[] {
  return catalogue.definitions.flatMap((job) => (job.schedule ? [{ schedulerId: job.name, queue: job.queue, job, everyMs: everyMs[job.name] ?? job.schedule.everyMs }] : []));
}
