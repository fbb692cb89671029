import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { COPENHAGEN_BURNOUT_INVENTORY, pairedChange, scoreOutcome, subscalePairs, type OutcomeAnswers, type RollupMeasurement } from '@lena/domain';
import { Jobs, outcomeRollupJobId, QueueName } from '@lena/jobs';
import type { QueueEvents } from 'bullmq';
import { startWorker, type WorkerHandle } from '../src';
import { listenToQueue, nextJobEvent } from './support/queue-events';
import { SchedulingFixtures } from './support/scheduling-fixtures';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

const SERIES = { rrule: 'FREQ=WEEKLY;COUNT=4', startLocal: '2026-10-05T10:00:00', timeZone: 'Europe/London', sessionCount: 6 };
/** The debounce under test: long enough to see a burst collapse into one job. */
const DELAY_MS = 300;

/** A deterministic sequence in [0, 1): the same answers on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** A measurement's scores as the API stores them: each subscale's score by key. */
function scored(answersGiven: OutcomeAnswers): Record<string, number | null> {
  return Object.fromEntries(scoreOutcome(COPENHAGEN_BURNOUT_INVENTORY, answersGiven).map((score) => [score.key, score.score]));
}

/** Someone's answers to every CBI item, lower (less burnt out) when `better`. */
function answers(next: () => number, better: boolean): OutcomeAnswers {
  const values = [0, 25, 50, 75, 100];
  return Object.fromEntries(COPENHAGEN_BURNOUT_INVENTORY.items.map((item) => [item.key, values[Math.min(4, Math.floor(next() * 4) + (better ? 0 : 1))]!]));
}

interface RollupRow {
  programme_id: string;
  sessions_bought: number;
  sessions_planned: number;
  sessions_delivered: number;
  sessions_cancelled: number;
  attendance_marked: number;
  attendance_present: number;
  attendees: number;
  final_month: string | null;
  months: unknown;
  subscales: unknown;
  measurements: number;
}

