// Anonymous feedback submissions through the real path against a bare route doing the least that
// could count as the same: BENCH_SECONDS (60) of concurrent POST /feedback/responses, each with a
// link of its own.
//
// Real: the built API (NODE_ENV=production) and the built worker, both running. Each submission,
// as the feedback page sends it (the secret, the form it was shown, the answers), has its answers
// checked against that form, then in one statement finds its link by the secret's hash, checks the
// link asks that form and is open, spends it and stores the answers; after the commit it enqueues `publish-feedback-results`
// (deduplicated per request: one waiting and one running at most; it waits the API's default
// publication delay, 30 s, so a request's answers meanwhile make one job), which the worker processes
// (the session's results published once the rule says they are due). The links are distinct, unspent,
// seeded beforehand with COPY (BENCH_LINKS, 150,000 by default: enough for 2,500/s for a minute).
// Bare: a Fastify route that inserts the same row and adds the same job, nothing else
// (bare-feedback-server.mjs), with the same worker processing its jobs.
//
// Each side is warmed up, measured, then drained (the worker finishes every job) before the next,
// so each is measured beside the worker doing its share. Then nothing may be lost: every link
// spent has its response, every acknowledged submission is stored, and no request is left with
// results due for publication (at least the minimum group size answered since the last
// publication) once the queue is idle. Prints each side's submissions/s and p95 latency, what was lost, the machine's
// load, and RESULT feedback-submissions ratio=<real/bare>. Targets: ratio ≥ 0.5, real ≥ 1,000/s.
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startApi, startBare } from './api-against-bare.mjs';

const require = createRequire(import.meta.url);
const { startTestServices, withDatabaseName } = require('@lena/test-services');
const { migrateDatabase, appUrlFor, withUnitOfWork } = require('@lena/database');
const { DEFAULT_SESSION_FEEDBACK } = require('@lena/domain');
const { Jobs, JobQueues, QueueName } = require('@lena/jobs');

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARM_UP_SECONDS = Math.min(5, SECONDS);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const LINKS = Number(process.env.BENCH_LINKS ?? 150_000);
/** Sessions (each with its request) the links spread over: one link per person per request. */
const SESSIONS = 500;
const DRAIN_TIMEOUT_MS = 10 * 60_000;
// What the feedback page sends: the answers, and which form (the one it was shown) they answer.
const FORM = { key: DEFAULT_SESSION_FEEDBACK.key, version: DEFAULT_SESSION_FEEDBACK.version };
const ANSWERS = { safe_to_share: 4, useful_for_practice: 5, held_well: 4, protected_time: 3, feel_about_work: 4, take_away: 'A breath before the next call.' };

