import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_OUTBOX_KEY } from '@lena/jobs';
import { loadWorkerConfig } from '../src/config/worker-config';

describe('worker configuration', () => {
  it('connects as the application role and falls back to local defaults', () => {
    const config = loadWorkerConfig({ DATABASE_URL: 'postgres://postgres@db:5432/lena' });
    expect(new URL(config.databaseUrl).username).toBe('lena_app');
    expect(config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      queuePrefix: '{lena}',
      smtpUrl: 'smtp://127.0.0.1:1025',
      mailFrom: '"Lena" <no-reply@lena.test>',
      outboxRelayEveryMs: 30_000,
      recurringJobs: true,
    });
  });

  it('reads every setting from the environment', () => {
    const config = loadWorkerConfig({
      APP_DATABASE_URL: 'postgres://lena_app:pw@db/lena',
      REDIS_URL: 'redis://cache:6380',
      LENA_QUEUE_PREFIX: '{lena-eu}',
      SMTP_URL: 'smtp://mail:25',
      MAIL_FROM: 'Lena <hello@example.org>',
      LENA_WORKER_CONCURRENCY: '4',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://lena_app:pw@db/lena',
      redisUrl: 'redis://cache:6380',
      queuePrefix: '{lena-eu}',
      smtpUrl: 'smtp://mail:25',
      mailFrom: 'Lena <hello@example.org>',
      notificationsConcurrency: 4,
    });
  });

  it('rejects settings that would break the queues', () => {
    expect(() => loadWorkerConfig({ LENA_QUEUE_PREFIX: 'lena' })).toThrow(/hash tag/);
    expect(() => loadWorkerConfig({ LENA_WORKER_CONCURRENCY: 'many' })).toThrow(/LENA_WORKER_CONCURRENCY/);
  });

  it('opens outbox bodies with LENA_OUTBOX_KEY, which production requires and may not be the development key', () => {
    const key = randomBytes(32).toString('base64');
    expect(loadWorkerConfig({ NODE_ENV: 'production', LENA_OUTBOX_KEY: key }).outboxKey.toString('base64')).toBe(key);
    expect(loadWorkerConfig({}).outboxKey.toString('base64')).toBe(DEVELOPMENT_OUTBOX_KEY);
    expect(() => loadWorkerConfig({ NODE_ENV: 'production' })).toThrow(/LENA_OUTBOX_KEY must be set/);
    expect(() => loadWorkerConfig({ NODE_ENV: 'production', LENA_OUTBOX_KEY: DEVELOPMENT_OUTBOX_KEY })).toThrow(/development key/);
  });
});
