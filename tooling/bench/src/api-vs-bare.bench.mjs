// How much the real API (NestJS + Mercurius + auth + tenant context) costs against a bare
// Fastify + pg route running the same SQL, both serving one tenant-scoped list of teams.
// Prints both throughputs and RESULT api-vs-bare ratio=<api/bare>. Target: 0.7 or more.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { compareInRounds, signIn, startApi, startBare } from './api-against-bare.mjs';

const require = createRequire(import.meta.url);
const { startTestServices, withDatabaseName } = require('@lena/test-services');
const { migrateDatabase, appUrlFor, withUnitOfWork } = require('@lena/database');

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const TEAMS_QUERY = '{ teams { id name archivedAt createdAt memberCount } }';

const services = await startTestServices({ dataDir: join(repo, '.data/bench') });
const children = [];
try {
  const ownerUrl = withDatabaseName(services.databaseServerUrl, `lena_bench_${randomBytes(4).toString('hex')}`);
  await migrateDatabase(ownerUrl);
  const { seedDemo } = require('@lena/api/dist/seed/seed.js');
  await seedDemo(ownerUrl);
  await addTeams(ownerUrl, 'northshire-cp', 20);

  const apiUrl = await startApi({ ownerUrl, redisUrl: services.redisUrl, children });
  const { accessToken, viewer, sessionId } = await signIn(apiUrl, 'coordinator@northshire-cp.test');
  const bareBase = await startBare('bare-teams-server.mjs', { APP_DATABASE_URL: appUrlFor(ownerUrl) }, children);
  const bareUrl = `${bareBase}/teams?tenant=${viewer.tenantId}&user=${viewer.id}&session=${sessionId}`;

  const apiRequest = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query: TEAMS_QUERY }) };
  await expectTeams(apiUrl, apiRequest, (body) => body.data.teams);
  await expectTeams(bareUrl, { method: 'GET' }, (body) => body.data.teams);

  const { apiRate, bareRate, rounds } = await compareInRounds({ url: apiUrl, request: apiRequest }, { url: bareUrl, request: { method: 'GET' } });
  console.log(`API (GraphQL teams query):        ${apiRate.toFixed(0)} requests/s (median of ${rounds})`);
  console.log(`Bare Fastify + pg (same SQL):     ${bareRate.toFixed(0)} requests/s (median of ${rounds})`);
  console.log(`RESULT api-vs-bare ratio=${(apiRate / bareRate).toFixed(3)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await services.stop();
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
