import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const WORKER_SUITE = 'worker';

/**
 * The LENA_OUTBOX_KEY of this file's workers (fresh per file, not the development key): outbox
 * fixtures seal email bodies with it, as the API would.
 */
export const TEST_OUTBOX_KEY = randomBytes(32).toString('base64');

export function testDatabaseServerUrl(): string {
  return process.env.TEST_DATABASE_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function testRedisUrl(): string {
  return process.env.REDIS_URL || 'redis://127.0.0.1:6379';
}

/**
 * The environment a file's worker runs with: the file's database (a worker connects as the
 * application role alone), the shared Redis, and the file's queue prefix and outbox key; `more`
 * adds to it (an SMTP server, the portals' addresses).
 */
export function workerEnv(database: { appUrl: string }, prefix: string, more: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { APP_DATABASE_URL: database.appUrl, REDIS_URL: testRedisUrl(), LENA_QUEUE_PREFIX: prefix, LENA_OUTBOX_KEY: TEST_OUTBOX_KEY, ...more };
}

/** Each test file works under a queue prefix of its own, so files never see each other's jobs. */
export function uniqueQueuePrefix(): string {
  return `{lena-worker-test-${randomBytes(5).toString('hex')}}`;
}

/** Deletes every Redis key under a test prefix. */
export async function deleteQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(testRedisUrl());
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
