import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import type { Logger } from '@lena/logging';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { createApi } from '../../src/bootstrap';
import { AfterResponseWork } from '../../src/common/after-response-work';
import { configFromEnv, type AppConfig } from '../../src/config/app-config';
import { Fixtures } from './fixtures';
import { TestClient, type TestClientOptions } from './test-client';

/** The signing secret this file's API uses (fresh per file), so tests can forge expired or foreign tokens. */
export const TEST_JWT_SECRET = randomBytes(32).toString('base64url');

/** The key this file's API seals outbox email bodies with (fresh per file, not the development key). */
export const TEST_OUTBOX_KEY = randomBytes(32).toString('base64');

export interface TestApi {
  app: NestFastifyApplication;
  config: AppConfig;
  database: TestDatabase;
  /** Connected as the database owner: sets up fixtures and checks what was written. */
  owner: Client;
  fixtures: Fixtures;
  /** A fresh client (its own cookie jar and, by default, its own client address). */
  client(options?: TestClientOptions): TestClient;
  /** Resolves once the work the API does after its responses (AfterResponseWork) has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** Boots with NODE_ENV=production (no introspection, no suggestions). */
  production?: boolean;
  /** Extra environment for configFromEnv. */
  env?: NodeJS.ProcessEnv;
  /** Where the API logs (a test reading its log passes one); by default it logs nothing. */
  logger?: Logger;
}

export function requireEnv(name: 'TEST_DATABASE_SERVER_URL' | 'REDIS_URL'): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through jest so that global setup starts the services.`);
  return value;
}

/** A database of this file's own, and the real API on it, in process. */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const database = await createTestDatabase(requireEnv('TEST_DATABASE_SERVER_URL'), 'api');
  const queuePrefix = `{test-${randomBytes(6).toString('hex')}}`;
  const owner = new Client({ connectionString: database.ownerUrl });
  let app: NestFastifyApplication | undefined;
  try {
    await owner.connect();
    // Checks of "nothing was written" read every tenant's rows through this connection.
    const { rows } = await owner.query<{ bypasses: boolean }>('SELECT rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = current_user');
    if (!rows[0]?.bypasses) throw new Error('The test database owner must be a superuser (or BYPASSRLS) to check rows of every tenant.');
    const config = configFromEnv({
      NODE_ENV: options.production ? 'production' : 'test',
      DATABASE_URL: database.ownerUrl,
      REDIS_URL: requireEnv('REDIS_URL'),
      LENA_QUEUE_PREFIX: queuePrefix,
      LENA_JWT_SECRET: TEST_JWT_SECRET,
      LENA_OUTBOX_KEY: TEST_OUTBOX_KEY,
      LENA_COOKIE_SECURE: 'true',
      // Tests that run a worker see each answer's publication job at once.
      LENA_FEEDBACK_PUBLICATION_DELAY_MS: '0',
      ...options.env,
    });
    app = await createApi(config, { logger: options.logger ?? false });
    const started = app;
    return {
      app: started,
      config,
      database,
      owner,
      fixtures: new Fixtures(owner, config.outboxKey),
      client: (clientOptions) => new TestClient(started, clientOptions),
      settled: async () => {
        // Fastify runs onResponse hooks from the response's 'finish' event: let that turn pass first.
        await new Promise((resolve) => setImmediate(resolve));
        await started.get(AfterResponseWork).drain();
      },
      close: async () => {
        await started.close();
        await owner.end();
        await database.drop();
        await removeQueueKeys(queuePrefix);
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await owner.end().catch(() => undefined);
    await database.drop();
    throw error;
  }
}

/** Removes the jobs this file's API enqueued, so the shared Redis keeps nothing of the run. */
async function removeQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(requireEnv('REDIS_URL'), { maxRetriesPerRequest: 1 });
  try {
    const pattern = `${prefix.replace(/[[\]*?\\]/g, '\\$&')}:*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
