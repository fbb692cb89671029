// What expanding series through the worker's real code path costs against storing the same rows
// bare: 200 programmes × 52 weekly sessions, each session with its two reminders (a day and an
// hour before). Ours: one tenant unit of work per programme, as the job runner opens it (one
// expansion job per programme, in production too: the organisation's sweep only enqueues them),
// SeriesExpansionService.expand and the runner's commit: the claim (lock the programme, mark it
// expanded, read who to invite) travels with BEGIN and the tenant settings; the rule is expanded
// in its time zone; with nobody to invite yet, as here, the sessions' multi-row insert (whose
// statement-level trigger plans the reminders) travels with COMMIT. Two round trips per programme.
// Bare: the sessions and reminders, computed beforehand, in two multi-row inserts in one
// transaction (the reminder trigger switched off there, so nothing is written twice).
// Prints both times and RESULT series-expansion ratio=<bare/ours>. Target: 0.3 or more.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { startTestServices, withDatabaseName } = require('@lena/test-services');
const { migrateDatabase, appUrlFor, createDataSource, UnitOfWork, withUnitOfWork } = require('@lena/database');
const { JobQueues } = require('@lena/jobs');
const { SeriesExpansionService, SeriesRepository, OutboxEmailService, OutboxRepository, loadWorkerConfig } = require('@lena/worker');

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 200);
const SESSIONS = 52;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ZONES = ['Europe/London', 'Australia/Sydney', 'America/New_York'];
const quiet = { warn: () => {} };

const services = await startTestServices({ dataDir: join(repo, '.data/bench') });
const pools = [];
let queues;
const oursUrl = withDatabaseName(services.databaseServerUrl, `lena_bench_${randomBytes(4).toString('hex')}`);
const bareUrl = withDatabaseName(services.databaseServerUrl, `lena_bench_${randomBytes(4).toString('hex')}`);
try {
  await migrateDatabase(oursUrl);
  await migrateDatabase(bareUrl);

  // --- ours: through the worker's classes, as the application role ---------------------------
  const config = loadWorkerConfig({ DATABASE_URL: oursUrl, REDIS_URL: services.redisUrl, LENA_QUEUE_PREFIX: '{lena-bench}' });
  queues = new JobQueues({ redisUrl: services.redisUrl, prefix: '{lena-bench}' });
  const expansion = new SeriesExpansionService(new SeriesRepository(), new OutboxEmailService(new OutboxRepository(), queues, config), config);
  const dataSource = await createDataSource({ url: appUrlFor(oursUrl), poolSize: 2, applicationName: 'lena-bench' }).initialize();
  pools.push({ end: () => dataSource.destroy() });
  const owner = new pg.Pool({ connectionString: bareUrl, max: 1 });
  pools.push(owner);
  await owner.query('ALTER TABLE group_session DISABLE TRIGGER group_session_plan_reminders');
  const appPool = new pg.Pool({ connectionString: appUrlFor(bareUrl), max: 1 });
  pools.push(appPool);

  // Warm up (JIT, the pools, plans) on a few programmes of a throwaway organisation; then the two
  // sides in turn, ROUNDS times, each round on a fresh organisation, keeping each side's median:
  // this machine's two cores are shared, and one round can be unlucky.
  const warmUp = await prepare(oursUrl, 5);
  for (const programmeId of warmUp.programmeIds) await expandOne(dataSource, expansion, warmUp.tenantId, programmeId);
  const oursTimes = [];
  const bareTimes = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const ours = await prepare(oursUrl);
    const oursStarted = performance.now();
    for (const programmeId of ours.programmeIds) await expandOne(dataSource, expansion, ours.tenantId, programmeId);
    oursTimes.push(performance.now() - oursStarted);
    await check(oursUrl, ours.tenantId);

    const bare = await prepare(bareUrl);
    const rows = await sessionsOf(oursUrl, ours.tenantId);
    const byProgramme = new Map(ours.programmeIds.map((id, index) => [id, bare.programmeIds[index]]));
    const sessionIds = rows.map(() => randomUUID());
    const bareStarted = performance.now();
    await storeBare(appPool, bare.tenantId, rows, byProgramme, sessionIds);
    bareTimes.push(performance.now() - bareStarted);
    await check(bareUrl, bare.tenantId);
  }
  const oursMs = median(oursTimes);
  const bareMs = median(bareTimes);

  console.log(`Ours (expand ${PROGRAMMES} programmes × ${SESSIONS} sessions + reminders), median of ${ROUNDS}: ${oursMs.toFixed(0)} ms`);
  console.log(`Bare (the same rows, two multi-row inserts), median of ${ROUNDS}:                  ${bareMs.toFixed(0)} ms`);
  console.log(`RESULT series-expansion ratio=${(bareMs / oursMs).toFixed(3)}`);
} finally {
  await queues?.close();
  for (const pool of pools) await pool.end();
  // The server may be one that outlives the benchmark: leave nothing behind on it.
  const admin = new pg.Client({ connectionString: services.databaseServerUrl });
  await admin.connect();
  for (const url of [oursUrl, bareUrl]) await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
  await services.stop();
}

