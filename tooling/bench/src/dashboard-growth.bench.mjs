// The organisation admin's outcome dashboard as the data grows, and its read from rollups against
// a recompute of the same figures from raw rows (issue 9 §6).
//
// Seeds, with COPY, BENCH_RESPONSES (1,000,000) feedback responses and BENCH_MEASUREMENTS (200,000)
// outcome measurements across BENCH_TENANTS (500) organisations: each with a team, 4 programmes of
// 10 delivered sessions, a feedback request per session and the programmes' baseline and final
// CBI measurements (half the measurements each). Feedback results are published as the worker
// publishes them (one snapshot per session over its answers, tallied here from the rows written);
// outcome rollups are computed by the built worker itself (its nightly refresh, every programme).
// Then BENCH_REQUESTS (300) sequential dashboard requests through the built API (the client
// portal's own OutcomeDashboard operation), signed in as the admins of 5 organisations in turn,
// after a warm-up: p50 and p95. Then the answers grow to BENCH_RESPONSES_GROWN (10,000,000): the
// same organisations, sessions and programmes, ten times the answers per session (republished),
// and the same measurement again.
//
// Prints p95 at each size, `RESULT dashboard-growth ratio=<p95 grown / p95 first> p95_1m_ms=<p95 first>`
// (targets: ratio ≤ 1.5, p95 ≤ 50 ms) and, at the grown size, `RESULT rollup-vs-scratch
// ratio=<scratch / rollup>` with both times: the dashboard's figures (every programme's outcome
// change per subscale and feedback item means, for one organisation) read from rollups and
// snapshots as the API reads them, against the same figures computed from raw measurements and
// raw responses (checked equal). Smaller sizes for a quick check: BENCH_TENANTS=20
// BENCH_RESPONSES=40000 BENCH_RESPONSES_GROWN=400000 BENCH_MEASUREMENTS=8000.
//
// Time, at the defaults on a 2-core machine shared with others (load average about 20): COPY of
// 1 M responses 56 s, of 200,000 measurements 14 s, the worker's rollup of 2,000 programmes 72 s,
// COPY of the 9 M more 636 s (most of the run; about 20 minutes in all there, far less on a quiet
// machine).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { parse, print, separateOperations } from 'graphql';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { signIn, startApi } from './api-against-bare.mjs';

