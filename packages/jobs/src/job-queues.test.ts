import { randomBytes, randomUUID } from 'node:crypto';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { Jobs } from './catalogue';
import { QueueName } from './constants';
import { redisUrlFromEnv } from './connection';
import { defineJob, InvalidJobPayloadError } from './define-job';
import { JobQueues } from './job-queues';

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
    expect(job?.name).toBe(Jobs.deliverOutboxMessage.name);
    expect(job?.data).toEqual({ messageId: a });
    expect(job?.opts.attempts).toBe(8);
  });

  it('adds one expansion job per programme, in its tenant, however often the API and the sweep ask', async () => {
    const [tenantId, programmeId] = [randomUUID(), randomUUID()];
    await queues.enqueueProgrammeExpansion(tenantId, programmeId);
    await queues.enqueueProgrammeExpansions([
      { tenantId, programmeId },
      { tenantId, programmeId },
    ]);
    const scheduling = queues.queue(QueueName.scheduling);
    const jobs = (await scheduling.getJobs(['waiting'])).filter((job) => job.name === Jobs.expandProgrammeSeries.name);
    expect(jobs.map((job) => ({ id: job.id, data: job.data }))).toEqual([{ id: `expand-programme-${programmeId}`, data: { tenantId, programmeId } }]);
    await expect(queues.enqueueProgrammeExpansion('not-a-tenant', programmeId)).rejects.toBeInstanceOf(InvalidJobPayloadError);
  });

  it('adds a single job with a validated payload and returns its id', async () => {
    const id = await queues.enqueue(Jobs.relayOutbox, {}, { jobId: 'relay-now' });
    expect(id).toBe('relay-now');
    expect((await queues.queue(QueueName.maintenance).getJob(id))?.name).toBe(Jobs.relayOutbox.name);
    await expect(queues.enqueue(Jobs.relayOutbox, { tenantId: 'x' } as never)).rejects.toBeInstanceOf(InvalidJobPayloadError);
  });

  it('refuses a job that is not in its catalogue, which no worker would handle', async () => {
    const undeclared = defineJob({ name: 'send-fax', queue: QueueName.maintenance, scope: 'tenant', payload: { faxId: z.uuid() } });
    const before = await queues.queue(QueueName.maintenance).count();
    await expect(queues.enqueue(undeclared, { tenantId: randomUUID(), faxId: randomUUID() })).rejects.toThrow('Job "send-fax" is not declared');
    expect(await queues.queue(QueueName.maintenance).count()).toBe(before);
  });

  it('validates before anything reaches Redis', async () => {
    const before = await queues.queue(QueueName.notifications).count();
    await expect(queues.enqueueOutboxDelivery([randomUUID(), 'oops'])).rejects.toBeInstanceOf(InvalidJobPayloadError);
    expect(await queues.queue(QueueName.notifications).count()).toBe(before);
  });

  it('reads each queue: what waits (oldest first), what finished or failed, and how many workers consume it', async () => {
    const reader = new JobQueues({ redisUrl: redisUrlFromEnv(), prefix: `{lena-jobs-read-${randomBytes(4).toString('hex')}}`, retry: { attempts: 1 } });
    const notificationsOf = async () => (await reader.readQueues()).find((reading) => reading.name === QueueName.notifications)!;
    let worker: Worker | undefined;
    try {
      expect((await reader.readQueues()).map((reading) => reading.name)).toEqual(Object.values(QueueName));
      expect(await notificationsOf()).toMatchObject({ waiting: 0, workers: 0, oldestWaitingAt: null });

      const [failing, fine] = [randomUUID(), randomUUID()];
      await reader.enqueueOutboxDelivery([failing]);
      await reader.enqueueOutboxDelivery([fine]);
      const oldest = (await reader.queue(QueueName.notifications).getJob(failing))!.timestamp;
      const waiting = await notificationsOf();
      expect(waiting).toMatchObject({ waiting: 2, active: 0, failed: 0, completed: 0, workers: 0 });
      expect(waiting.oldestWaitingAt?.getTime()).toBe(oldest);

      let finished = 0;
      const bothFinished = new Promise<void>((resolve) => {
        const count = () => (finished += 1) === 2 && resolve();
        worker = new Worker<{ messageId: string }>(
          QueueName.notifications,
          async (job) => {
            if (job.data.messageId === failing) throw new Error('SMTP refused');
          },
          { connection: { url: redisUrlFromEnv() }, prefix: reader.prefix },
        );
        worker.on('completed', count);
        worker.on('failed', count);
      });
      await bothFinished;
      expect(await notificationsOf()).toMatchObject({ waiting: 0, active: 0, failed: 1, completed: 1, workers: 1, oldestWaitingAt: null });
    } finally {
      await worker?.close();
      for (const name of Object.values(QueueName)) await reader.queue(name).obliterate({ force: true });
      await reader.close();
    }
  });

  it('restarts a delivery job that used up its attempts only when asked to, with fresh attempts', async () => {
    const oneAttempt = new JobQueues({ redisUrl: redisUrlFromEnv(), prefix: `{lena-jobs-restart-${randomBytes(4).toString('hex')}}`, retry: { attempts: 1 } });
    const notifications = oneAttempt.queue(QueueName.notifications);
    const id = randomUUID();
    const worker = new Worker(
      QueueName.notifications,
      async () => {
        throw new Error('SMTP refused');
      },
      {
        connection: { url: redisUrlFromEnv() },
        prefix: oneAttempt.prefix,
        autorun: false,
      },
    );
    try {
      await oneAttempt.enqueueOutboxDelivery([id]);
      const failed = new Promise((resolve) => worker.once('failed', resolve));
      void worker.run();
      await failed;
      await worker.pause();
      expect(await notifications.getJobState(id)).toBe('failed');

      await oneAttempt.enqueueOutboxDelivery([id]); // the id is taken: nothing happens
      expect(await notifications.getJobState(id)).toBe('failed');

      await oneAttempt.enqueueOutboxDelivery([id], { restartFailed: true });
      expect(await notifications.getJobState(id)).toBe('waiting');
      expect((await notifications.getJob(id))!.attemptsMade).toBe(0);
      // Restarting a job that is not failed leaves it as it is.
      await oneAttempt.enqueueOutboxDelivery([id], { restartFailed: true });
      expect(await notifications.getJobState(id)).toBe('waiting');
    } finally {
      await worker.close();
      for (const name of Object.values(QueueName)) await oneAttempt.queue(name).obliterate({ force: true });
      await oneAttempt.close();
    }
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

  it('upserts the recurring schedules idempotently: the relay and the daily retention purge', async () => {
    await queues.upsertRecurringJobs({ [Jobs.relayOutbox.name]: 60_000 });
    await queues.upsertRecurringJobs({ [Jobs.relayOutbox.name]: 30_000 });
    const schedulers = await queues.queue(QueueName.maintenance).getJobSchedulers();
    expect(schedulers).toHaveLength(2);
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: Jobs.relayOutbox.name, name: Jobs.relayOutbox.name, every: 30_000 }),
        expect.objectContaining({ key: Jobs.purgeExpiredRecords.name, name: Jobs.purgeExpiredRecords.name, every: 24 * 60 * 60 * 1000 }),
      ]),
    );
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
