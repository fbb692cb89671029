import { createDataSource } from '@lena/database';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { JobQueues, QueueName } from '@lena/jobs';
import type { DataSource } from 'typeorm';
import { OutboxRelayService } from '../src/maintenance/services/outbox-relay.service';
import { OutboxRepository } from '../src/notifications/outbox.repository';
import { OutboxFixtures } from './support/outbox-fixtures';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE } from './support/test-environment';

// The relay on its own (no worker consuming), so the queue shows exactly what it enqueued. Two
// relay services on two connection pools stand for two worker replicas.
describe('outbox relay', () => {
  let database: TestDatabase;
  let prefix: string;
  let queues: JobQueues;
  let pools: [DataSource, DataSource];
  let replicaA: OutboxRelayService;
  let replicaB: OutboxRelayService;
  let outbox: OutboxFixtures;

  beforeEach(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    prefix = uniqueQueuePrefix();
    queues = new JobQueues({ redisUrl: testRedisUrl(), prefix });
    const pool = () => createDataSource({ url: database.appUrl, poolSize: 2 }).initialize();
    pools = await Promise.all([pool(), pool()]);
    replicaA = new OutboxRelayService(pools[0], new OutboxRepository(), queues);
    replicaB = new OutboxRelayService(pools[1], new OutboxRepository(), queues);
    outbox = await OutboxFixtures.connect(database.appUrl);
  });

  afterEach(async () => {
    await outbox.close();
    await Promise.all(pools.map((pool) => pool.destroy()));
    await queues.close();
    await database.drop();
    await deleteQueueKeys(prefix);
  });

  const queuedIds = async () => (await queues.queue(QueueName.notifications).getJobs(['waiting', 'delayed', 'active'])).map((job) => job.id).sort();

  it('enqueues each due row exactly once when two replicas relay at the same time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await outbox.insertEmail());

    const [a, b] = await Promise.all([replicaA.relay(), replicaB.relay()]);

    expect(a + b).toBe(ids.length);
    expect(await queuedIds()).toEqual([...ids].sort());
    for (const id of ids) expect((await outbox.get(id)).enqueued_at).toBeInstanceOf(Date);
    // Handed over moments ago: not due again.
    expect(await replicaA.relay()).toBe(0);
  });

  it('hands a row over again when it is still undelivered 5 minutes later, without a second job', async () => {
    const stillQueued = await outbox.insertEmail();
    const lost = await outbox.insertEmail();
    expect(await replicaA.relay()).toBe(2);
    await outbox.update(stillQueued, "enqueued_at = now() - interval '6 minutes'");
    await outbox.update(lost, "enqueued_at = now() - interval '6 minutes'");
    await (await queues.queue(QueueName.notifications).getJob(lost))!.remove(); // e.g. Redis lost it

    expect(await replicaB.relay()).toBe(2);
    expect(await queuedIds()).toEqual([stillQueued, lost].sort());
    expect(await queues.queue(QueueName.notifications).count()).toBe(2);
  });

  it('leaves delivered rows, dead letters and recently enqueued rows alone', async () => {
    const delivered = await outbox.insertEmail();
    await outbox.update(delivered, 'delivered_at = now()');
    const dead = await outbox.insertEmail();
    await outbox.update(dead, "attempts = 24, failed_at = now(), enqueued_at = now() - interval '1 hour'");
    const recent = await outbox.insertEmail();
    await outbox.update(recent, "enqueued_at = now() - interval '4 minutes'");
    const due = await outbox.insertEmail();

    expect(await replicaA.relay()).toBe(1);
    expect(await queuedIds()).toEqual([due]);
  });

  it('takes the oldest rows first, at most a batch at a time', async () => {
    const newest = await outbox.insertEmail(undefined, { createdSecondsAgo: 10 });
    const oldest = await outbox.insertEmail(undefined, { createdSecondsAgo: 30 });
    const middle = await outbox.insertEmail(undefined, { createdSecondsAgo: 20 });

    expect(await replicaA.relay(2)).toBe(2);
    expect(await queuedIds()).toEqual([oldest, middle].sort());
    expect(await replicaA.relay(2)).toBe(1);
    expect(await queuedIds()).toEqual([oldest, middle, newest].sort());
  });

  it('leaves the rows due when Redis refuses the jobs', async () => {
    const id = await outbox.insertEmail();
    const offline = new JobQueues({ redisUrl: 'redis://127.0.0.1:1', prefix, enqueueTimeoutMs: 300, onError: () => undefined });
    try {
      await expect(new OutboxRelayService(pools[0], new OutboxRepository(), offline).relay()).rejects.toThrow();
    } finally {
      await offline.close();
    }
    expect((await outbox.get(id)).enqueued_at).toBeNull();
    expect(await replicaA.relay()).toBe(1);
  });
});