const require = createRequire(import.meta.url);
const { startTestServices, withDatabaseName } = require('@lena/test-services');
const { migrateDatabase } = require('@lena/database');
const { DEFAULT_SESSION_FEEDBACK, SHIPPED_OUTCOME_INSTRUMENTS, COPENHAGEN_BURNOUT_INVENTORY, computeOutcomeRollup, pairedChangeFromMoments } = require('@lena/domain');
const { Jobs, JobQueues, QueueName } = require('@lena/jobs');

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const TENANTS = Number(process.env.BENCH_TENANTS ?? 500);
const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const RESPONSES_GROWN = Number(process.env.BENCH_RESPONSES_GROWN ?? 10_000_000);
const MEASUREMENTS = Number(process.env.BENCH_MEASUREMENTS ?? 200_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const WARM_UP_REQUESTS = Math.min(50, REQUESTS);
const SCRATCH_ROUNDS = Number(process.env.BENCH_SCRATCH_ROUNDS ?? 20);
const PROGRAMMES = 4;
const SESSIONS = 10;
/** Organisations whose admins read the dashboard in turn. */
const MEASURED = Math.min(5, TENANTS);
const ROLLUP_TIMEOUT_MS = 10 * 60_000;
/** The client portal's own dashboard query (with the fragments it uses), from its operations file. */
const DASHBOARD_DOCUMENT = print(separateOperations(parse(readFileSync(join(repo, 'packages/graphql-client/src/operations/outcomes.graphql'), 'utf8'))).OutcomeDashboard);

const requests = TENANTS * PROGRAMMES * SESSIONS;
const perRequest = Math.max(1, Math.round(RESPONSES / requests));
const perRequestGrown = Math.max(perRequest, Math.round(RESPONSES_GROWN / requests));
const pairsPerProgramme = Math.max(1, Math.round(MEASUREMENTS / (TENANTS * PROGRAMMES * 2)));

const SCALE_ITEMS = DEFAULT_SESSION_FEEDBACK.items.filter((item) => item.kind === 'SCALE').map((item) => item.id);
const TEXT_ITEMS = DEFAULT_SESSION_FEEDBACK.items.filter((item) => item.kind === 'TEXT').map((item) => item.id);
/** A few dozen distinct answer sets, each a line of COPY text, with its values for the tallies. */
const VARIANTS = Array.from({ length: 61 }, (_, variant) => {
  const values = Object.fromEntries(SCALE_ITEMS.map((item, index) => [item, 1 + ((variant * (index + 3) + index) % 5)]));
  const answers = { ...values, ...(variant % 3 === 0 ? Object.fromEntries(TEXT_ITEMS.map((item) => [item, `A thought to take away, number ${variant}.`])) : {}) };
  return { values, copyText: JSON.stringify(answers).replaceAll('\\', '\\\\') };
});

const machineLoad = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
console.log(`Machine load (1/5/15 min) at the start: ${machineLoad()}`);
console.log(
  `${TENANTS} organisations, ${requests} sessions with feedback (${perRequest} then ${perRequestGrown} answers each), ${TENANTS * PROGRAMMES} programmes with ${pairsPerProgramme} baseline/final pairs each`,
);
const services = await startTestServices({ dataDir: join(repo, '.data/bench') });
const children = [];
const queuePrefix = `{lena-bench-dashboard-${randomBytes(4).toString('hex')}}`;
const ownerUrl = withDatabaseName(services.databaseServerUrl, `lena_bench_${randomBytes(4).toString('hex')}`);
let owner;
let queues;
try {
  await migrateDatabase(ownerUrl);
  owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  // Bench data: a commit need not wait for the disk.
  await owner.query('SET synchronous_commit = off');
  // The demo world gives the org admins' password (its hash is copied to the bench's admins).
  const { seedDemo } = require('@lena/api/dist/seed/seed.js');
  await seedDemo(ownerUrl);

  let started = performance.now();
  const world = await seedWorld(owner);
  console.log(`Seeded ${TENANTS} organisations, ${world.programmes.length} programmes and ${world.requests.length} sessions in ${seconds(started)} s`);

  started = performance.now();
  const tallies = world.requests.map(() => new Uint32Array(VARIANTS.length));
  await copyResponses(owner, world.requests, tallies, 0, perRequest);
  console.log(`COPY of ${(perRequest * world.requests.length).toLocaleString('en-GB')} feedback responses in ${seconds(started)} s`);
  started = performance.now();
  await copyMeasurements(owner, world.programmes);
  console.log(`COPY of ${(pairsPerProgramme * 2 * world.programmes.length).toLocaleString('en-GB')} outcome measurements in ${seconds(started)} s`);
  started = performance.now();
  await publishSnapshots(owner, world.requests, tallies);
  console.log(`Published ${world.requests.length} feedback snapshots in ${seconds(started)} s`);
  await owner.query('ANALYZE');

  const outboxKey = randomBytes(32).toString('base64');
  const shared = { LENA_QUEUE_PREFIX: queuePrefix, LENA_OUTBOX_KEY: outboxKey };
  started = performance.now();
  await startWorker({ redisUrl: services.redisUrl, env: shared });
  queues = new JobQueues({ redisUrl: services.redisUrl, prefix: queuePrefix });
  await rollUpEverything(owner, queues);
  console.log(`The worker's nightly refresh rolled up every programme in ${seconds(started)} s`);

  const apiUrl = await startApi({ ownerUrl, redisUrl: services.redisUrl, children, env: shared });
  const admins = [];
  for (const admin of world.admins) admins.push((await signIn(apiUrl, admin.email)).accessToken);
  await expectFullDashboard(apiUrl, admins[0]);

  const first = await measureDashboard(apiUrl, admins, `${(perRequest * world.requests.length).toLocaleString('en-GB')} responses`);
  const scratchFirst = await rollupVersusScratch(owner, world);

  started = performance.now();
  await copyResponses(owner, world.requests, tallies, perRequest, perRequestGrown);
  console.log(`COPY of ${((perRequestGrown - perRequest) * world.requests.length).toLocaleString('en-GB')} more feedback responses in ${seconds(started)} s`);
  started = performance.now();
  await publishSnapshots(owner, world.requests, tallies);
  await owner.query('ANALYZE');
  console.log(`Republished ${world.requests.length} feedback snapshots and analysed in ${seconds(started)} s`);

  const grown = await measureDashboard(apiUrl, admins, `${(perRequestGrown * world.requests.length).toLocaleString('en-GB')} responses`);
  const scratchGrown = await rollupVersusScratch(owner, world);

  console.log(`Machine load (1/5/15 min) at the end: ${machineLoad()}`);
  console.log(
    `rollup-vs-scratch at ${(perRequest * world.requests.length).toLocaleString('en-GB')} responses: rollup ${scratchFirst.rollupMs.toFixed(2)} ms, scratch ${scratchFirst.scratchMs.toFixed(2)} ms`,
  );
  console.log(
    `RESULT dashboard-growth ratio=${(grown.p95 / first.p95).toFixed(3)} p95_1m_ms=${first.p95.toFixed(1)} p95_10m_ms=${grown.p95.toFixed(1)} responses_first=${perRequest * world.requests.length} responses_grown=${perRequestGrown * world.requests.length}`,
  );
  console.log(
    `RESULT rollup-vs-scratch ratio=${(scratchGrown.scratchMs / scratchGrown.rollupMs).toFixed(1)} rollup_ms=${scratchGrown.rollupMs.toFixed(2)} scratch_ms=${scratchGrown.scratchMs.toFixed(2)}`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  if (queues) {
    for (const name of Object.values(QueueName))
      await queues
        .queue(name)
        .obliterate({ force: true })
        .catch(() => undefined);
    await queues.close();
  }
  await owner?.end();
  const admin = new pg.Client({ connectionString: services.databaseServerUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(ownerUrl).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
  await services.stop();
}

function seconds(since) {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/**
 * The organisations, set-based in a few statements. The bench's owner is the server's superuser,
 * which row-level security does not bind (for a role it did bind, these inserts would be refused,
 * never quietly misplaced).
 */
async function seedWorld(client) {
  const suffix = randomBytes(4).toString('hex');
  const { rows: tenants } = await client.query(
    `INSERT INTO tenant (name, slug, time_zone) SELECT 'Bench organisation ' || n, 'bench-' || n || '-' || $2, 'Europe/London' FROM generate_series(1, $1::int) AS n RETURNING id`,
    [TENANTS, suffix],
  );
  const tenantIds = tenants.map((row) => row.id);
  await client.query(`INSERT INTO team (tenant_id, name) SELECT id, 'Bench team' FROM unnest($1::uuid[]) AS id`, [tenantIds]);
  const { rows: programmes } = await client.query(
    `INSERT INTO programme (tenant_id, team_id, service_type, title, status, session_count, rrule, start_local, time_zone, sessions_expanded_at)
     SELECT t.tenant_id, t.id, CASE WHEN p % 2 = 0 THEN 'GRP' ELSE 'GTS' END, 'Bench programme ' || p, 'ACTIVE', $2::int, 'FREQ=WEEKLY;COUNT=' || $2::int, '2026-01-05T10:00:00', 'Europe/London', now()
       FROM team t CROSS JOIN generate_series(1, $3::int) AS p WHERE t.tenant_id = ANY ($1::uuid[])
     RETURNING tenant_id AS "tenantId", id`,
    [tenantIds, SESSIONS, PROGRAMMES],
  );
  // Each programme's sessions weekly (written as the worker's expansion writes them), ending in a
  // different month; all delivered, each with its request.
  await client.query(
    `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at, status, delivered_at)
     SELECT p.tenant_id, p.id, n, s.at, s.at + interval '90 minutes', 'DELIVERED', s.at + interval '90 minutes'
       FROM programme p
       CROSS JOIN generate_series(1, $2::int) AS n
       CROSS JOIN LATERAL (SELECT date_trunc('hour', now()) - make_interval(days => 7 * ($2 - n) + 35 * (substring(p.title FROM '[0-9]+$')::int)) AS at) s
      WHERE p.tenant_id = ANY ($1::uuid[])`,
    [tenantIds, SESSIONS],
  );
  const instrumentId = await feedbackInstrument(client);
  const { rows: requestRows } = await client.query(
    `INSERT INTO feedback_request (tenant_id, session_id, instrument_id, opens_at, remind_at, closes_at)
     SELECT s.tenant_id, s.id, $2, s.ends_at, s.ends_at + interval '2 days', s.ends_at + interval '7 days'
       FROM group_session s WHERE s.tenant_id = ANY ($1::uuid[])
     RETURNING tenant_id AS "tenantId", id, session_id AS "sessionId"`,
    [tenantIds, instrumentId],
  );
  // The measured organisations' admins, with the demo password.
  const admins = [];
  for (const [index, tenantId] of tenantIds.slice(0, MEASURED).entries()) {
    const email = `bench-admin-${index}-${suffix}@bench.test`;
    await client.query(
      `WITH account AS (
         INSERT INTO user_account (email, display_name, password_hash)
         SELECT $1, 'Bench admin ' || $3::int, password_hash FROM user_account WHERE email = 'coordinator@northshire-cp.test' RETURNING id)
       INSERT INTO tenant_membership (tenant_id, user_id, role) SELECT $2, id, 'ORG_ADMIN' FROM account`,
      [email, tenantId, index],
    );
    admins.push({ email, tenantId });
  }
  return { tenantIds, programmes, requests: requestRows, admins };
}

async function feedbackInstrument(client) {
  const { rows } = await client.query(
    // The form may be there already (the demo seed stores it), and once used it cannot be touched.
    `WITH inserted AS (
       INSERT INTO feedback_instrument (key, version, licence, definition) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key, version) DO NOTHING RETURNING id)
     SELECT id FROM inserted UNION ALL SELECT id FROM feedback_instrument WHERE key = $1 AND version = $2`,
    [DEFAULT_SESSION_FEEDBACK.key, DEFAULT_SESSION_FEEDBACK.version, DEFAULT_SESSION_FEEDBACK.licence, JSON.stringify(DEFAULT_SESSION_FEEDBACK)],
  );
  for (const instrument of SHIPPED_OUTCOME_INSTRUMENTS) {
    await client.query('INSERT INTO outcome_instrument (key, version, title, licence, definition) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key, version) DO NOTHING', [
      instrument.key,
      instrument.version,
      instrument.title,
      JSON.stringify(instrument.licence),
      JSON.stringify(instrument),
    ]);
  }
  return rows[0].id;
}

/** Answers number `from` to `to` (exclusive) of every request, by COPY; counts each answer set in `tallies`. */
async function copyResponses(client, requestRows, tallies, from, to) {
  function* lines() {
    let chunk = '';
    for (const [index, request] of requestRows.entries()) {
      const prefix = `${request.tenantId}\t${request.id}\t`;
      for (let answer = from; answer < to; answer += 1) {
        const variant = (answer * 7 + index * 13) % VARIANTS.length;
        tallies[index][variant] += 1;
        chunk += prefix + VARIANTS[variant].copyText + '\n';
      }
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom('COPY feedback_response (tenant_id, request_id, answers) FROM STDIN')));
}

/** Baseline and final CBI scores of `pairsPerProgramme` people per programme, stored as the API stores them (subscale → score). */
async function copyMeasurements(client, programmes) {
  const score = (seed) => Math.round(((seed * 37) % 1001) / 10) / 1;
  function* lines() {
    let chunk = '';
    for (const [index, programme] of programmes.entries()) {
      for (let person = 0; person < pairsPerProgramme; person += 1) {
        const seed = index * 1009 + person * 17;
        const before = { personal: score(seed), work: score(seed + 3), client: score(seed + 5) };
        const after = {
          personal: Math.max(0, before.personal - (person % 7)),
          work: Math.max(0, before.work - (person % 5) * 2),
          client: Math.min(100, before.client + (person % 3)),
        };
        const pseudonym = `bench-${index}-${person}`;
        for (const [point, scores] of [
          ['BASELINE', before],
          ['FINAL', after],
        ]) {
          chunk += `${programme.tenantId}\t${programme.id}\tcbi\t${COPENHAGEN_BURNOUT_INVENTORY.version}\t${point}\t${pseudonym}\t${JSON.stringify(scores)}\n`;
        }
      }
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(
    Readable.from(lines()),
    client.query(copyFrom('COPY outcome_measurement (tenant_id, programme_id, instrument_key, instrument_version, point, pseudonym, scores) FROM STDIN')),
  );
}

/**
 * Every session's results published over all its answers, as the worker's publication writes them
 * once the last publication is due: the count and each scale item's counts of values 1…5. The
 * tallies come from the answer sets written (checked against the raw rows by the scratch compute).
 */
async function publishSnapshots(client, requestRows, tallies) {
  const today = new Date().toISOString().slice(0, 10);
  function* lines() {
    let chunk = '';
    for (const [index, request] of requestRows.entries()) {
      const histograms = Object.fromEntries(SCALE_ITEMS.map((item) => [item, [0, 0, 0, 0, 0]]));
      let responses = 0;
      for (const [variant, count] of tallies[index].entries()) {
        responses += count;
        for (const item of SCALE_ITEMS) histograms[item][VARIANTS[variant].values[item] - 1] += count;
      }
      chunk += `${request.tenantId}\t${request.sessionId}\t${request.id}\t${responses}\t${JSON.stringify(histograms)}\t${today}\n`;
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await client.query('BEGIN');
  await client.query('DELETE FROM feedback_result_snapshot');
  await pipeline(Readable.from(lines()), client.query(copyFrom('COPY feedback_result_snapshot (tenant_id, session_id, request_id, responses, tallies, published_on) FROM STDIN')));
  await client.query('COMMIT');
}

/** The built worker on this run's queues; resolves once it processes them. */
async function startWorker({ redisUrl, env }) {
  const worker = spawn(process.execPath, [join(repo, 'apps/worker/dist/main.js')], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: ownerUrl, REDIS_URL: redisUrl, LENA_LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(worker);
  await new Promise((resolve, reject) => {
    let ready = false;
    worker.stdout.on('data', (chunk) => {
      if (!ready && String(chunk).includes('Processing queues')) {
        ready = true;
        resolve();
      }
    });
    worker.once('exit', (code) => {
      if (!ready) reject(new Error(`The worker exited (${code}) before it was ready`));
    });
  });
}

/** The nightly refresh, run now: waits until every programme past its request has its rollup. */
async function rollUpEverything(client, jobQueues) {
  const [{ expected }] = (await client.query(`SELECT count(*)::int AS expected FROM programme WHERE status NOT IN ('REQUESTED', 'PROPOSED')`)).rows;
  await jobQueues.enqueue(Jobs.refreshOutcomeRollups, {});
  const started = performance.now();
  for (;;) {
    const [{ done }] = (await client.query('SELECT count(*)::int AS done FROM outcome_rollup')).rows;
    if (done >= expected) return;
    if (performance.now() - started > ROLLUP_TIMEOUT_MS) throw new Error(`Only ${done} of ${expected} programmes rolled up after ${ROLLUP_TIMEOUT_MS / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function dashboardRequest(apiUrl, accessToken) {
  return fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ query: DASHBOARD_DOCUMENT, operationName: 'OutcomeDashboard', variables: { filter: null } }),
  });
}

/** A full dashboard: every programme's change shown (n = the pairs) and its feedback shown. */
async function expectFullDashboard(apiUrl, accessToken) {
  const body = await (await dashboardRequest(apiUrl, accessToken)).json();
  const dashboard = body.data?.outcomeDashboard;
  if (!dashboard || body.errors) throw new Error(`The dashboard failed: ${JSON.stringify(body).slice(0, 500)}`);
  const changes = dashboard.programmes.flatMap((programme) => programme.changes);
  const full =
    dashboard.programmes.length === PROGRAMMES &&
    changes.length === PROGRAMMES * 3 &&
    changes.every((change) => change.shown === pairsPerProgramme >= dashboard.minGroupSize && (!change.shown || change.n === pairsPerProgramme)) &&
    dashboard.programmes.every((programme) => programme.feedback?.shown);
  if (!full) throw new Error(`The dashboard is not the full one expected: ${JSON.stringify(dashboard).slice(0, 800)}`);
}

/** Sequential requests after a warm-up, the admins in turn: p50 and p95 in ms. */
async function measureDashboard(apiUrl, admins, label) {
  for (let index = 0; index < WARM_UP_REQUESTS; index += 1) await (await dashboardRequest(apiUrl, admins[index % admins.length])).arrayBuffer();
  const latencies = [];
  for (let index = 0; index < REQUESTS; index += 1) {
    const started = performance.now();
    const response = await dashboardRequest(apiUrl, admins[index % admins.length]);
    const body = await response.text();
    latencies.push(performance.now() - started);
    if (response.status !== 200 || body.includes('"errors"')) throw new Error(`Dashboard request failed (${response.status}): ${body.slice(0, 300)}`);
  }
  latencies.sort((a, b) => a - b);
  const p50 = latencies[Math.floor(latencies.length * 0.5)];
  const p95 = latencies[Math.floor(latencies.length * 0.95)];
  console.log(`Dashboard at ${label}: ${REQUESTS} sequential requests, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (load ${machineLoad()})`);
  return { p50, p95 };
}

/**
 * The dashboard's figures for one organisation (each programme's change per subscale and its
 * feedback item means) two ways, timed in turns over the measured organisations: from the rollups
 * and published snapshots (the rows the API reads), and from scratch (raw measurements paired and
 * summed by the domain's rollup function, raw responses tallied by SQL as the worker tallies them).
 * Both must agree. Returns the median time of each, in ms.
 */
async function rollupVersusScratch(client, world) {
  const rollupTimes = [];
  const scratchTimes = [];
  for (let round = 0; round < SCRATCH_ROUNDS + 2; round += 1) {
    const tenantId = world.admins[round % world.admins.length].tenantId;
    let started = performance.now();
    const fromRollups = await figuresFromRollups(client, tenantId);
    const rollupMs = performance.now() - started;
    started = performance.now();
    const fromScratch = await figuresFromScratch(client, tenantId);
    const scratchMs = performance.now() - started;
    expectSameFigures(fromRollups, fromScratch);
    // The first two rounds warm up (plans, caches).
    if (round >= 2) {
      rollupTimes.push(rollupMs);
      scratchTimes.push(scratchMs);
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const result = { rollupMs: median(rollupTimes), scratchMs: median(scratchTimes) };
  console.log(`Figures of one organisation: from rollups ${result.rollupMs.toFixed(2)} ms, from raw rows ${result.scratchMs.toFixed(2)} ms (medians of ${rollupTimes.length})`);
  return result;
}

async function figuresFromRollups(client, tenantId) {
  const [{ rows: rollups }, { rows: snapshots }] = await Promise.all([
    client.query(
      `SELECT r.programme_id AS "programmeId", r.published_subscales AS subscales
         FROM outcome_rollup r JOIN programme p ON p.tenant_id = r.tenant_id AND p.id = r.programme_id WHERE r.tenant_id = $1`,
      [tenantId],
    ),
    client.query(
      `SELECT s.programme_id AS "programmeId", snap.responses, snap.tallies
         FROM feedback_result_snapshot snap JOIN group_session s ON s.tenant_id = snap.tenant_id AND s.id = snap.session_id WHERE snap.tenant_id = $1`,
      [tenantId],
    ),
  ]);
  const feedback = new Map();
  for (const snapshot of snapshots) {
    const sums = feedback.get(snapshot.programmeId) ?? {};
    for (const [item, histogram] of Object.entries(snapshot.tallies)) {
      const sum = (sums[item] ??= { total: 0, count: 0 });
      histogram.forEach((count, index) => {
        sum.total += count * (index + 1);
        sum.count += count;
      });
    }
    feedback.set(snapshot.programmeId, sums);
  }
  return figures(
    rollups.map((row) => ({ programmeId: row.programmeId, subscales: row.subscales })),
    feedback,
  );
}

async function figuresFromScratch(client, tenantId) {
  const [{ rows: measurements }, { rows: tallied }] = await Promise.all([
    client.query(`SELECT programme_id AS "programmeId", instrument_key AS "instrumentKey", point, pseudonym, scores FROM outcome_measurement WHERE tenant_id = $1`, [tenantId]),
    client.query(
      `SELECT s.programme_id AS "programmeId", a.key AS item, (a.value)::int AS value, count(*)::int AS count
         FROM feedback_response fr
         JOIN feedback_request r ON r.tenant_id = fr.tenant_id AND r.id = fr.request_id
         JOIN group_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
         CROSS JOIN LATERAL jsonb_each(fr.answers) a
        WHERE fr.tenant_id = $1 AND jsonb_typeof(a.value) = 'number'
        GROUP BY 1, 2, 3`,
      [tenantId],
    ),
  ]);
  const byProgramme = new Map();
  for (const measurement of measurements) {
    const list = byProgramme.get(measurement.programmeId) ?? [];
    list.push(measurement);
    byProgramme.set(measurement.programmeId, list);
  }
  const subscaleInfo = COPENHAGEN_BURNOUT_INVENTORY.subscales.map((subscale) => ({
    instrumentKey: 'cbi',
    subscaleKey: subscale.key,
    direction: subscale.direction,
    ...(subscale.reliability === undefined ? {} : { reliability: subscale.reliability }),
  }));
  const rollups = [...byProgramme].map(([programmeId, rows]) => ({
    programmeId,
    subscales: computeOutcomeRollup({ sessionsBought: 0, sessions: [], attendance: { marked: 0, present: 0, attendees: 0 }, measurements: rows, subscales: subscaleInfo })
      .subscales,
  }));
  const feedback = new Map();
  for (const row of tallied) {
    const sums = feedback.get(row.programmeId) ?? {};
    const sum = (sums[row.item] ??= { total: 0, count: 0 });
    sum.total += row.value * row.count;
    sum.count += row.count;
    feedback.set(row.programmeId, sums);
  }
  return figures(rollups, feedback);
}

/** The numbers the dashboard shows, by programme: each subscale's paired change and each item's mean. */
function figures(rollups, feedback) {
  const result = {};
  for (const rollup of rollups) {
    result[rollup.programmeId] = {
      changes: Object.fromEntries(
        rollup.subscales.map((subscale) => {
          const change = pairedChangeFromMoments(subscale.moments);
          return [subscale.subscaleKey, change && { n: change.n, meanDifference: change.meanDifference, hedgesG: change.hedgesG, reliable: subscale.reliable }];
        }),
      ),
      feedback: Object.fromEntries(Object.entries(feedback.get(rollup.programmeId) ?? {}).map(([item, sum]) => [item, { mean: sum.total / sum.count, n: sum.count }])),
    };
  }
  return result;
}

function expectSameFigures(fromRollups, fromScratch) {
  const keys = Object.keys(fromScratch).sort();
  if (JSON.stringify(Object.keys(fromRollups).sort()) !== JSON.stringify(keys)) throw new Error('The rollups and the raw rows name different programmes');
  const close = (a, b) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
  for (const key of keys) {
    const a = fromRollups[key];
    const b = fromScratch[key];
    for (const [subscale, change] of Object.entries(b.changes)) {
      const other = a.changes[subscale];
      const same =
        (change === null && other === null) ||
        (change !== null &&
          other !== null &&
          change.n === other.n &&
          close(change.meanDifference, other.meanDifference) &&
          close(change.hedgesG, other.hedgesG) &&
          ['improved', 'unchanged', 'deteriorated'].every((key) => change.reliable?.[key] === other.reliable?.[key]));
      if (!same) throw new Error(`Programme ${key}, ${subscale}: rollup ${JSON.stringify(other)} but raw rows give ${JSON.stringify(change)}`);
    }
    for (const [item, mean] of Object.entries(b.feedback)) {
      if (!a.feedback[item] || a.feedback[item].n !== mean.n || !close(a.feedback[item].mean, mean.mean))
        throw new Error(`Programme ${key}, ${item}: snapshots ${JSON.stringify(a.feedback[item])} but raw answers give ${JSON.stringify(mean)}`);
    }
  }
}
