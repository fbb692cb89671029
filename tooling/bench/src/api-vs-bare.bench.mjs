// How much the real API (NestJS + Mercurius + auth + tenant context) costs against a bare
// Fastify + pg route running the same SQL, both serving one tenant-scoped list of teams.
// Prints both throughputs and RESULT api-vs-bare ratio=<api/bare>. Target: 0.7 or more.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { startTestServices, freePort, withDatabaseName } = require('@lena/test-services');
const { migrateDatabase, appUrlFor, withUnitOfWork } = require('@lena/database');

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TEAMS_QUERY = '{ teams { id name archivedAt createdAt memberCount } }';

const services = await startTestServices({ dataDir: join(repo, '.data/bench') });
const children = [];
try {
  const ownerUrl = withDatabaseName(services.databaseServerUrl, `lena_bench_${randomBytes(4).toString('hex')}`);
  await migrateDatabase(ownerUrl);
  const { seedDemo } = require('@lena/api/dist/seed/seed.js');
  await seedDemo(ownerUrl);
  await addTeams(ownerUrl, 'northshire-cp', 20);

  const apiPort = await freePort();
  const api = spawn(process.execPath, [join(repo, 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(apiPort),
      DATABASE_URL: ownerUrl,
      REDIS_URL: services.redisUrl,
      LENA_QUEUE_PREFIX: '{lena-bench}',
      LENA_JWT_SECRET: randomBytes(32).toString('hex'),
      // Production refuses to start without a key of its own for sealing outbox emails.
      LENA_OUTBOX_KEY: randomBytes(32).toString('base64'),
      LENA_COOKIE_SECURE: 'false',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(api);
  await waitForOutput(api, 'listening');
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  const login = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation { login(input: { email: "coordinator@northshire-cp.test", password: "Lena-demo-2026!" }) { viewer { id tenantId } } }',
    }),
  });
  const accessToken = login.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('lena_access='))
    ?.split(';')[0]
    .slice('lena_access='.length);
  const { data } = await login.json();
  if (!accessToken) throw new Error('Could not sign in to the API for the benchmark.');
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());

  const barePort = await freePort();
  const bare = fork(join(here, 'bare-teams-server.mjs'), {
    env: { ...process.env, APP_DATABASE_URL: appUrlFor(ownerUrl), PORT: String(barePort) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  children.push(bare);
  await once(bare, 'message');
  const bareUrl = `http://127.0.0.1:${barePort}/teams?tenant=${data.login.viewer.tenantId}&user=${data.login.viewer.id}&session=${claims.sid}`;

  const apiRequest = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query: TEAMS_QUERY }) };
  await expectTeams(apiUrl, apiRequest, (body) => body.data.teams);
  await expectTeams(bareUrl, { method: 'GET' }, (body) => body.data.teams);

  // Warm both up (JIT compilation of the query, pools filled), then measure them in turns: a
  // shared two-core machine drifts over a minute, and turns expose both sides to the same drift.
  await run(apiUrl, apiRequest, 3);
  await run(bareUrl, { method: 'GET' }, 3);
  const apiRates = [];
  const bareRates = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    apiRates.push(await measure('api', apiUrl, apiRequest));
    bareRates.push(await measure('bare', bareUrl, { method: 'GET' }));
    console.log(`round ${round}: API ${apiRates.at(-1).toFixed(0)} requests/s, bare ${bareRates.at(-1).toFixed(0)} requests/s`);
  }
  const apiRate = median(apiRates);
  const bareRate = median(bareRates);
  console.log(`API (GraphQL teams query):        ${apiRate.toFixed(0)} requests/s (median of ${ROUNDS})`);
  console.log(`Bare Fastify + pg (same SQL):     ${bareRate.toFixed(0)} requests/s (median of ${ROUNDS})`);
  console.log(`RESULT api-vs-bare ratio=${(apiRate / bareRate).toFixed(3)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await services.stop();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(name, url, request) {
  const result = await run(url, request, DURATION_SECONDS);
  if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return result.requests.average;
}

function run(url, request, duration) {
  return autocannon({ url, connections: CONNECTIONS, duration, ...request });
}

async function expectTeams(url, request, pick) {
  const response = await fetch(url, request);
  const body = await response.json();
  const teams = pick(body);
  if (!Array.isArray(teams) || teams.length < 20) throw new Error(`Unexpected answer from ${url}: ${JSON.stringify(body).slice(0, 300)}`);
}

async function addTeams(ownerUrl, slug, count) {
  // The owner is subject to row-level security too: the teams go in through the unit of work, in
  // the organisation's transaction, as every process writes tenant rows.
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  try {
    const [tenant] = await withUnitOfWork(pool, { tenantId: null, userId: null }, (uow) => uow.query('SELECT id FROM tenant WHERE slug = $1', [slug]));
    await withUnitOfWork(pool, { tenantId: tenant.id, userId: null }, async (uow) => {
      for (let index = 1; index <= count; index += 1) {
        await uow.query('INSERT INTO team (tenant_id, name) VALUES ($1, $2)', [tenant.id, `Bench team ${index}`]);
      }
    });
  } finally {
    await pool.end();
  }
}

/**
 * Resolves once the child has printed `text`, and keeps reading its output afterwards: the API
 * logs a line per request, and a pipe nobody empties would stall it (and the measurement).
 */
function waitForOutput(child, text) {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      if (seen === null) return;
      seen += chunk;
      if (seen.includes(text)) {
        seen = null;
        resolve();
      }
    });
    child.once('exit', () => {
      if (seen !== null) reject(new Error(`The API exited before it was ready:\n${seen}`));
    });
  });
}
