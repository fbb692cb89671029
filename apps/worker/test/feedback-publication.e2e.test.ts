import { oneRow, withUnitOfWork } from '@lena/database';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { feedbackPublicationDedupId, JobQueues, Jobs, QueueName } from '@lena/jobs';
import { Job, type QueueEvents } from 'bullmq';
import { Client, Pool } from 'pg';
import { FeedbackPublicationRepository } from '../src/feedback/feedback-publication.repository';
import { startWorker, type WorkerHandle } from '../src';
import { listenToQueue } from './support/queue-events';
import { SchedulingFixtures } from './support/scheduling-fixtures';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

const SERIES = { rrule: 'FREQ=WEEKLY;COUNT=2', startLocal: '2026-11-04T10:00:00', timeZone: 'UTC', sessionCount: 2 };
const ITEMS = ['safe_to_share', 'useful_for_practice', 'held_well', 'protected_time', 'feel_about_work'];

interface Snapshot {
  responses: number;
  tallies: Record<string, number[]>;
  published_on: string;
  comment_responses: number | null;
  comments: string[] | null;
}

describe('publish-feedback-results (the feedback queue)', () => {
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
      workerEnv(database, prefix),
      // No recurring sweeps: the feedback sweep (every minute) publishes what is due too, and one landing
      // between a test's responses and its job would leave the job nothing to publish.
      { config: { retry: { attempts: 1 }, recurringJobs: false }, logger: false },
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

  /** `count` responses stored as the API stores them (no person, no time), each answering every item `value`. */
  async function respond(tenant: string, requestId: string, count: number, value: number, comment?: string): Promise<void> {
    for (let index = 0; index < count; index += 1) {
      const answers: Record<string, number | string> = Object.fromEntries(ITEMS.map((item) => [item, value]));
      if (comment) answers.take_away = `${comment} ${index}`;
      await fixtures.query(tenant, 'INSERT INTO feedback_response (tenant_id, request_id, answers) VALUES ($1, $2, $3)', [tenant, requestId, answers]);
    }
  }

  /** Enqueues the job as the API does after a response and waits for its outcome. */
  async function run(tenant: string, requestId: string): Promise<unknown> {
    const before = new Set((await worker.queues.queue(QueueName.feedback).getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).map((job) => job.id));
    await worker.queues.enqueueFeedbackPublication(tenant, requestId);
    const added = (await worker.queues.queue(QueueName.feedback).getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).find((job) => !before.has(job.id));
    const job = await Job.fromId(worker.queues.queue(QueueName.feedback), added!.id!);
    expect(job?.name).toBe(Jobs.publishFeedbackResults.name);
    expect(job?.data).toEqual({ tenantId: tenant, requestId });
    return job!.waitUntilFinished(events, 15_000);
  }

  const snapshot = async (tenant: string, sessionId: string): Promise<Snapshot | undefined> =>
    (
      await fixtures.query<Snapshot>(
        tenant,
        `SELECT responses, tallies, to_char(published_on, 'YYYY-MM-DD') AS published_on, comment_responses, comments
           FROM feedback_result_snapshot WHERE tenant_id = $1 AND session_id = $2`,
        [tenant, sessionId],
      )
    )[0];

  it('publishes nothing below five, at the fifth, and then nothing new until five more: the 6th response changes no figure, the 10th does', async () => {
    const { sessionId, requestId } = await requestFor(tenantId);
    await respond(tenantId, requestId, 4, 5);
    expect(await run(tenantId, requestId)).toEqual({ found: true, scoresPublished: false, commentsPublished: false });
    expect(await snapshot(tenantId, sessionId)).toBeUndefined();

    await respond(tenantId, requestId, 1, 5);
    expect(await run(tenantId, requestId)).toEqual({ found: true, scoresPublished: true, commentsPublished: false });
    const atFive = await snapshot(tenantId, sessionId);
    expect(atFive).toMatchObject({ responses: 5, comment_responses: null, comments: null });
    expect(atFive!.tallies.held_well).toEqual([0, 0, 0, 0, 5]);
    expect(atFive!.published_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // The differencing attack over time: one more person answers (a 1), and the job runs. Were the
    // figures live, the new mean less the old would give that person's answers. They do not move.
    await respond(tenantId, requestId, 1, 1);
    expect(await run(tenantId, requestId)).toEqual({ found: true, scoresPublished: false, commentsPublished: false });
    expect(await snapshot(tenantId, sessionId)).toEqual(atFive);
    await respond(tenantId, requestId, 3, 1);
    expect(await run(tenantId, requestId)).toEqual({ found: true, scoresPublished: false, commentsPublished: false });
    expect(await snapshot(tenantId, sessionId)).toEqual(atFive);

    // The tenth: five new people since the last publication, so it moves, by five.
    await respond(tenantId, requestId, 1, 1);
    expect(await run(tenantId, requestId)).toEqual({ found: true, scoresPublished: true, commentsPublished: false });
    const atTen = await snapshot(tenantId, sessionId);
    expect(atTen).toMatchObject({ responses: 10, comments: null });
    expect(atTen!.tallies.held_well).toEqual([5, 0, 0, 0, 5]);
  });

  it('is idempotent: run twice with nothing new, one snapshot state', async () => {
    const { sessionId, requestId } = await requestFor(tenantId);
    await respond(tenantId, requestId, 7, 3);
    expect(await run(tenantId, requestId)).toMatchObject({ scoresPublished: true });
    const first = await snapshot(tenantId, sessionId);
    expect(await run(tenantId, requestId)).toMatchObject({ scoresPublished: false });
    expect(await snapshot(tenantId, sessionId)).toEqual(first);
    expect(await fixtures.query(tenantId, 'SELECT count(*)::int AS n FROM feedback_result_snapshot WHERE tenant_id = $1 AND session_id = $2', [tenantId, sessionId])).toEqual([
      { n: 1 },
    ]);
    expect(await fixtures.query(tenantId, 'SELECT stale FROM feedback_rollup WHERE tenant_id = $1 AND session_id = $2', [tenantId, sessionId])).toEqual([{ stale: false }]);
  });

  it('publishes comments only where they are on, at the comment threshold (10), then only after ten more', async () => {
    const grp = await requestFor(tenantId);
    await respond(tenantId, grp.requestId, 10, 4, 'Reflective');
    expect(await run(tenantId, grp.requestId)).toEqual({ found: true, scoresPublished: true, commentsPublished: false });
    expect(await snapshot(tenantId, grp.sessionId)).toMatchObject({ responses: 10, comments: null, comment_responses: null });

    const commentsOn = await fixtures.tenant();
    await fixtures.query(null, 'UPDATE tenant SET feedback_grp_comments_enabled = true WHERE id = $1', [commentsOn]);
    const { sessionId, requestId } = await requestFor(commentsOn);
    await respond(commentsOn, requestId, 9, 4, 'Kept');
    expect(await run(commentsOn, requestId)).toEqual({ found: true, scoresPublished: true, commentsPublished: false });
    expect(await snapshot(commentsOn, sessionId)).toMatchObject({ responses: 9, comments: null });
    await respond(commentsOn, requestId, 1, 4, 'Tenth');
    expect(await run(commentsOn, requestId)).toEqual({ found: true, scoresPublished: false, commentsPublished: true });
    const published = await snapshot(commentsOn, sessionId);
    expect(published).toMatchObject({ responses: 9, comment_responses: 10 });
    expect([...published!.comments!].sort()).toEqual([...Array.from({ length: 9 }, (_, index) => `Kept ${index}`), 'Tenth 0'].sort());
    await respond(commentsOn, requestId, 9, 4, 'Later');
    expect(await run(commentsOn, requestId)).toEqual({ found: true, scoresPublished: true, commentsPublished: false });
    expect(await snapshot(commentsOn, sessionId)).toMatchObject({ responses: 19, comment_responses: 10 });
  });

  it('publishes nothing for a request of another organisation named with this one’s tenant id', async () => {
    const { sessionId, requestId } = await requestFor(otherTenantId);
    await respond(otherTenantId, requestId, 6, 2);
    expect(await run(tenantId, requestId)).toEqual({ found: false, scoresPublished: false, commentsPublished: false });
    expect(await snapshot(otherTenantId, sessionId)).toBeUndefined();
  });

  it('debounces per request: while one job waits, another response adds none', async () => {
    const { requestId } = await requestFor(tenantId);
    await worker.queues.queue(QueueName.feedback).pause();
    try {
      await worker.queues.enqueueFeedbackPublication(tenantId, requestId);
      await worker.queues.enqueueFeedbackPublication(tenantId, requestId);
      const waiting = (await worker.queues.queue(QueueName.feedback).getJobs(['waiting'])).filter((job) => job.data.requestId === requestId);
      expect(waiting).toHaveLength(1);
      expect(await worker.queues.queue(QueueName.feedback).getDeduplicationJobId(feedbackPublicationDedupId(requestId))).toBe(waiting[0]!.id);
    } finally {
      await worker.queues.queue(QueueName.feedback).resume();
    }
  });

  it('waits the publication delay, so the answers arriving meanwhile make one job and one publication', async () => {
    const { sessionId, requestId } = await requestFor(tenantId);
    // A producer like the API, whose publication jobs wait a second.
    const api = new JobQueues({ redisUrl: testRedisUrl(), prefix, feedbackPublicationDelayMs: 1_000 });
    try {
      const firstNudge = Date.now();
      for (let index = 0; index < 7; index += 1) {
        await respond(tenantId, requestId, 1, 4);
        await api.enqueueFeedbackPublication(tenantId, requestId);
      }
      const queue = worker.queues.queue(QueueName.feedback);
      const jobs = (await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).filter((job) => job.data.requestId === requestId);
      expect(jobs).toHaveLength(1);
      expect(await jobs[0]!.getState()).toBe('delayed');
      expect(await jobs[0]!.waitUntilFinished(events, 15_000)).toEqual({ found: true, scoresPublished: true, commentsPublished: false });
      expect(Date.now() - firstNudge).toBeGreaterThanOrEqual(1_000);
      // One publication, of all seven.
      expect((await snapshot(tenantId, sessionId))?.tallies.held_well).toEqual([0, 0, 0, 7, 0]);
      expect((await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed'])).filter((job) => job.data.requestId === requestId)).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it('never holds up a response being stored while it publishes that request (its lock leaves the foreign key’s KEY SHARE free)', async () => {
    const { requestId } = await requestFor(tenantId);
    const pool = new Pool({ connectionString: database.appUrl, max: 1 });
    const submitter = new Client({ connectionString: database.ownerUrl });
    await submitter.connect();
    try {
      await withUnitOfWork(pool, { tenantId, userId: null }, async (uow) => {
        // The publication's lock, held as the job holds it while it tallies and writes.
        expect(await new FeedbackPublicationRepository().lockState(uow, tenantId, requestId)).toMatchObject({ responses: 0 });
        // A submission meanwhile, as the API stores it; under FOR UPDATE it would wait for the
        // whole publication, and give up here after a second.
        await submitter.query('BEGIN');
        await submitter.query("SET LOCAL lock_timeout = '1s'");
        await submitter.query('INSERT INTO feedback_response (tenant_id, request_id, answers) VALUES ($1, $2, $3)', [tenantId, requestId, { safe_to_share: 4 }]);
        await submitter.query('COMMIT');
      });
    } finally {
      await submitter.end();
      await pool.end();
    }
    expect(await fixtures.query(tenantId, 'SELECT 1 FROM feedback_response WHERE tenant_id = $1 AND request_id = $2', [tenantId, requestId])).toHaveLength(1);
  });

  it('lets the feedback sweep publish what a lost nudge left due', async () => {
    const sweepTenant = await fixtures.tenant();
    const { sessionId, requestId } = await requestFor(sweepTenant);
    await respond(sweepTenant, requestId, 5, 2);
    // No job was enqueued for these responses (Redis lost it): the organisation's sweep publishes.
    const job = await worker.queues.queue(QueueName.feedback).add(Jobs.sweepTenantFeedback.name, { tenantId: sweepTenant });
    expect(await job.waitUntilFinished(events, 15_000)).toMatchObject({ published: 1 });
    expect(await snapshot(sweepTenant, sessionId)).toMatchObject({ responses: 5 });
  });
});
