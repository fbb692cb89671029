import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { JobName, QueueName } from './constants';
import { redisUrlFromEnv } from './connection';
import { JobQueues } from './job-queues';
import { InvalidJobPayloadError } from './payloads';

// Against the real Redis, under a prefix of this test file's own.
describe('JobQueues', () => {
  let queues: JobQueues;

  beforeAll(() => {
    queues = new JobQueues({ redisUrl: redisUrlFromEnv(), prefix: `{lena-jobs-test-${randomBytes(4).toString('hex')}}` });
  });

  afterAll(async () => {
    for (const name of Object.values(QueueName)) await queues.queue(name).obliterate({ force: true });
    await queues.close();
  });

  it('adds one delivery job per outbox row, keyed by the row id, however often it is asked', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await queues.enqueueOutboxDelivery([a, b, a]);
    await queues.enqueueOutboxDelivery([b]);

    const notifications = queues.queue(QueueName.notifications);
    const jobs = await notifications.getJobs(['waiting']);
    expect(jobs.map((job) => job.id).sort()).toEqual([a, b].sort());
    const job = await notifications.getJob(a);
    expect(job?.name).toBe(JobName.deliverOutboxMessage);
    expect(job?.data).toEqual({ messageId: a });
    expect(job?.opts.attempts).toBe(8);
  });

  it('adds a single job with a validated payload and returns its id', async () => {
    const id = await queues.enqueue(JobName.relayOutbox, {}, { jobId: 'relay-now' });
    expect(id).toBe('relay-now');
    expect((await queues.queue(QueueName.maintenance).getJob(id))?.name).toBe(JobName.relayOutbox);
    await expect(queues.enqueue(JobName.relayOutbox, { tenantId: 'x' } as never)).rejects.toBeInstanceOf(InvalidJobPayloadError);
  });

  it('validates before anything reaches Redis', async () => {
    const before = await queues.queue(QueueName.notifications).count();
    await expect(queues.enqueueOutboxDelivery([randomUUID(), 'oops'])).rejects.toBeInstanceOf(InvalidJobPayloadError);
    expect(await queues.queue(QueueName.notifications).count()).toBe(before);
  });

  it('keeps every key under the hash-tagged prefix', async () => {
    const redis = new Redis(redisUrlFromEnv());
    try {
      const keys = await redis.keys(`*${queues.prefix}*`);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.every((key) => key.startsWith(`${queues.prefix}:`))).toBe(true);
    } finally {
      redis.disconnect();
    }
  });

  it('upserts the recurring relay schedule idempotently', async () => {
    await queues.upsertRecurringJobs({ outboxRelayEveryMs: 60_000 });
    await queues.upsertRecurringJobs({ outboxRelayEveryMs: 30_000 });
    const schedulers = await queues.queue(QueueName.maintenance).getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: JobName.relayOutbox, name: JobName.relayOutbox, every: 30_000 });
  });

  it('rejects promptly when Redis is unreachable instead of hanging the caller', async () => {
    const offline = new JobQueues({ redisUrl: 'redis://127.0.0.1:1', prefix: '{lena-offline}', enqueueTimeoutMs: 300, onError: () => undefined });
    try {
      await expect(offline.enqueueOutboxDelivery([randomUUID()])).rejects.toThrow();
    } finally {
      await offline.close();
    }
  });
});
