import { rollupUpsert } from '@lena/database';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { COPENHAGEN_BURNOUT_INVENTORY, computeOutcomeRollup, publishSubscales, type RollupMeasurement } from '@lena/domain';
import { Jobs, outcomeReportJobId, QueueName } from '@lena/jobs';
import type { QueueEvents } from 'bullmq';
import { startWorker, type WorkerHandle } from '../src';
import { listenToQueue, nextJobEvent } from './support/queue-events';
import { SchedulingFixtures, type Person } from './support/scheduling-fixtures';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

const SERIES = { rrule: 'FREQ=WEEKLY;COUNT=4', startLocal: '2026-10-05T10:00:00', timeZone: 'Europe/London', sessionCount: 6 };

interface ReportState {
  status: string;
  progress: number;
  ready: boolean;
}

describe('outcome reports (the reports queue)', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let worker: WorkerHandle;
  let fixtures: SchedulingFixtures;
  let events: QueueEvents;
  let tenantId: string;
  let admin: Person;

  /** Writes a programme's rollup as the refresh job would: `pairs` people whose work-related burnout fell. */
  async function rolledUpProgramme(pairs: number): Promise<string> {
    const programme = await fixtures.programme(tenantId, SERIES, { status: 'ACTIVE' });
    const measurements: RollupMeasurement[] = Array.from({ length: pairs }, (_, index) => [
      { instrumentKey: 'cbi', point: 'BASELINE' as const, pseudonym: `${programme.id}-${index}`, scores: { work: 60 + index } },
      { instrumentKey: 'cbi', point: 'FINAL' as const, pseudonym: `${programme.id}-${index}`, scores: { work: 50 + index - (index % 3) } },
    ]).flat();
    const work = COPENHAGEN_BURNOUT_INVENTORY.subscales.find((subscale) => subscale.key === 'work')!;
    const figures = computeOutcomeRollup({
      sessionsBought: 6,
      sessions: [{ status: 'DELIVERED', month: '2026-10' }],
      attendance: { marked: pairs, present: pairs, attendees: pairs },
      measurements,
      subscales: [{ instrumentKey: 'cbi', subscaleKey: 'work', direction: work.direction, reliability: work.reliability! }],
    });
    // Published as the worker publishes a first rollup (the organisation's minimum group size, 5).
    const { sql, params } = rollupUpsert(tenantId, programme.id, figures, publishSubscales(figures.subscales, [], 5));
    await fixtures.query(tenantId, sql, params);
    return programme.id;
  }

  async function askedFor(scope: 'ORGANISATION' | 'PROGRAMME', programmeId: string | null = null, createdAgo = '0 seconds'): Promise<string> {
    const [row] = await fixtures.query<{ id: string }>(
      tenantId,
      `INSERT INTO outcome_report (tenant_id, requested_by, scope, programme_id, created_at, expires_at) VALUES ($1, $2, $3, $4, now() - $5::interval, now() + interval '30 days') RETURNING id`,
      [tenantId, admin.id, scope, programmeId, createdAgo],
    );
    return row!.id;
  }

  const state = async (reportId: string): Promise<ReportState> =>
    (await fixtures.query<ReportState>(tenantId, `SELECT status, progress, pdf IS NOT NULL AND csv IS NOT NULL AS ready FROM outcome_report WHERE id = $1`, [reportId]))[0]!;

  async function build(reportId: string, jobId = outcomeReportJobId(reportId)): Promise<unknown> {
    const done = nextJobEvent(events, 'completed', jobId, 30_000);
    await worker.queues.enqueue(Jobs.buildOutcomeReport, { tenantId, reportId }, { jobId });
    return (await done).returnvalue;
  }

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    worker = await startWorker(workerEnv(database, prefix), { config: { retry: { attempts: 1 } }, logger: false });
    fixtures = await SchedulingFixtures.connect(database.ownerUrl);
    events = await listenToQueue(QueueName.reports, { redisUrl: testRedisUrl(), prefix });
    tenantId = await fixtures.tenant();
    admin = await fixtures.person('Admin');
    await fixtures.query(tenantId, "INSERT INTO tenant_membership (tenant_id, user_id, role) VALUES ($1, $2, 'ORG_ADMIN')", [tenantId, admin.id]);
    const cbi = COPENHAGEN_BURNOUT_INVENTORY;
    await fixtures.query(null, `INSERT INTO outcome_instrument (key, version, title, licence, definition) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key, version) DO NOTHING`, [
      cbi.key,
      cbi.version,
      cbi.title,
      JSON.stringify(cbi.licence),
      JSON.stringify(cbi),
    ]);
    for (let index = 0; index < 12; index += 1) await rolledUpProgramme(6 + (index % 4));
  });

  afterAll(async () => {
    await events?.close();
    await worker?.close();
    await fixtures?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  it('commits its progress as it goes (the row before the job’s progress), ends READY at 100 with both files, and emails once', async () => {
    const reportId = await askedFor('ORGANISATION');
    const seen: Array<{ reported: number; row: ReportState }> = [];
    const reads: Array<Promise<void>> = [];
    const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
      if (jobId !== outcomeReportJobId(reportId)) return;
      reads.push(state(reportId).then((row) => void seen.push({ reported: Number(data), row })));
    };
    events.on('progress', onProgress);
    try {
      expect(await build(reportId)).toBe('built');
    } finally {
      events.off('progress', onProgress);
    }
    await Promise.all(reads);
    const reported = seen.map((entry) => entry.reported).sort((a, b) => a - b);
    expect(reported[0]).toBe(5);
    expect(reported.at(-1)).toBe(100);
    expect(reported.length).toBeGreaterThanOrEqual(5);
    // Whenever the job said how far it was, the row (read by another connection) already said at least as much.
    for (const entry of seen) expect(entry.row.status === 'READY' || entry.row.progress >= entry.reported).toBe(true);
    expect(await state(reportId)).toEqual({ status: 'READY', progress: 100, ready: true });
    expect(await fixtures.outboxRecipients(tenantId, 'Your outcome report is ready')).toEqual([admin.email]);
  });

  it('is idempotent: a READY report is not rebuilt, and nobody is emailed twice', async () => {
    const reportId = await askedFor('ORGANISATION');
    expect(await build(reportId)).toBe('built');
    const [before] = await fixtures.query(tenantId, `SELECT ready_at, md5(pdf) AS pdf, md5(csv) AS csv FROM outcome_report WHERE id = $1`, [reportId]);
    const emails = (await fixtures.outboxRecipients(tenantId, 'Your outcome report is ready')).length;
    expect(await build(reportId, `${outcomeReportJobId(reportId)}-retry`)).toBe('already-ready');
    expect(await fixtures.query(tenantId, `SELECT ready_at, md5(pdf) AS pdf, md5(csv) AS csv FROM outcome_report WHERE id = $1`, [reportId])).toEqual([before]);
    expect(await fixtures.outboxRecipients(tenantId, 'Your outcome report is ready')).toHaveLength(emails);
  });

  it('enqueues (by the outcomes sweep) a report whose nudge was lost, once, with the report’s own job id', async () => {
    const reportId = await askedFor('ORGANISATION', null, '2 minutes');
    const done = nextJobEvent(events, 'completed', outcomeReportJobId(reportId), 30_000);
    await worker.queues.enqueue(Jobs.sweepTenantOutcomes, { tenantId }, { jobId: `sweep-for-report-${reportId}` });
    expect((await done).returnvalue).toBe('built');
    expect(await state(reportId)).toEqual({ status: 'READY', progress: 100, ready: true });
  });

  it('marks a report FAILED once its last attempt fails, and writes no file and no email', async () => {
    const broken = await fixtures.programme(tenantId, SERIES, { status: 'ACTIVE' });
    // A rollup the domain cannot read (subscales not a list): the build throws.
    await fixtures.query(
      tenantId,
      `INSERT INTO outcome_rollup (tenant_id, programme_id, sessions_bought, sessions_planned, sessions_delivered, sessions_cancelled, attendance_marked,
                                   attendance_present, attendees, final_month, months, subscales, measurements, published_subscales)
       VALUES ($1, $2, 6, 0, 0, 0, 0, 0, 0, NULL, '[]', '{"broken": true}', 0, '{"broken": true}')`,
      [tenantId, broken.id],
    );
    const emails = (await fixtures.outboxRecipients(tenantId, 'Your outcome report is ready')).length;
    const reportId = await askedFor('ORGANISATION');
    const failed = nextJobEvent(events, 'failed', outcomeReportJobId(reportId), 30_000);
    await worker.queues.enqueue(Jobs.buildOutcomeReport, { tenantId, reportId }, { jobId: outcomeReportJobId(reportId) });
    await failed;
    expect(await state(reportId)).toEqual({ status: 'FAILED', progress: 0, ready: false });
    expect(await fixtures.outboxRecipients(tenantId, 'Your outcome report is ready')).toHaveLength(emails);
    await fixtures.query(tenantId, `DELETE FROM outcome_rollup WHERE tenant_id = $1 AND programme_id = $2`, [tenantId, broken.id]);
  });

  it('finishes as not found (not failed) for a report that is not there', async () => {
    expect(await build('00000000-0000-4000-8000-000000000000')).toBe('not-found');
  });
});