/** The sessions and their reminders, computed beforehand, in two multi-row inserts in one transaction. */
function storeBare(appPool, tenantId, rows, byProgramme, sessionIds) {
  return withUnitOfWork(
    appPool,
    { tenantId, userId: null },
    async (uow) => {
      await uow.query(
        `INSERT INTO group_session (tenant_id, id, programme_id, sequence, starts_at, ends_at)
         SELECT $1, s.id, s.programme_id, s.sequence, s.starts_at, s.ends_at
           FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::timestamptz[], $6::timestamptz[]) AS s (id, programme_id, sequence, starts_at, ends_at)`,
        [
          tenantId,
          sessionIds,
          rows.map((row) => byProgramme.get(row.programme_id)),
          rows.map((row) => row.sequence),
          rows.map((row) => row.starts_at),
          rows.map((row) => row.ends_at),
        ],
      );
      await uow.query(
        `INSERT INTO session_reminder (tenant_id, session_id, offset_minutes, due_at)
         SELECT $1, r.session_id, r.offset_minutes, r.due_at FROM unnest($2::uuid[], $3::int[], $4::timestamptz[]) AS r (session_id, offset_minutes, due_at)`,
        [
          tenantId,
          sessionIds.flatMap((id) => [id, id]),
          rows.flatMap(() => [1440, 60]),
          rows.flatMap((row) => [new Date(row.starts_at.getTime() - 1440 * 60_000), new Date(row.starts_at.getTime() - 60 * 60_000)]),
        ],
      );
    },
    { logger: quiet },
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function expandOne(dataSource, expansion, tenantId, programmeId) {
  const uow = new UnitOfWork(dataSource, { tenantId, userId: null }, { logger: quiet });
  try {
    const outcome = await expansion.expand(programmeId, { uow, tenantId });
    if (outcome.outcome !== 'expanded') throw new Error(`Programme ${programmeId} was not expanded: ${JSON.stringify(outcome)}`);
  } catch (error) {
    await uow.finish(false);
    throw error;
  }
  await uow.finish(true);
}

/** An organisation with `count` accepted programmes of 52 weekly sessions from January 2027, in three zones. */
async function prepare(ownerUrl, count = PROGRAMMES) {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  try {
    const [tenant] = await withUnitOfWork(pool, { tenantId: null, userId: null }, (uow) =>
      uow.query("INSERT INTO tenant (name, slug, time_zone) VALUES ($1, $1, 'Europe/London') RETURNING id", [`bench-${randomBytes(4).toString('hex')}`]),
    );
    const programmeIds = await withUnitOfWork(pool, { tenantId: tenant.id, userId: null }, async (uow) => {
      const [team] = await uow.query("INSERT INTO team (tenant_id, name) VALUES ($1, 'Bench team') RETURNING id", [tenant.id]);
      const inserted = await uow.query(
        `INSERT INTO programme (tenant_id, team_id, service_type, title, status, session_count, rrule, start_local, time_zone)
         SELECT $1, $2, 'GRP', 'Bench programme ' || n, 'ACCEPTED', ${SESSIONS}, 'FREQ=WEEKLY;BYDAY=MO;COUNT=${SESSIONS}', '2027-01-04T10:00:00', ($3::text[])[1 + n % 3]
           FROM generate_series(1, $4::int) AS n ORDER BY n RETURNING id`,
        [tenant.id, team.id, ZONES, count],
      );
      return inserted.map((row) => row.id);
    });
    return { tenantId: tenant.id, programmeIds };
  } finally {
    await pool.end();
  }
}

async function sessionsOf(ownerUrl, tenantId) {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  try {
    return await withUnitOfWork(pool, { tenantId, userId: null }, (uow) =>
      uow.query('SELECT programme_id, sequence, starts_at, ends_at FROM group_session WHERE tenant_id = $1 ORDER BY programme_id, sequence', [tenantId]),
    );
  } finally {
    await pool.end();
  }
}

/** Both sides must have stored the same number of rows, or the comparison means nothing. */
async function check(ownerUrl, tenantId) {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  try {
    const [counts] = await withUnitOfWork(pool, { tenantId, userId: null }, (uow) =>
      uow.query(
        `SELECT (SELECT count(*)::int FROM group_session WHERE tenant_id = $1) AS sessions, (SELECT count(*)::int FROM session_reminder WHERE tenant_id = $1) AS reminders`,
        [tenantId],
      ),
    );
    const expected = { sessions: PROGRAMMES * SESSIONS, reminders: PROGRAMMES * SESSIONS * 2 };
    if (counts.sessions !== expected.sessions || counts.reminders !== expected.reminders) throw new Error(`Expected ${JSON.stringify(expected)}, stored ${JSON.stringify(counts)}`);
  } finally {
    await pool.end();
  }
}
