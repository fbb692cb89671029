import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { Jobs, programmeExpansionJobId, QueueName } from '@lena/jobs';
import { startSmtpCapture, type SmtpCapture } from '@lena/test-services';
import { Job, type QueueEvents } from 'bullmq';
import { startWorker, type WorkerHandle } from '../src';
import { listenToQueue } from './support/queue-events';
import { SchedulingFixtures } from './support/scheduling-fixtures';
import { deleteQueueKeys, TEST_OUTBOX_KEY, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE } from './support/test-environment';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A weekly series in UTC whose first session is `days` from now (negative: in the past), at the next whole hour. */
function weeklyFrom(days: number, count = 3) {
  const start = new Date(Math.ceil((Date.now() + days * DAY_MS) / 3_600_000) * 3_600_000);
  return { rrule: `FREQ=WEEKLY;COUNT=${count}`, startLocal: start.toISOString().slice(0, 19), timeZone: 'UTC', sessionCount: count };
}

// Programmes move on by themselves as their sessions are held: the tenant sweep, against real PostgreSQL and Redis.
describe('programmes moving on', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let worker: WorkerHandle;
  let fixtures: SchedulingFixtures;
  let events: QueueEvents;
  let tenantId: string;
  let sweeps = 0;

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    smtp = await startSmtpCapture();
    const env = {
      DATABASE_URL: database.ownerUrl,
      APP_DATABASE_URL: database.appUrl,
      REDIS_URL: testRedisUrl(),
      LENA_QUEUE_PREFIX: prefix,
      LENA_OUTBOX_KEY: TEST_OUTBOX_KEY,
      SMTP_URL: smtp.url,
    };
    worker = await startWorker(env, { config: { retry: { backoffDelayMs: 50 } }, logger: false });
    fixtures = await SchedulingFixtures.connect(database.ownerUrl);
    events = await listenToQueue(QueueName.scheduling, { redisUrl: testRedisUrl(), prefix });
    tenantId = await fixtures.tenant();
  });

  afterAll(async () => {
    await events?.close();
    await worker?.close();
    await fixtures?.close();
    await smtp?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  async function finished(jobId: string): Promise<unknown> {
    const job = await Job.fromId(worker.queues.queue(QueueName.scheduling), jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    return job.waitUntilFinished(events, 15_000);
  }

  async function expanded(series: ReturnType<typeof weeklyFrom>): Promise<string> {
    const programme = await fixtures.programme(tenantId, series);
    await worker.queues.enqueueProgrammeExpansion(tenantId, programme.id);
    await finished(programmeExpansionJobId(programme.id));
    return programme.id;
  }

  const sweep = async () => finished(await worker.queues.enqueue(Jobs.sweepTenantScheduling, { tenantId }, { jobId: `progress-${++sweeps}` }));
  const statusOf = async (programmeId: string) =>
    (await fixtures.query<{ status: string; version: number }>(tenantId, 'SELECT status, version FROM programme WHERE id = $1', [programmeId]))[0];
  const audited = async (programmeId: string) =>
    (
      await fixtures.query<{ action: string; actor_user_id: string | null; detail: Record<string, unknown> }>(
        null,
        `SELECT action, actor_user_id, detail FROM audit_event WHERE target_type = 'programme' AND target_id = $1 ORDER BY id`,
        [programmeId],
      )
    ).map((row) => [row.action, row.actor_user_id, row.detail.from, row.detail.to]);

  it('becomes active once its first session has begun, and completed once its last has ended, each audited as the system’s step, once', async () => {
    const running = await expanded(weeklyFrom(-8));
    const finishedProgramme = await expanded(weeklyFrom(-30));
    const toCome = await expanded(weeklyFrom(3));
    const before = await statusOf(running);

    expect(await sweep()).toMatchObject({ activated: 2, completed: 1 });
    expect(await statusOf(running)).toEqual({ status: 'ACTIVE', version: before!.version + 1 });
    expect((await statusOf(finishedProgramme))?.status).toBe('COMPLETED');
    expect((await statusOf(toCome))?.status).toBe('ACCEPTED');
    expect(await audited(running)).toEqual([['PROGRAMME_ACTIVATED', null, 'ACCEPTED', 'ACTIVE']]);
    expect(await audited(finishedProgramme)).toEqual([
      ['PROGRAMME_ACTIVATED', null, 'ACCEPTED', 'ACTIVE'],
      ['PROGRAMME_COMPLETED', null, 'ACTIVE', 'COMPLETED'],
    ]);

    // Nothing more is due: a second sweep changes nothing and audits nothing.
    expect(await sweep()).toMatchObject({ activated: 0, completed: 0 });
    expect(await audited(running)).toHaveLength(1);
  });

  it('is not completed while a session is still to come, and cancelled sessions do not count as held', async () => {
    const programme = await expanded(weeklyFrom(-8));
    await sweep();
    expect((await statusOf(programme))?.status).toBe('ACTIVE');
    // The sessions still to come are cancelled: the ones held were the last.
    await fixtures.query(tenantId, "UPDATE group_session SET status = 'CANCELLED', calendar_sequence = calendar_sequence + 1 WHERE programme_id = $1 AND starts_at > now()", [
      programme,
    ]);
    await sweep();
    expect((await statusOf(programme))?.status).toBe('COMPLETED');

    // A programme whose every session was cancelled was never held, so never activated.
    const neverHeld = await expanded(weeklyFrom(-30));
    await fixtures.query(tenantId, "UPDATE group_session SET status = 'CANCELLED' WHERE programme_id = $1", [neverHeld]);
    await sweep();
    expect((await statusOf(neverHeld))?.status).toBe('ACCEPTED');
  });
});
