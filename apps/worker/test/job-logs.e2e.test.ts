import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { Jobs, QueueName } from '@lena/jobs';
import { createLogger } from '@lena/logging';
import { captureLogs, type CapturedLogs } from '@lena/logging/testing';
import { startSmtpCapture, type SmtpCapture } from '@lena/test-services';
import type { Queue, QueueEvents } from 'bullmq';
import { startWorker, type WorkerHandle } from '../src';
import { jobLogFields } from '../src/jobs/job-log-context';
import { emailAddressHash } from '../src/notifications/services/redact-email-addresses';
import { OutboxFixtures } from './support/outbox-fixtures';
import { listenToQueue, nextJobEvent } from './support/queue-events';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

// The worker with its log captured, and an SMTP server that refuses some recipients.
describe('worker logs and SMTP errors', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let worker: WorkerHandle;
  let outbox: OutboxFixtures;
  let notifications: Queue;
  let events: QueueEvents;
  let logs: CapturedLogs;

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    smtp = await startSmtpCapture({ refuseRecipient: (address) => address.startsWith('refused-') });
    logs = captureLogs();
    worker = await startWorker(
      workerEnv(database, prefix, { SMTP_URL: smtp.url }),
      // A long backoff: the first failure is all these tests look at.
      { config: { retry: { backoffDelayMs: 60_000 } }, logger: createLogger({ service: 'worker', destination: logs.stream }) },
    );
    outbox = await OutboxFixtures.connect(database.appUrl);
    notifications = worker.queues.queue(QueueName.notifications);
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

  it("writes JSON lines whose every line of a job carries the job's id and name", async () => {
    const id = await outbox.insertEmail();
    const completed = nextJobEvent(events, 'completed', id);
    await worker.queues.enqueueOutboxDelivery([id]);
    await completed;

    const line = await logs.waitFor((candidate) => candidate.jobId === id && candidate.msg === 'Job completed');
    expect(line).toMatchObject({ level: 'info', service: 'worker', queue: QueueName.notifications, jobName: Jobs.deliverOutboxMessage.name, outcome: 'delivered' });
    expect(new Date(String(line.time)).toISOString()).toBe(line.time);
    expect(
      logs
        .lines()
        .filter((candidate) => candidate.jobId === id)
        .map((candidate) => candidate.msg),
    ).toEqual(['Job started', 'Job completed']);
    // Nest's own lines came through pino too.
    expect(logs.lines().some((candidate) => candidate.context === 'JobRunner' && String(candidate.msg).startsWith('Processing queues'))).toBe(true);
  });

  it('keeps no raw email address in last_error, the job record or the log when SMTP refuses a recipient', async () => {
    const message = outbox.emailMessage({ to: `refused-${Date.now()}@Example.org` });
    const id = await outbox.insertEmail(message);
    const retryScheduled = nextJobEvent(events, 'delayed', id);
    await worker.queues.enqueueOutboxDelivery([id]);
    await retryScheduled;

    const row = await outbox.get(id);
    expect(row.delivered_at).toBeNull();
    expect(row.last_error).toContain(`<email:${emailAddressHash(message.to)}>`);
    expect(row.last_error).toMatch(/550|rejected/i);
    expect(row.last_error).not.toContain('@');

    const address = message.to.toLowerCase();
    const job = await notifications.getJob(id);
    expect(job!.failedReason).toContain(`<email:${emailAddressHash(message.to)}>`);
    expect(JSON.stringify({ reason: job!.failedReason, stack: job!.stacktrace, data: job!.data }).toLowerCase()).not.toContain(address);

    const failed = await logs.waitFor((candidate) => candidate.jobId === id && candidate.msg === 'Job failed');
    expect(failed).toMatchObject({ level: 'warn', jobName: Jobs.deliverOutboxMessage.name, attempt: 1 });
    expect(logs.raw.join('\n').toLowerCase()).not.toContain(address);
    expect(smtp.messages.some((received) => received.to.includes(message.to))).toBe(false);
  });
});

describe('jobLogFields', () => {
  it("carries the tenant when a job's payload names one, and nothing else from the payload", () => {
    const base = { id: '7', name: 'some-job', queueName: 'notifications' };
    expect(jobLogFields({ ...base, data: { tenantId: 't-1', messageId: 'm-1' } })).toEqual({ queue: 'notifications', jobId: '7', jobName: 'some-job', tenantId: 't-1' });
    expect(jobLogFields({ ...base, data: { messageId: 'm-1' } })).toEqual({ queue: 'notifications', jobId: '7', jobName: 'some-job' });
  });
});
