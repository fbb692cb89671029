import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { openEmail, QueueName } from '@lena/jobs';
import { freePort, startSmtpCapture, type SmtpCapture } from '@lena/test-services';
import type { QueueEvents } from 'bullmq';
import { startWorker, type WorkerHandle } from '../src';
import { OutboxFixtures } from './support/outbox-fixtures';
import { listenToQueue, nextJobEvent } from './support/queue-events';
import { deleteQueueKeys, TEST_OUTBOX_KEY, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

describe('email delivery while the SMTP server is down', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let smtpPort: number;
  let smtp: SmtpCapture | undefined;
  let worker: WorkerHandle;
  let outbox: OutboxFixtures;
  let events: QueueEvents;

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    smtpPort = await freePort();
    worker = await startWorker(
      workerEnv(database, prefix, {
        // Nothing listens here until the test starts the SMTP capture on this port.
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      }),
      { config: { retry: { backoffDelayMs: 200 } }, logger: false },
    );
    outbox = await OutboxFixtures.connect(database.appUrl);
    events = await listenToQueue(QueueName.notifications, { redisUrl: testRedisUrl(), prefix });
  });

  afterAll(async () => {
    await events?.close();
    await worker?.close();
    await outbox?.close();
    await smtp?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  it('records the failed attempt, retries with backoff, and delivers once the server is back', async () => {
    const message = outbox.emailMessage();
    const id = await outbox.insertEmail(message);

    // A failed attempt with attempts left moves the job to "delayed" for its backoff.
    const firstRetryScheduled = nextJobEvent(events, 'delayed', id);
    await worker.queues.enqueueOutboxDelivery([id]);
    await firstRetryScheduled;

    const failed = await outbox.get(id);
    expect(failed.attempts).toBeGreaterThanOrEqual(1);
    expect(failed.last_error).toMatch(/ECONNREFUSED/);
    expect(failed.last_error!.length).toBeLessThanOrEqual(300);
    expect(failed.delivered_at).toBeNull();
    // Kept for the retry, still sealed: the link is not readable in the row.
    expect(openEmail(failed.payload, Buffer.from(TEST_OUTBOX_KEY, 'base64'))).toEqual(message);
    expect(JSON.stringify(failed.payload)).not.toContain('token=');

    smtp = await startSmtpCapture({ port: smtpPort });
    const received = await smtp.waitForMessage((mail) => mail.to.includes(message.to), 20_000);
    expect(received.subject).toBe(message.subject);

    const job = await worker.queues.queue(QueueName.notifications).getJob(id);
    expect(await job!.waitUntilFinished(events, 20_000)).toBe('delivered');
    const delivered = await outbox.get(id);
    expect(delivered.delivered_at).toBeInstanceOf(Date);
    expect(delivered.payload).toEqual({ to: message.to, subject: message.subject });
    // Every failed try and the successful one were counted; the job itself was retried.
    expect(delivered.attempts).toBeGreaterThanOrEqual(2);
    const finished = await worker.queues.queue(QueueName.notifications).getJob(id);
    expect(finished!.attemptsMade).toBe(delivered.attempts);
    expect(smtp.messages.filter((mail) => mail.to.includes(message.to))).toHaveLength(1);
  });
});
