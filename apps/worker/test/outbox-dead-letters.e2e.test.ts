import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { OutboxPolicy } from '@lena/domain';
import { Jobs, QueueName } from '@lena/jobs';
import { freePort } from '@lena/test-services';
import type { QueueEvents } from 'bullmq';
import { startWorker, type WorkerHandle } from '../src';
import { OutboxFixtures } from './support/outbox-fixtures';
import { listenToQueue, nextJobEvent } from './support/queue-events';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

// Nothing listens on the SMTP port, so every attempt fails. Jobs get two attempts each (a round).
describe('email that cannot be delivered', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let worker: WorkerHandle;
  let outbox: OutboxFixtures;
  let notifications: QueueEvents;
  let maintenance: QueueEvents;

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    worker = await startWorker(
      workerEnv(database, prefix, { SMTP_URL: `smtp://127.0.0.1:${await freePort()}` }),
      // No recurring relay: the tests run it themselves and count what it handed over, and the scheduled
      // one (every 30 seconds) landing between a test's update and its run would have handed it over first.
      { config: { retry: { attempts: 2, backoffDelayMs: 20 }, recurringJobs: false }, logger: false },
    );
    outbox = await OutboxFixtures.connect(database.appUrl);
    notifications = await listenToQueue(QueueName.notifications, { redisUrl: testRedisUrl(), prefix });
    maintenance = await listenToQueue(QueueName.maintenance, { redisUrl: testRedisUrl(), prefix });
  });

  afterAll(async () => {
    await notifications?.close();
    await maintenance?.close();
    await worker?.close();
    await outbox?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  /** Runs the relay now (as its schedule would) and returns how many rows it handed over. */
  async function relayNow(): Promise<number> {
    const jobId = await worker.queues.enqueue(Jobs.relayOutbox, {});
    const { returnvalue } = await nextJobEvent(maintenance, 'completed', jobId);
    return (returnvalue as unknown as { enqueued: number }).enqueued;
  }

  it('starts a fresh round once a job has used every attempt, then gives up for good', async () => {
    const id = await outbox.insertEmail();
    const firstRoundOver = nextJobEvent(notifications, 'failed', id);
    await worker.queues.enqueueOutboxDelivery([id]);
    await firstRoundOver;
    expect(await outbox.get(id)).toMatchObject({ attempts: 2, failed_at: null, delivered_at: null });

    // Five minutes on, the relay hands the row over again. The job's id is still taken by the
    // failed job, so the relay must restart that job rather than add a new one.
    await outbox.update(id, "enqueued_at = now() - interval '6 minutes', attempts = $2", [OutboxPolicy.maxAttempts - 2]);
    const lastRoundOver = nextJobEvent(notifications, 'failed', id);
    expect(await relayNow()).toBe(1);
    await lastRoundOver;

    const dead = await outbox.get(id);
    expect(dead.attempts).toBe(OutboxPolicy.maxAttempts);
    expect(dead.failed_at).toBeInstanceOf(Date);
    expect(dead.last_error).toMatch(/ECONNREFUSED/);

    // A dead letter waits for a person: the relay leaves it alone however old it gets.
    await outbox.update(id, "enqueued_at = now() - interval '1 hour'");
    expect(await relayNow()).toBe(0);
  });

  it('fails the job at once when its attempt makes the row a dead letter, not spending the job’s other attempts', async () => {
    const id = await outbox.insertEmail();
    await outbox.update(id, 'attempts = $2', [OutboxPolicy.maxAttempts - 1]);
    const failed = nextJobEvent(notifications, 'failed', id);
    await worker.queues.enqueueOutboxDelivery([id]);
    await failed;

    expect((await worker.queues.queue(QueueName.notifications).getJob(id))?.attemptsMade).toBe(1);
    const dead = await outbox.get(id);
    expect(dead.attempts).toBe(OutboxPolicy.maxAttempts);
    expect(dead.failed_at).toBeInstanceOf(Date);
  });
});
