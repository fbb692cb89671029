import { oneRow } from '@lena/database';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { Jobs, QueueName } from '@lena/jobs';
import { Job, type QueueEvents } from 'bullmq';
import { startWorker, type WorkerHandle } from '../src';
import { listenToQueue } from './support/queue-events';
import { SchedulingFixtures } from './support/scheduling-fixtures';
import { deleteQueueKeys, TEST_OUTBOX_KEY, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE } from './support/test-environment';

const SERIES = { rrule: 'FREQ=WEEKLY;COUNT=2', startLocal: '2026-11-04T10:00:00', timeZone: 'UTC', sessionCount: 2 };

describe('mark-feedback-rollup-stale (the feedback queue)', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let worker: WorkerHandle;
  let fixtures: SchedulingFixtures;
  let events: QueueEvents;
  let tenantId: string;
  let otherTenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    worker = await startWorker(
      { DATABASE_URL: database.ownerUrl, APP_DATABASE_URL: database.appUrl, REDIS_URL: testRedisUrl(), LENA_QUEUE_PREFIX: prefix, LENA_OUTBOX_KEY: TEST_OUTBOX_KEY },
      { config: { retry: { attempts: 1 } }, logger: false },
    );
    fixtures = await SchedulingFixtures.connect(database.ownerUrl);
    events = await listenToQueue(QueueName.feedback, { redisUrl: testRedisUrl(), prefix });
    tenantId = await fixtures.tenant();
    otherTenantId = await fixtures.tenant();
  });

  afterAll(async () => {
    await events?.close();
    await worker?.close();
    await fixtures?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  /** A delivered-looking session of an active programme with an open feedback request. */
  async function requestFor(tenant: string): Promise<{ sessionId: string; requestId: string }> {
    const programme = await fixtures.programme(tenant, SERIES, { status: 'ACTIVE' });
    const session = await fixtures.sessionStartingIn(tenant, programme.id, 1, -3 * 3_600_000);
    const [instrument] = await fixtures.query<{ id: string }>(
      null,
      `WITH inserted AS (INSERT INTO feedback_instrument (key, version, licence, definition) VALUES ('session-feedback', 1, 'CC-BY-4.0', '{}')
         ON CONFLICT (key, version) DO NOTHING RETURNING id)
       SELECT id FROM inserted UNION ALL SELECT id FROM feedback_instrument WHERE key = 'session-feedback' AND version = 1`,
    );
    const rows = await fixtures.query<{ id: string }>(
      tenant,
      `INSERT INTO feedback_request (tenant_id, session_id, instrument_id, opens_at, remind_at, closes_at)
       VALUES ($1, $2, $3, now(), now() + interval '48 hours', now() + interval '7 days') RETURNING id`,
      [tenant, session.id, instrument!.id],
    );
    return { sessionId: session.id, requestId: oneRow(rows, 'feedback_request').id };
  }

  async function run(tenant: string, requestId: string): Promise<unknown> {
    const before = new Set((await worker.queues.queue(QueueName.feedback).getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).map((job) => job.id));
    await worker.queues.enqueueFeedbackRollupStale(tenant, requestId);
    const added = (await worker.queues.queue(QueueName.feedback).getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).find((job) => !before.has(job.id));
    const job = await Job.fromId(worker.queues.queue(QueueName.feedback), added!.id!);
    expect(job?.name).toBe(Jobs.markFeedbackRollupStale.name);
    expect(job?.data).toEqual({ tenantId: tenant, requestId });
    return job!.waitUntilFinished(events, 15_000);
  }

  const rollup = (tenant: string, sessionId: string) =>
    fixtures.query<{ stale: boolean }>(tenant, 'SELECT stale FROM feedback_rollup WHERE tenant_id = $1 AND session_id = $2', [tenant, sessionId]);

  it('marks the session’s rollup stale, and again after it was recomputed', async () => {
    const { sessionId, requestId } = await requestFor(tenantId);
    expect(await rollup(tenantId, sessionId)).toEqual([]);
    expect(await run(tenantId, requestId)).toEqual({ marked: true });
    expect(await rollup(tenantId, sessionId)).toEqual([{ stale: true }]);

    await fixtures.query(tenantId, 'UPDATE feedback_rollup SET stale = false, computed_at = now() WHERE tenant_id = $1 AND session_id = $2', [tenantId, sessionId]);
    expect(await run(tenantId, requestId)).toEqual({ marked: true });
    expect(await rollup(tenantId, sessionId)).toEqual([{ stale: true }]);
  });

  it('marks nothing for a request of another organisation named with this one’s tenant id', async () => {
    const { sessionId, requestId } = await requestFor(otherTenantId);
    expect(await run(tenantId, requestId)).toEqual({ marked: false });
    expect(await rollup(otherTenantId, sessionId)).toEqual([]);
  });
});
