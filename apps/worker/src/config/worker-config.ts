import { databaseUrlsFromEnv } from '@lena/database';
import { outboxKeyFromEnv, queuePrefixFromEnv, redisUrlFromEnv, type JobRetryOptions } from '@lena/jobs';

export const DEFAULT_SMTP_URL = 'smtp://127.0.0.1:1025';
export const DEFAULT_MAIL_FROM = '"Lena" <no-reply@lena.test>';
export const DEFAULT_CLIENT_PORTAL_URL = 'http://localhost:5173';
export const DEFAULT_FACILITATOR_PORTAL_URL = 'http://localhost:5174';

/** Everything the worker reads from its environment, read once at start. */
export interface WorkerConfig {
  /** The application role's connection (`lena_app`): it cannot bypass row-level security. */
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  smtpUrl: string;
  mailFrom: string;
  /** The client portal's address (PUBLIC_CLIENT_PORTAL_URL, as the API's): feedback links point at its feedback page. */
  clientPortalUrl: string;
  /** The facilitator portal's address (PUBLIC_FACILITATOR_PORTAL_URL, as the API's): a platform admin's report link points there. */
  facilitatorPortalUrl: string;
  /** Opens the email bodies the API sealed in the outbox (LENA_OUTBOX_KEY, the API's key). */
  outboxKey: Buffer;
  /** Concurrent email deliveries per replica. */
  notificationsConcurrency: number;
  outboxRelayEveryMs: number;
  /** Retry policy of jobs this worker enqueues; defaults to the central one. */
  retry: JobRetryOptions;
  /** How long a programme's rollup refresh waits for more answers before it runs (the debounce). */
  outcomeRollupDelayMs: number;
  /**
   * Whether this worker creates the recurring schedules (the sweeps, the relay, the purge, the
   * nightly rollups) at start. Always in production; a test that runs each sweep itself and counts
   * what it did turns it off, so that a scheduled sweep never does the work between its steps.
   */
  recurringJobs: boolean;
}

/**
 * DATABASE_URL / APP_DATABASE_URL, REDIS_URL, LENA_QUEUE_PREFIX, SMTP_URL, MAIL_FROM, PUBLIC_CLIENT_PORTAL_URL, PUBLIC_FACILITATOR_PORTAL_URL,
 * LENA_OUTBOX_KEY (required in production), LENA_WORKER_CONCURRENCY, LENA_OUTBOX_RELAY_EVERY_MS.
 */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  return {
    databaseUrl: databaseUrlsFromEnv(env).appUrl,
    redisUrl: redisUrlFromEnv(env),
    queuePrefix: queuePrefixFromEnv(env),
    smtpUrl: env.SMTP_URL || DEFAULT_SMTP_URL,
    mailFrom: env.MAIL_FROM || DEFAULT_MAIL_FROM,
    clientPortalUrl: (env.PUBLIC_CLIENT_PORTAL_URL || DEFAULT_CLIENT_PORTAL_URL).replace(/\/+$/, ''),
    facilitatorPortalUrl: (env.PUBLIC_FACILITATOR_PORTAL_URL || DEFAULT_FACILITATOR_PORTAL_URL).replace(/\/+$/, ''),
    outboxKey: outboxKeyFromEnv(env),
    notificationsConcurrency: positiveInteger(env.LENA_WORKER_CONCURRENCY, 10, 'LENA_WORKER_CONCURRENCY'),
    outboxRelayEveryMs: positiveInteger(env.LENA_OUTBOX_RELAY_EVERY_MS, 30_000, 'LENA_OUTBOX_RELAY_EVERY_MS'),
    retry: {},
    outcomeRollupDelayMs: 3_000,
    recurringJobs: true,
    ...overrides,
  };
}

function positiveInteger(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}
