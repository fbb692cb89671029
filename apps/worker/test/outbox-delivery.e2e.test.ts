import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { Jobs, OutboxKind, QueueName } from '@lena/jobs';
import { startSmtpCapture, type SmtpCapture } from '@lena/test-services';
import { Job, type Queue, type QueueEvents } from 'bullmq';
import { startWorker, type WorkerHandle } from '../src';
import { OutboxFixtures } from './support/outbox-fixtures';
import { listenToQueue } from './support/queue-events';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

// The worker as it runs in production, in this process: real PostgreSQL, Redis and SMTP.
describe('outbox email delivery', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let worker: WorkerHandle;
  let outbox: OutboxFixtures;
  let notifications: Queue;
  let notificationEvents: QueueEvents;
  let maintenanceEvents: QueueEvents;

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    smtp = await startSmtpCapture();
    worker = await startWorker(workerEnv(database, prefix, { SMTP_URL: smtp.url }), { config: { retry: { backoffDelayMs: 50 } }, logger: false });
    outbox = await OutboxFixtures.connect(database.appUrl);
    notifications = worker.queues.queue(QueueName.notifications);
    notificationEvents = await listenToQueue(QueueName.notifications, { redisUrl: testRedisUrl(), prefix });
    maintenanceEvents = await listenToQueue(QueueName.maintenance, { redisUrl: testRedisUrl(), prefix });
  });

  afterAll(async () => {
    await notificationEvents?.close();
    await maintenanceEvents?.close();
    await worker?.close();
    await outbox?.close();
    await smtp?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  /** Waits for the delivery job of an outbox row and returns its outcome. */
  async function deliveryOutcome(messageId: string): Promise<unknown> {
    const job = await notifications.getJob(messageId);
    if (!job) throw new Error(`no delivery job for ${messageId}`);
    return job.waitUntilFinished(notificationEvents, 15_000);
  }

  it('relays an email row to SMTP, then marks it delivered and clears its body', async () => {
    const message = outbox.emailMessage();
    const id = await outbox.insertEmail(message);

    const relayJobId = await worker.queues.enqueue(Jobs.relayOutbox, {}, { jobId: `relay-now-${id}` });
    const relayJob = await Job.fromId(worker.queues.queue(QueueName.maintenance), relayJobId);
    await relayJob!.waitUntilFinished(maintenanceEvents, 15_000);

    const received = await smtp.waitForMessage((mail) => mail.to.includes(message.to));
    expect(received.subject).toBe(message.subject);
    expect(received.text.trim()).toBe(message.text);
    expect(received.html).toContain('https://lena.test/sign-in?token=');
    expect(received.from).toBe('no-reply@lena.test');
    expect(await deliveryOutcome(id)).toBe('delivered');

    const row = await outbox.get(id);
    expect(row.delivered_at).toBeInstanceOf(Date);
    expect(row.enqueued_at).toBeInstanceOf(Date);
    expect(row.payload).toEqual({ to: message.to, subject: message.subject });
    expect(JSON.stringify(row.payload)).not.toContain('token=');
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBeNull();
  });

  it('sends a message once however often its delivery is enqueued', async () => {
    const message = outbox.emailMessage();
    const id = await outbox.insertEmail(message);

    await Promise.all([worker.queues.enqueueOutboxDelivery([id, id]), worker.queues.enqueueOutboxDelivery([id])]);
    expect(await deliveryOutcome(id)).toBe('delivered');

    // Even a job that slips past the job-id check (its predecessor already cleaned away) is a no-op.
    await (await notifications.getJob(id))!.remove();
    await worker.queues.enqueueOutboxDelivery([id]);
    expect(await deliveryOutcome(id)).toBe('already-delivered');

    expect(smtp.messages.filter((mail) => mail.to.includes(message.to))).toHaveLength(1);
    expect((await outbox.get(id)).attempts).toBe(1);
  });

  it('gives up at once on a payload that can never be sent, recording why', async () => {
    // Unsealed, as no API would write it.
    const id = await outbox.insert(OutboxKind.email, { to: 'not-an-address', subject: 'Hello', text: 'Body' });
    await worker.queues.enqueueOutboxDelivery([id]);

    await expect(deliveryOutcome(id)).rejects.toThrow(/Invalid email payload/);
    const job = await notifications.getJob(id);
    expect(job!.attemptsMade).toBe(1);
    const row = await outbox.get(id);
    expect(row.delivered_at).toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/Invalid email payload/);
    // A dead letter at once: the relay will not hand it over again.
    expect(row.failed_at).toBeInstanceOf(Date);
  });

  it('gives up at once on a body sealed with another key, and goes on delivering the rest', async () => {
    const misKeyed = outbox.emailMessage();
    const id = await outbox.insertEmail(misKeyed, { sealedWith: randomBytes(32) });
    await worker.queues.enqueueOutboxDelivery([id]);

    await expect(deliveryOutcome(id)).rejects.toThrow(/sealed with another key/);
    expect((await notifications.getJob(id))!.attemptsMade).toBe(1);
    const row = await outbox.get(id);
    expect(row).toMatchObject({ attempts: 1, delivered_at: null });
    expect(row.failed_at).toBeInstanceOf(Date);
    expect(row.last_error).toMatch(/LENA_OUTBOX_KEY/);
    expect(smtp.messages.filter((mail) => mail.to.includes(misKeyed.to))).toHaveLength(0);

    // The worker is still up: the next message, sealed with its key, goes out.
    const next = outbox.emailMessage();
    const nextId = await outbox.insertEmail(next);
    await worker.queues.enqueueOutboxDelivery([nextId]);
    expect(await deliveryOutcome(nextId)).toBe('delivered');
    expect((await smtp.waitForMessage((mail) => mail.to.includes(next.to))).text.trim()).toBe(next.text);
  });

  it('does not know how to deliver an unknown kind, and says so', async () => {
    const id = await outbox.insert('carrier-pigeon', { to: 'ada@example.org' });
    await worker.queues.enqueueOutboxDelivery([id]);

    await expect(deliveryOutcome(id)).rejects.toThrow(/Unknown outbox kind "carrier-pigeon"/);
    expect((await outbox.get(id)).last_error).toBe('Unknown outbox kind "carrier-pigeon"');
  });

  it('schedules each recurring job once, whatever the number of replicas', async () => {
    const second = await startWorker(workerEnv(database, prefix, { SMTP_URL: smtp.url }), { logger: false });
    try {
      const schedulers = await worker.queues.queue(QueueName.maintenance).getJobSchedulers();
      expect(schedulers.map((scheduler) => scheduler.name).sort()).toEqual([Jobs.purgeExpiredRecords.name, Jobs.relayOutbox.name].sort());
      expect(schedulers.find((scheduler) => scheduler.name === Jobs.relayOutbox.name)).toMatchObject({ every: 30_000 });
    } finally {
      await second.close();
    }
  });
});