// The machine may be shared: the load beside the figures says how far to trust them.
const machineLoad = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
console.log(`Machine load (1/5/15 min) at the start: ${machineLoad()}`);
const services = await startTestServices({ dataDir: join(repo, '.data/bench') });
const children = [];
const pools = [];
// A prefix of this run's own: the counts below must see this run's jobs and no one else's.
const queuePrefix = `{lena-bench-feedback-${randomBytes(4).toString('hex')}}`;
const ownerUrl = withDatabaseName(services.databaseServerUrl, `lena_bench_${randomBytes(4).toString('hex')}`);
let queues;
try {
  await migrateDatabase(ownerUrl);
  const owner = new pg.Pool({ connectionString: ownerUrl, max: 2 });
  pools.push(owner);
  const instrumentId = await feedbackInstrument(owner);
  const real = await organisation(owner, 'real', instrumentId);
  const bare = await organisation(owner, 'bare', instrumentId);
  const seedStarted = performance.now();
  const tokens = await seedLinks(ownerUrl, real, LINKS);
  console.log(`Seeded ${tokens.length} unspent links with COPY in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const outboxKey = randomBytes(32).toString('base64');
  const shared = { LENA_QUEUE_PREFIX: queuePrefix, LENA_OUTBOX_KEY: outboxKey };
  const apiUrl = new URL(await startApi({ ownerUrl, redisUrl: services.redisUrl, children, env: shared })).origin;
  const worker = await startWorker({ ownerUrl, redisUrl: services.redisUrl, env: shared });
  const bareUrl = await startBare(
    'bare-feedback-server.mjs',
    { APP_DATABASE_URL: appUrlFor(ownerUrl), REDIS_URL: services.redisUrl, LENA_QUEUE_PREFIX: queuePrefix, TENANT_ID: bare.tenantId, REQUEST_IDS: bare.requestIds.join(',') },
    children,
  );
  queues = new JobQueues({ redisUrl: services.redisUrl, prefix: queuePrefix });

  let nextLink = 0;
  const takeLink = () => (nextLink < tokens.length ? tokens[nextLink++] : null);
  const unlimited = () => 'x'.repeat(43);

  // One submission each first: a side that refuses them would make every figure meaningless.
  real.count(await expectStored(apiUrl, takeLink()));
  bare.count(await expectStored(bareUrl, unlimited()));

  // Each side warmed up (JIT, pools, plans), measured, then drained before the other starts.
  real.count(await submit('real (warm-up)', apiUrl, takeLink, WARM_UP_SECONDS));
  const realRun = real.count(await submit('real', apiUrl, takeLink, SECONDS));
  const realDrain = await drain(worker, real, owner);
  bare.count(await submit('bare (warm-up)', bareUrl, unlimited, WARM_UP_SECONDS));
  const bareRun = bare.count(await submit('bare', bareUrl, unlimited, SECONDS));
  const bareDrain = await drain(worker, bare, owner);

  const realLost = await lostOnRealSide(owner, real, realDrain, nextLink);
  const bareLost = Math.max(0, bare.acknowledged - bareDrain.stored) + bareDrain.due;
  report('Real (API + worker)', realRun, realDrain);
  report('Bare (Fastify, insert + job)', bareRun, bareDrain);
  console.log(
    `Lost on the real side: ${realLost.total} (links spent without a stored response ${realLost.spentWithoutResponse}, acknowledged but not stored ${realLost.acknowledgedNotStored}, requests left with results due ${realLost.due}); bare side: ${bareLost}`,
  );
  console.log(`Machine load (1/5/15 min) at the end: ${machineLoad()}`);
  if (realRun.exhausted) console.log(`The ${tokens.length} links ran out before ${SECONDS} s: raise BENCH_LINKS.`);
  console.log(`RESULT feedback-submissions ratio=${(realRun.rate / bareRun.rate).toFixed(3)}`);
  if (realLost.total !== 0 || bareLost !== 0 || real.refused !== 0 || bare.refused !== 0) process.exitCode = 1;
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
  for (const pool of pools) await pool.end();
  // The server may be one that outlives the benchmark: leave nothing behind on it.
  const admin = new pg.Client({ connectionString: services.databaseServerUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${new URL(ownerUrl).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();
  await services.stop();
}

/**
 * `seconds` of POST /feedback/responses from BENCH_CONNECTIONS connections, each submission with
 * the next token `take` gives (null once there are none left: the run stops there). Counts what
 * was acknowledged (201) and refused, and keeps every latency for the percentiles.
 */
async function submit(name, baseUrl, take, seconds) {
  const latencies = [];
  let notCreated = 0;
  // Once the links run out the run stops; the requests already under way carry a token that is
  // no link at all, and their refusals are not counted as refusals.
  let placeholders = 0;
  const instance = autocannon({
    url: `${baseUrl}/feedback/responses`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          let token = take();
          if (token === null) {
            token = 'x'.repeat(43);
            if (placeholders++ === 0) instance.stop();
          }
          return { ...request, body: JSON.stringify({ token, form: FORM, answers: ANSWERS }) };
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    latencies.push(responseTime);
    if (status !== 201) notCreated += 1;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const acknowledged = result['2xx'];
  const run = {
    name,
    acknowledged,
    refused: Math.max(0, notCreated - placeholders) + result.errors + result.timeouts,
    rate: acknowledged / result.duration,
    p95: latencies[Math.floor(latencies.length * 0.95)] ?? NaN,
    exhausted: placeholders > 0,
  };
  console.log(`${name}: ${acknowledged} acknowledged in ${result.duration} s (${run.rate.toFixed(0)}/s), p95 ${run.p95.toFixed(1)} ms, refused or failed ${run.refused}`);
  return run;
}

async function expectStored(baseUrl, token) {
  const response = await fetch(`${baseUrl}/feedback/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, form: FORM, answers: ANSWERS }),
  });
  if (response.status !== 201) throw new Error(`${baseUrl} refused a submission (${response.status}): ${await response.text()}`);
  return { acknowledged: 1, refused: 0 };
}

