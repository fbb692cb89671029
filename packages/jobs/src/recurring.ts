import { JobName, QueueName, queueOfJob } from './constants';

export interface RecurringJob {
  /** Scheduler id in Redis: upserted by every replica at start, never removed-then-added. */
  schedulerId: string;
  queue: QueueName;
  name: JobName;
  everyMs: number;
}

export const OUTBOX_RELAY_EVERY_MS = 30_000;
export const RETENTION_PURGE_EVERY_MS = 24 * 60 * 60 * 1000;

/** Every recurring job, declared in code. */
export function recurringJobs(overrides: { outboxRelayEveryMs?: number } = {}): RecurringJob[] {
  return [
    {
      schedulerId: JobName.relayOutbox,
      queue: queueOfJob[JobName.relayOutbox],
      name: JobName.relayOutbox,
      everyMs: overrides.outboxRelayEveryMs ?? OUTBOX_RELAY_EVERY_MS,
    },
    {
      schedulerId: JobName.purgeExpiredRecords,
      queue: queueOfJob[JobName.purgeExpiredRecords],
      name: JobName.purgeExpiredRecords,
      everyMs: RETENTION_PURGE_EVERY_MS,
    },
  ];
}
