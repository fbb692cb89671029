import type { DefaultJobOptions, JobSchedulerTemplateOptions } from 'bullmq';

export const DEFAULT_JOB_ATTEMPTS = 8;
/** First retry after ~2 s, then 4, 8, … (about 4 minutes over 8 attempts), with some jitter. */
export const DEFAULT_BACKOFF_DELAY_MS = 2_000;

const HOUR_SECONDS = 60 * 60;

export interface JobRetryOptions {
  /** Attempts in total, the first included. Default 8. */
  attempts?: number;
  /** Delay before the first retry; doubles each time. Default 2000 ms. Tests use a few ms. */
  backoffDelayMs?: number;
}

/** The retry, backoff and clean-up policy of every job, in one place. */
export function defaultJobOptions({ attempts = DEFAULT_JOB_ATTEMPTS, backoffDelayMs = DEFAULT_BACKOFF_DELAY_MS }: JobRetryOptions = {}): DefaultJobOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffDelayMs, jitter: 0.25 },
    // Finished jobs are kept a while for the queue dashboards, then dropped. A kept job also keeps
    // its id reserved, so a re-enqueue of the same id meanwhile is a no-op.
    removeOnComplete: { age: 24 * HOUR_SECONDS, count: 10_000 },
    removeOnFail: { age: 7 * 24 * HOUR_SECONDS, count: 50_000 },
  };
}

/** Recurring jobs are retried by their next run rather than by backoff. */
export function recurringJobOptions(): JobSchedulerTemplateOptions {
  return {
    attempts: 1,
    removeOnComplete: { age: HOUR_SECONDS, count: 100 },
    removeOnFail: { age: 7 * 24 * HOUR_SECONDS, count: 1_000 },
  };
}
