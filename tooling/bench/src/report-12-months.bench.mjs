// A 12-month organisation report of 50 programmes through the real worker (issue 9 §6): an
// organisation with 50 programmes, each with 12 monthly sessions in 2026 (feedback published for
// every one) and 12 people's baseline and final CBI answers, rolled up by the worker's own refresh
// jobs first (not timed); then, timed, what an org admin's request sets off: the report's row and
// its `build-outcome-report` job, which the worker (started in this process, as the API's tests
// start it) builds from the rollups through the dashboard's domain functions and suppression,
// writes as a PDF and a CSV, stores, and emails. Median of BENCH_ROUNDS (3) reports.
// Prints RESULT report-12-months seconds=<n>. Target: under 60.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { startTestServices, withDatabaseName } = require('@lena/test-services');
const { migrateDatabase, appUrlFor, withUnitOfWork } = require('@lena/database');
const { COPENHAGEN_BURNOUT_INVENTORY, DEFAULT_SESSION_FEEDBACK, scoreOutcome } = require('@lena/domain');
const { JobQueues, QueueName, outcomeReportJobId, outcomeRollupJobId } = require('@lena/jobs');
const { startWorker } = require('@lena/worker');
const { QueueEvents } = require('bullmq');

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const PROGRAMMES = Number(process.env.BENCH_PROGRAMMES ?? 50);
const PEOPLE = 12;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const quiet = { warn: () => {} };