describe('outcome rollups (the outcomes queue)', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let worker: WorkerHandle;
  let fixtures: SchedulingFixtures;
  let events: QueueEvents;
  let tenantId: string;
  let otherTenantId: string;

  const env = () => workerEnv(database, prefix);

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    // No recurring sweeps: the scheduling sweep (every minute) would deliver the past sessions these
    // tests hold or leave scheduled themselves, and a rollup refreshed before it would no longer match
    // the recompute. The last test starts a worker with them, to see the nightly one scheduled.
    worker = await startWorker(env(), { config: { retry: { attempts: 1 }, outcomeRollupDelayMs: DELAY_MS, recurringJobs: false }, logger: false });
    fixtures = await SchedulingFixtures.connect(database.ownerUrl);
    events = await listenToQueue(QueueName.outcomes, { redisUrl: testRedisUrl(), prefix });
    tenantId = await fixtures.tenant();
    otherTenantId = await fixtures.tenant();
    const cbi = COPENHAGEN_BURNOUT_INVENTORY;
    await fixtures.query(null, `INSERT INTO outcome_instrument (key, version, title, licence, definition) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key, version) DO NOTHING`, [
      cbi.key,
      cbi.version,
      cbi.title,
      JSON.stringify(cbi.licence),
      JSON.stringify(cbi),
    ]);
  });

  afterAll(async () => {
    await events?.close();
    await worker?.close();
    await fixtures?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  /** Enqueues a refresh of each programme (as the API does after a commit) and waits until each has run. */
  async function refresh(tenant: string, programmeIds: readonly string[]): Promise<unknown[]> {
    const done = programmeIds.map((programmeId) => nextJobEvent(events, 'completed', outcomeRollupJobId(programmeId)));
    await worker.queues.enqueueOutcomeRollupRefresh(programmeIds.map((programmeId) => ({ tenantId: tenant, programmeId })));
    return (await Promise.all(done)).map((event) => event.returnvalue);
  }

  const rollups = (tenant: string) =>
    fixtures.query<RollupRow>(
      tenant,
      `SELECT programme_id, sessions_bought, sessions_planned, sessions_delivered, sessions_cancelled, attendance_marked, attendance_present,
              attendees, final_month, months, subscales, measurements
         FROM outcome_rollup WHERE tenant_id = $1 ORDER BY programme_id`,
      [tenant],
    );

  async function measure(tenant: string, programmeId: string, pseudonym: string, point: 'BASELINE' | 'FINAL', scores: unknown): Promise<void> {
    await fixtures.query(
      tenant,
      `INSERT INTO outcome_measurement (tenant_id, programme_id, instrument_key, instrument_version, point, pseudonym, scores) VALUES ($1, $2, 'cbi', 1, $3, $4, $5)`,
      [tenant, programmeId, point, pseudonym, JSON.stringify(scores)],
    );
  }

  it('applied one response at a time, the rollups equal a recompute of everything from the raw rows', async () => {
    const participants = await Promise.all(Array.from({ length: 6 }, () => fixtures.participant(tenantId)));
    const programmes = [
      await fixtures.programme(tenantId, SERIES, { status: 'ACTIVE', participants }),
      await fixtures.programme(tenantId, SERIES, { status: 'ACTIVE', participants: participants.slice(0, 3) }),
    ];
    const programmeIds = programmes.map((programme) => programme.id);
    for (const programmeId of programmeIds) {
      for (const sequence of [1, 2, 3, 4]) await fixtures.sessionStartingIn(tenantId, programmeId, sequence, (sequence - 3) * 7 * 86_400_000);
    }
    const next = generator(42);
    const written: Array<RollupMeasurement & { programmeId: string }> = [];

    // Responses arrive one by one, the sessions are held (or called off) and registers taken in between.
    for (let person = 0; person < 14; person += 1) {
      const programmeId = programmeIds[person % 2]!;
      for (const point of ['BASELINE', 'FINAL'] as const) {
        if (point === 'FINAL' && person % 5 === 4) continue; // some never answer the final measure
        const scores = scored(answers(next, point === 'FINAL'));
        await measure(tenantId, programmeId, `pseudonym-${person}`, point, scores);
        written.push({ programmeId, instrumentKey: 'cbi', point, pseudonym: `pseudonym-${person}`, scores });
        expect(await refresh(tenantId, [programmeId])).toEqual([{ refreshed: true, measurements: written.filter((row) => row.programmeId === programmeId).length }]);
      }
      if (person === 3 || person === 9) {
        const [first] = await fixtures.query<{ id: string }>(
          tenantId,
          `UPDATE group_session SET status = 'DELIVERED', delivered_at = now()
            WHERE id = (SELECT id FROM group_session WHERE tenant_id = $1 AND programme_id = $2 AND status = 'SCHEDULED' ORDER BY sequence LIMIT 1) RETURNING id`,
          [tenantId, programmeId],
        );
        for (const [index, participant] of participants.entries()) {
          await fixtures.query(tenantId, `INSERT INTO attendance (tenant_id, session_id, user_id, status) VALUES ($1, $2, $3, $4)`, [
            tenantId,
            first!.id,
            participant.id,
            index % 3 === 0 ? 'ABSENT' : index % 3 === 1 ? 'LATE' : 'PRESENT',
          ]);
        }
        await refresh(tenantId, [programmeId]);
      }
      if (person === 6) {
        await fixtures.query(tenantId, `UPDATE group_session SET status = 'CANCELLED' WHERE tenant_id = $1 AND programme_id = $2 AND sequence = 4`, [tenantId, programmeIds[1]]);
        await refresh(tenantId, [programmeIds[1]!]);
      }
    }
    const incremental = await rollups(tenantId);
    expect(incremental.map((row) => row.programme_id)).toEqual([...programmeIds].sort());

    // From scratch: nothing kept, then the nightly run (every organisation, every programme).
    await fixtures.query(tenantId, 'DELETE FROM outcome_rollup WHERE tenant_id = $1', [tenantId]);
    const done = programmeIds.map((programmeId) => nextJobEvent(events, 'completed', outcomeRollupJobId(programmeId)));
    await worker.queues.enqueue(Jobs.refreshOutcomeRollups, {});
    await Promise.all(done);
    const scratch = await rollups(tenantId);
    // Every figure, to the last bit: counts, months, moments and reliable-change counts.
    expect(scratch).toEqual(incremental);

    // And the figures are what the pairs say, computed here without the rollup's code path.
    for (const row of scratch) {
      const mine = written.filter((measurement) => measurement.programmeId === row.programme_id);
      const subscales = row.subscales as Array<{ subscaleKey: string; moments: { n: number; sumDifference: number }; reliable: unknown }>;
      expect(subscales.map((subscale) => subscale.subscaleKey)).toEqual(['client', 'personal', 'work']);
      for (const subscale of subscales) {
        const expected = pairedChange(subscalePairs(mine, 'cbi', subscale.subscaleKey));
        expect(subscale.moments.n).toBe(expected?.n ?? 0);
        expect(subscale.moments.sumDifference / subscale.moments.n).toBeCloseTo(expected!.meanDifference, 10);
        expect(subscale.reliable).not.toBeNull();
      }
      expect(row.measurements).toBe(mine.length);
      expect(row.sessions_bought).toBe(6);
    }
    const second = scratch.find((row) => row.programme_id === programmeIds[1])!;
    // Persons 3 and 9 both fall to the second programme: two sessions held, one called off, one to come.
    expect(second).toMatchObject({ sessions_delivered: 2, sessions_cancelled: 1, sessions_planned: 1, attendance_marked: 12, attendance_present: 8, attendees: 6 });
  });

  it('publishes a subscale at five pairs, holds it through nine and publishes again at ten, the live figures equal to a recompute throughout', async () => {
    const programme = await fixtures.programme(tenantId, SERIES, { status: 'ACTIVE' });
    const next = generator(2026);
    const published = async () => {
      const [row] = await fixtures.query<{ live: Array<{ subscaleKey: string; moments: { n: number } }>; published: Array<{ subscaleKey: string; moments: { n: number } }> }>(
        tenantId,
        'SELECT subscales AS live, published_subscales AS published FROM outcome_rollup WHERE tenant_id = $1 AND programme_id = $2',
        [tenantId, programme.id],
      );
      return row!;
    };
    const shown: number[] = [];
    let atFive: unknown;
    for (let person = 0; person < 10; person += 1) {
      await measure(tenantId, programme.id, `pair-${person}`, 'BASELINE', scored(answers(next, false)));
      await measure(tenantId, programme.id, `pair-${person}`, 'FINAL', scored(answers(next, true)));
      await refresh(tenantId, [programme.id]);
      const row = await published();
      expect(row.live.find((subscale) => subscale.subscaleKey === 'work')!.moments.n).toBe(person + 1);
      shown.push(row.published.find((subscale) => subscale.subscaleKey === 'work')!.moments.n);
      if (person === 4) atFive = row.published;
      // The sixth to ninth pairs leave every published figure exactly as it was at five.
      if (person >= 5 && person <= 8) expect(row.published).toEqual(atFive);
    }
    expect(shown).toEqual([0, 0, 0, 0, 5, 5, 5, 5, 5, 10]);
    const incremental = (await published()).live;
    expect((await published()).published).toEqual(incremental);
    // From scratch: the row recomputed with nothing kept has the same live figures.
    await fixtures.query(tenantId, 'DELETE FROM outcome_rollup WHERE tenant_id = $1 AND programme_id = $2', [tenantId, programme.id]);
    await refresh(tenantId, [programme.id]);
    expect((await published()).live).toEqual(incremental);
  });

  it('is idempotent: a refresh run again changes nothing, and a burst of calls makes one job', async () => {
    const programme = await fixtures.programme(tenantId, SERIES, { status: 'ACTIVE' });
    await measure(tenantId, programme.id, 'someone', 'BASELINE', scored(answers(generator(7), false)));
    const queue = worker.queues.queue(QueueName.outcomes);
    const done = nextJobEvent(events, 'completed', outcomeRollupJobId(programme.id));
    await Promise.all([1, 2, 3].map(() => worker.queues.enqueueOutcomeRollupRefresh([{ tenantId, programmeId: programme.id }])));
    const waiting = (await queue.getJobs(['delayed', 'waiting', 'active'])).filter((job) => job.id?.startsWith(outcomeRollupJobId(programme.id)));
    expect(waiting.map((job) => job.id)).toEqual([outcomeRollupJobId(programme.id)]);
    await done;
    const once = (await rollups(tenantId)).find((row) => row.programme_id === programme.id);
    expect(once).toMatchObject({ measurements: 1 });
    // The id is free again once it finished: the next answer gets its own refresh.
    expect(await refresh(tenantId, [programme.id])).toEqual([{ refreshed: true, measurements: 1 }]);
    expect((await rollups(tenantId)).find((row) => row.programme_id === programme.id)).toEqual(once);
  });

  it('refreshes nothing for another organisation’s programme named with this one’s tenant id', async () => {
    const theirs = await fixtures.programme(otherTenantId, SERIES, { status: 'ACTIVE' });
    expect(await refresh(tenantId, [theirs.id])).toEqual([{ refreshed: false, measurements: 0 }]);
    expect(await rollups(otherTenantId)).toEqual([]);
    expect((await rollups(tenantId)).some((row) => row.programme_id === theirs.id)).toBe(false);
  });

  it('upserts the nightly recompute’s job scheduler at start', async () => {
    const scheduling = await startWorker(env(), { logger: false });
    try {
      const schedulers = await scheduling.queues.queue(QueueName.outcomes).getJobSchedulers();
      // The queue also carries the outcomes sweep's scheduler (outcome-sweep.e2e.test.ts).
      expect(schedulers.map((scheduler) => ({ key: scheduler.key, every: Number(scheduler.every) }))).toContainEqual({
        key: Jobs.refreshOutcomeRollups.name,
        every: 24 * 60 * 60 * 1000,
      });
    } finally {
      await scheduling.close();
    }
  });
});