/**
 * Waits until the feedback queue is idle and no request of `side`'s organisation has results due
 * for publication, or until the queue has been idle a while with some still due (then they are
 * lost). Polls: this is a benchmark's bookkeeping, not a test.
 */
async function drain(worker, side, owner) {
  const started = performance.now();
  let idleSince = null;
  for (;;) {
    // Of the delayed jobs, the publications waiting their delay: the recurring feedback sweep always
    // has its next run waiting there too.
    const queue = queues.queue(QueueName.feedback);
    const counts = await queue.getJobCounts('waiting', 'prioritized', 'active');
    const publicationsDelayed = (await queue.getDelayed()).filter((job) => job.name === Jobs.publishFeedbackResults.name).length;
    const idle = publicationsDelayed === 0 && Object.values(counts).every((count) => count === 0);
    idleSince = idle ? (idleSince ?? performance.now()) : null;
    if (idle) {
      const due = await duePublications(owner, side);
      if (due === 0 || performance.now() - idleSince > 5_000 || performance.now() - started > DRAIN_TIMEOUT_MS) return summary(due);
    } else if (performance.now() - started > DRAIN_TIMEOUT_MS) {
      return summary(await duePublications(owner, side));
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  async function summary(due) {
    return { stored: await storedResponses(owner, side), processed: worker.completed(side.tenantId), due, drainedIn: (performance.now() - started) / 1000 };
  }
}

/** Requests whose results are due (decidePublication's rule for scores: at least k answered since the last publication). */
async function duePublications(owner, side) {
  const [row] = await withUnitOfWork(owner, { tenantId: side.tenantId, userId: null }, (uow) =>
    uow.query(
      `SELECT count(*)::int AS n
         FROM feedback_request r
         JOIN tenant t ON t.id = r.tenant_id
         LEFT JOIN feedback_result_snapshot snap ON snap.tenant_id = r.tenant_id AND snap.request_id = r.id
         CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM feedback_response fr WHERE fr.tenant_id = r.tenant_id AND fr.request_id = r.id) answered
        WHERE r.tenant_id = $1 AND answered.n - COALESCE(snap.responses, 0) >= t.min_reporting_group_size`,
      [side.tenantId],
    ),
  );
  return row.n;
}

function report(label, run, drained) {
  console.log(
    `${label}: ${run.rate.toFixed(0)} submissions/s, p95 ${run.p95.toFixed(1)} ms; ${drained.stored} stored in all, ${drained.processed} publication jobs processed, ${drained.due} requests left due (drained ${drained.drainedIn.toFixed(1)} s after the run)`,
  );
}

/** What the real side lost: links spent without a response, acknowledgements without a row, requests left with results due. */
async function lostOnRealSide(owner, side, drained, linksUsed) {
  const [counts] = await withUnitOfWork(owner, { tenantId: side.tenantId, userId: null }, (uow) =>
    uow.query(`SELECT (SELECT count(*)::int FROM feedback_link WHERE tenant_id = $1) - (SELECT count(*)::int FROM feedback_link_unspent WHERE tenant_id = $1) AS spent`, [
      side.tenantId,
    ]),
  );
  const acknowledged = side.acknowledged;
  const spentWithoutResponse = Math.abs(counts.spent - drained.stored);
  const acknowledgedNotStored = Math.max(0, acknowledged - drained.stored);

  if (linksUsed < counts.spent) throw new Error(`${counts.spent} links spent, but only ${linksUsed} were presented`);
  return { spentWithoutResponse, acknowledgedNotStored, due: drained.due, total: spentWithoutResponse + acknowledgedNotStored + drained.due };
}

async function storedResponses(owner, side) {
  const [row] = await withUnitOfWork(owner, { tenantId: side.tenantId, userId: null }, (uow) =>
    uow.query('SELECT count(*)::int AS n FROM feedback_response WHERE tenant_id = $1', [side.tenantId]),
  );
  return row.n;
}

/** The post-session form, as the worker's sweep would have stored it. */
async function feedbackInstrument(owner) {
  const { rows } = await owner.query(
    // The form may be there already (the demo seed stores it), and once used it cannot be touched.
    `WITH inserted AS (
       INSERT INTO feedback_instrument (key, version, licence, definition) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key, version) DO NOTHING RETURNING id)
     SELECT id FROM inserted UNION ALL SELECT id FROM feedback_instrument WHERE key = $1 AND version = $2`,
    [DEFAULT_SESSION_FEEDBACK.key, DEFAULT_SESSION_FEEDBACK.version, DEFAULT_SESSION_FEEDBACK.licence, JSON.stringify(DEFAULT_SESSION_FEEDBACK)],
  );
  return rows[0].id;
}

/**
 * An organisation with SESSIONS delivered sessions (in programmes of 50), each with a feedback request
 * open for a week. Tenant rows go in through the unit of work, as every process writes them.
 */
async function organisation(owner, name, instrumentId) {
  const [tenant] = await withUnitOfWork(owner, { tenantId: null, userId: null }, (uow) =>
    uow.query("INSERT INTO tenant (name, slug, time_zone) VALUES ($1, $1, 'Europe/London') RETURNING id", [`bench-${name}-${randomBytes(4).toString('hex')}`]),
  );
  const requestIds = await withUnitOfWork(owner, { tenantId: tenant.id, userId: null }, async (uow) => {
    const [team] = await uow.query("INSERT INTO team (tenant_id, name) VALUES ($1, 'Bench team') RETURNING id", [tenant.id]);
    // Programmes of 50 delivered sessions each (a programme holds at most 104).
    const programmes = await uow.query(
      `INSERT INTO programme (tenant_id, team_id, service_type, title, status, session_count, rrule, start_local, time_zone)
       SELECT $1, $2, 'GTS', 'Bench programme ' || p, 'ACTIVE', 50, 'FREQ=DAILY;COUNT=50', '2020-01-06T10:00:00', 'Europe/London'
         FROM generate_series(1, $3::int) AS p RETURNING id`,
      [tenant.id, team.id, SESSIONS / 50],
    );
    await uow.query(
      `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at, status, delivered_at)
       SELECT $1, p.id, n, now() - interval '2 days' - make_interval(hours => n), now() - interval '2 days' - make_interval(hours => n) + interval '1 hour', 'DELIVERED', now() - interval '1 day'
         FROM unnest($2::uuid[]) AS p (id), generate_series(1, 50) AS n`,
      [tenant.id, programmes.map((programme) => programme.id)],
    );
    const rows = await uow.query(
      `INSERT INTO feedback_request (tenant_id, session_id, instrument_id, opens_at, remind_at, closes_at)
       SELECT tenant_id, id, $2, now() - interval '1 day', now() + interval '1 day', now() + interval '7 days' FROM group_session WHERE tenant_id = $1
       ORDER BY programme_id, sequence RETURNING id`,
      [tenant.id, instrumentId],
    );
    return rows.map((row) => row.id);
  });
  return {
    tenantId: tenant.id,
    requestIds,
    /** Submissions acknowledged (201) and refused, over every run against this side. */
    acknowledged: 0,
    refused: 0,
    count(run) {
      this.acknowledged += run.acknowledged;
      this.refused += run.refused;
      return run;
    },
  };
}

/**
 * `count` links of `side`'s organisation, each unspent, spread over its requests (one per person
 * per request), written with COPY in the organisation's transaction; returns their secrets.
 */
async function seedLinks(ownerUrl, side, count) {
  // One link per person per request, every person at every session: a whole number of people.
  const people = Math.ceil(count / side.requestIds.length);
  count = people * side.requestIds.length;
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query(
      `INSERT INTO user_account (email, display_name) SELECT 'bench-' || n || '-' || $1 || '@bench.test', 'Bench person ' || n FROM generate_series(1, $2::int) AS n RETURNING id`,
      [randomBytes(4).toString('hex'), people],
    );
    const userIds = rows.map((row) => row.id);
    const tokens = [];
    const links = [];
    const secrets = randomBytes(32 * count);
    for (let index = 0; index < count; index += 1) {
      const token = secrets.subarray(index * 32, index * 32 + 32).toString('base64url');
      tokens.push(token);
      const requestId = side.requestIds[index % side.requestIds.length];
      const userId = userIds[Math.floor(index / side.requestIds.length)];
      links.push([randomUUID(), requestId, userId, createHash('sha256').update(token).digest('hex')]);
    }
    await owner.query('BEGIN');
    await owner.query("SELECT set_config('app.tenant_id', $1, true)", [side.tenantId]);
    // Each person a participant marked present at every session, as the worker's sweep expects of
    // anyone holding a link (it withdraws the links of people not marked so).
    await owner.query("INSERT INTO tenant_membership (tenant_id, user_id, role) SELECT $1, unnest($2::uuid[]), 'PARTICIPANT'", [side.tenantId, userIds]);
    await owner.query(
      `INSERT INTO attendance (tenant_id, session_id, user_id, status)
       SELECT $1, r.session_id, u.id, 'PRESENT' FROM feedback_request r CROSS JOIN unnest($2::uuid[]) AS u (id) WHERE r.tenant_id = $1`,
      [side.tenantId, userIds],
    );
    await pipeline(
      Readable.from(lines(links, ([id, requestId, userId, hash]) => `${side.tenantId}\t${id}\t${requestId}\t${userId}\t\\\\x${hash}\n`)),
      owner.query(copyFrom('COPY feedback_link (tenant_id, id, request_id, user_id, token_hash) FROM STDIN')),
    );
    await pipeline(Readable.from(lines(links, ([id]) => `${side.tenantId}\t${id}\n`)), owner.query(copyFrom('COPY feedback_link_unspent (tenant_id, link_id) FROM STDIN')));
    await owner.query('COMMIT');
    return tokens;
  } finally {
    await owner.end();
  }
}

function* lines(rows, line) {
  for (let start = 0; start < rows.length; start += 2_000)
    yield rows
      .slice(start, start + 2_000)
      .map(line)
      .join('');
}

/**
 * The built worker (NODE_ENV=production) on the same queues, reading its JSON log lines as they
 * come: each `Job completed` of `publish-feedback-results` counts for its organisation.
 */
async function startWorker({ ownerUrl, redisUrl, env }) {
  const worker = spawn(process.execPath, [join(repo, 'apps/worker/dist/main.js')], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: ownerUrl, REDIS_URL: redisUrl, LENA_LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(worker);
  const completed = new Map();
  let pending = '';
  let ready = false;
  await new Promise((resolve, reject) => {
    worker.stdout.on('data', (chunk) => {
      pending += chunk;
      const complete = pending.split('\n');
      pending = complete.pop();
      for (const line of complete) {
        if (!ready && line.includes('Processing queues')) {
          ready = true;
          resolve();
        }
        if (!line.includes('"Job completed"') || !line.includes(Jobs.publishFeedbackResults.name)) continue;
        const fields = JSON.parse(line);
        if (fields.jobName === Jobs.publishFeedbackResults.name) completed.set(fields.tenantId, (completed.get(fields.tenantId) ?? 0) + 1);
      }
    });
    worker.once('exit', (code) => {
      if (!ready) reject(new Error(`The worker exited (${code}) before it was ready`));
    });
  });
  return { completed: (tenantId) => completed.get(tenantId) ?? 0 };
}
