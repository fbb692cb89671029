/**
 * Names shared by producers (the API) and consumers (the worker). A queue groups jobs of one
 * bounded context; a job name (in `catalogue.ts`) says what to do. Both are stored in Redis, so
 * renaming one is a migration: add the new name, drain the old one, then remove it.
 */
export const QueueName = {
  notifications: 'notifications',
  maintenance: 'maintenance',
  scheduling: 'scheduling',
  feedback: 'feedback',
  outcomes: 'outcomes',
  /** Outcome reports (PDF and CSV): long jobs on a queue of their own, so they never hold up the others. */
  reports: 'reports',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export const allQueueNames: readonly QueueName[] = Object.values(QueueName);

/** What an `outbox_message` row holds; the worker has one delivery handler per kind. */
export const OutboxKind = {
  email: 'email',
} as const;
export type OutboxKind = (typeof OutboxKind)[keyof typeof OutboxKind];

/**
 * Every BullMQ key starts with this prefix. The braces are a Redis Cluster hash tag: all keys of
 * every queue hash to one slot, which BullMQ's multi-key Lua scripts require.
 */
export const DEFAULT_QUEUE_PREFIX = '{lena}';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * How long the API has a feedback request's publication job wait after an answer, unless
 * `LENA_FEEDBACK_PUBLICATION_DELAY_MS` says otherwise: the answers arriving meanwhile make one
 * publication. Half a minute is soon enough for results screens, which nobody watches live.
 */
export const DEFAULT_FEEDBACK_PUBLICATION_DELAY_MS = 30_000;