const services = await startTestServices({ dataDir: join(repo, '.data/bench') });
const url = withDatabaseName(services.databaseServerUrl, `lena_bench_${randomBytes(4).toString('hex')}`);
const prefix = `{lena-bench-${randomBytes(3).toString('hex')}}`;
let worker;
let queues;
let events;
const owner = new pg.Pool({ connectionString: url, max: 1 });
try {
  await migrateDatabase(url);
  const { tenantId, adminId, programmeIds } = await seed();
  worker = await startWorker(
    { DATABASE_URL: url, APP_DATABASE_URL: appUrlFor(url), REDIS_URL: services.redisUrl, LENA_QUEUE_PREFIX: prefix },
    { config: { outcomeRollupDelayMs: 1 }, logger: false },
  );
  queues = new JobQueues({ redisUrl: services.redisUrl, prefix });
  events = new QueueEvents(QueueName.outcomes, { connection: { url: services.redisUrl }, prefix });
  const reportEvents = new QueueEvents(QueueName.reports, { connection: { url: services.redisUrl }, prefix });
  await Promise.all([events.waitUntilReady(), reportEvents.waitUntilReady()]);

  // Setup: the worker rolls every programme up, as it would once the answers had arrived.
  const rolledUp = waitFor(events, programmeIds.map(outcomeRollupJobId));
  await queues.enqueueOutcomeRollupRefresh(programmeIds.map((programmeId) => ({ tenantId, programmeId })));
  await rolledUp;

  const times = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    const [{ id }] = await asTenant(
      tenantId,
      `INSERT INTO outcome_report (tenant_id, requested_by, scope, period_from, period_to, expires_at) VALUES ($1, $2, 'ORGANISATION', '2026-01', '2026-12', now() + interval '30 days') RETURNING id`,
      [tenantId, adminId],
    );
    const built = waitFor(reportEvents, [outcomeReportJobId(id)]);
    await queues.enqueueOutcomeReports([{ tenantId, reportId: id }]);
    const [outcome] = await built;
    times.push((performance.now() - started) / 1000);
    const [row] = await asTenant(tenantId, `SELECT status, length(pdf) AS pdf, length(csv) AS csv FROM outcome_report WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    if (outcome !== 'built' || row.status !== 'READY') throw new Error(`Report ${id} was not built: ${outcome} ${JSON.stringify(row)}`);
    console.log(`Round ${round + 1}: ${times.at(-1).toFixed(2)} s (PDF ${row.pdf} bytes, CSV ${row.csv} bytes)`);
  }
  await reportEvents.close();
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`A 12-month organisation report of ${PROGRAMMES} programmes (${PROGRAMMES * 12} sessions, ${PROGRAMMES * PEOPLE} paired people), median of ${ROUNDS}`);
  console.log(`RESULT report-12-months seconds=${sorted[Math.floor(sorted.length / 2)].toFixed(2)}`);
} finally {
  await events?.close();
  await queues?.close();
  await worker?.close();
  await owner.end();
  const admin = new pg.Client({ connectionString: services.databaseServerUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
  await services.stop();
}

/** Resolves with each job's return value once every one of `jobIds` has completed (rejects on a failure). */
function waitFor(queueEvents, jobIds) {
  const pending = new Map(jobIds.map((id) => [id, undefined]));
  const left = new Set(jobIds);
  return new Promise((resolve, reject) => {
    const completed = ({ jobId, returnvalue }) => {
      if (!left.delete(jobId)) return;
      pending.set(jobId, returnvalue);
      if (left.size === 0) done(() => resolve([...pending.values()]));
    };
    const failed = ({ jobId, failedReason }) => left.has(jobId) && done(() => reject(new Error(`Job ${jobId} failed: ${failedReason}`)));
    const done = (settle) => {
      queueEvents.off('completed', completed);
      queueEvents.off('failed', failed);
      settle();
    };
    queueEvents.on('completed', completed);
    queueEvents.on('failed', failed);
  });
}

function asTenant(tenantId, sql, params) {
  return withUnitOfWork(owner, { tenantId, userId: null }, (uow) => uow.query(sql, params), { logger: quiet });
}

/** The organisation, its admin, and its programmes' sessions, published feedback and paired measures. */
async function seed() {
  const [tenant] = await withUnitOfWork(owner, { tenantId: null, userId: null }, (uow) =>
    uow.query("INSERT INTO tenant (name, slug, time_zone) VALUES ('Bench Trust', $1, 'Europe/London') RETURNING id", [`bench-${randomBytes(4).toString('hex')}`]),
  );
  const tenantId = tenant.id;
  const cbi = COPENHAGEN_BURNOUT_INVENTORY;
  const feedback = DEFAULT_SESSION_FEEDBACK;
  const [admin] = await withUnitOfWork(owner, { tenantId: null, userId: null }, async (uow) => {
    await uow.query(`INSERT INTO outcome_instrument (key, version, title, licence, definition) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key, version) DO NOTHING`, [
      cbi.key,
      cbi.version,
      cbi.title,
      JSON.stringify(cbi.licence),
      JSON.stringify(cbi),
    ]);
    await uow.query(`INSERT INTO feedback_instrument (key, version, licence, definition) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      feedback.key,
      feedback.version,
      JSON.stringify(feedback.licence),
      JSON.stringify(feedback),
    ]);
    return uow.query("INSERT INTO user_account (email, display_name) VALUES ($1, 'Bench Admin') RETURNING id", [`admin-${randomBytes(4).toString('hex')}@bench.test`]);
  });
  const [instrument] = await withUnitOfWork(owner, { tenantId: null, userId: null }, (uow) =>
    uow.query('SELECT id FROM feedback_instrument WHERE key = $1 AND version = $2', [feedback.key, feedback.version]),
  );
  const values = [0, 25, 50, 75, 100];
  const answers = (level) => Object.fromEntries(cbi.items.map((item, index) => [item.key, values[Math.max(0, Math.min(4, level + ((index % 3) - 1)))]]));
  // As the submission path stores them: each subscale's score by its key.
  const scoresAt = (level) => JSON.stringify(Object.fromEntries(scoreOutcome(cbi, answers(level)).map((score) => [score.key, score.score])));
  const tallies = JSON.stringify(Object.fromEntries(feedback.items.filter((item) => item.kind === 'SCALE').map((item) => [item.id, [0, 1, 2, 4, 3]])));
  const programmeIds = await withUnitOfWork(
    owner,
    { tenantId, userId: null },
    async (uow) => {
      await uow.query("INSERT INTO tenant_membership (tenant_id, user_id, role) VALUES ($1, $2, 'ORG_ADMIN')", [tenantId, admin.id]);
      const [team] = await uow.query("INSERT INTO team (tenant_id, name) VALUES ($1, 'Bench team') RETURNING id", [tenantId]);
      const programmes = await uow.query(
        `INSERT INTO programme (tenant_id, team_id, service_type, title, status, session_count, time_zone)
         SELECT $1, $2, CASE WHEN n % 2 = 0 THEN 'GRP' ELSE 'GTS' END, 'Bench programme ' || lpad(n::text, 2, '0'), 'ACTIVE', 12, 'Europe/London'
           FROM generate_series(1, $3::int) AS n ORDER BY n RETURNING id`,
        [tenantId, team.id, PROGRAMMES],
      );
      const ids = programmes.map((row) => row.id);
      await uow.query(
        `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at, status, delivered_at)
         SELECT $1, p, m, make_timestamptz(2026, m, 10, 10, 0, 0, 'Europe/London'), make_timestamptz(2026, m, 10, 11, 30, 0, 'Europe/London'), 'DELIVERED',
                make_timestamptz(2026, m, 10, 11, 30, 0, 'Europe/London')
           FROM unnest($2::uuid[]) AS p, generate_series(1, 12) AS m`,
        [tenantId, ids],
      );
      await uow.query(
        `WITH r AS (
           INSERT INTO feedback_request (tenant_id, session_id, instrument_id, opens_at, remind_at, closes_at)
           SELECT s.tenant_id, s.id, $2, s.ends_at, s.ends_at + interval '2 days', s.ends_at + interval '7 days' FROM group_session s WHERE s.tenant_id = $1
           RETURNING tenant_id, id, session_id)
         INSERT INTO feedback_result_snapshot (tenant_id, session_id, request_id, responses, tallies, published_on)
         SELECT r.tenant_id, r.session_id, r.id, 10, $3, current_date FROM r`,
        [tenantId, instrument.id, tallies],
      );
      const rows = ids.flatMap((programmeId) =>
        Array.from({ length: PEOPLE }, (_, index) => {
          const before = 2 + (index % 2);
          const after = index % 4 === 3 ? before : before - 1;
          return [
            { programmeId, point: 'BASELINE', pseudonym: `${programmeId}-${index}`, scores: scoresAt(before) },
            { programmeId, point: 'FINAL', pseudonym: `${programmeId}-${index}`, scores: scoresAt(after) },
          ];
        }).flat(),
      );
      await uow.query(
        `INSERT INTO outcome_measurement (tenant_id, programme_id, instrument_key, instrument_version, point, pseudonym, scores)
         SELECT $1, m.programme_id, 'cbi', 1, m.point, m.pseudonym, m.scores FROM unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[]) AS m (programme_id, point, pseudonym, scores)`,
        [tenantId, rows.map((row) => row.programmeId), rows.map((row) => row.point), rows.map((row) => row.pseudonym), rows.map((row) => row.scores)],
      );
      return ids;
    },
    { logger: quiet },
  );
  return { tenantId, adminId: admin.id, programmeIds };
}
