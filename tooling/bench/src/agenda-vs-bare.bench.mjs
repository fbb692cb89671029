// A facilitator's "My sessions" page (50 sessions across two organisations, each with its
// programme, organisation name and enrolled count) through the real API (NestJS + Mercurius +
// auth + the facilitators' row-level policy) against a bare Fastify + pg route running the same
// SQL. Prints both throughputs and RESULT agenda-vs-bare ratio=<api/bare>. Target: 0.7 or more.
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
const FROM = '2027-01-01T00:00:00Z';
const TO = '2027-12-31T00:00:00Z';
const PAGE = 50;
const AGENDA_QUERY = `{ myGroupSessions(from: "${FROM}", to: "${TO}", first: ${PAGE}) {
  items { id tenantId tenantName programmeId programmeTitle serviceType sequence startsAt endsAt status statusReason deliveryMode videoLink location timeZone enrolledCount }
  nextCursor
} }`;
const FACILITATOR = 'amira.facilitator@lena.test';

const services = await startTestServices({ dataDir: join(repo, '.data/bench') });
const children = [];
try {
  const ownerUrl = withDatabaseName(services.databaseServerUrl, `lena_bench_${randomBytes(4).toString('hex')}`);
  await migrateDatabase(ownerUrl);
  const { seedDemo } = require('@lena/api/dist/seed/seed.js');
  await seedDemo(ownerUrl);
  await addProgrammes(ownerUrl, FACILITATOR, ['northshire-cp', 'coastal-ambulance']);

  const apiUrl = await startApi({ ownerUrl, redisUrl: services.redisUrl, children });
  const { accessToken, viewer, sessionId } = await signIn(apiUrl, FACILITATOR);
  const bareBase = await startBare('bare-agenda-server.mjs', { APP_DATABASE_URL: appUrlFor(ownerUrl) }, children);
  const bareUrl = `${bareBase}/agenda?user=${viewer.id}&session=${sessionId}&from=${FROM}&to=${TO}&first=${PAGE}`;

  const apiRequest = { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify({ query: AGENDA_QUERY }) };
  await expectPage(apiUrl, apiRequest, (body) => body.data?.myGroupSessions?.items);
  await expectPage(bareUrl, { method: 'GET' }, (body) => body.data.items);

  const { apiRate, bareRate, rounds } = await compareInRounds({ url: apiUrl, request: apiRequest }, { url: bareUrl, request: { method: 'GET' } });
  console.log(`API (GraphQL myGroupSessions, ${PAGE}):  ${apiRate.toFixed(0)} requests/s (median of ${rounds})`);
  console.log(`Bare Fastify + pg (same SQL):       ${bareRate.toFixed(0)} requests/s (median of ${rounds})`);
  console.log(`RESULT agenda-vs-bare ratio=${(apiRate / bareRate).toFixed(3)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
  await services.stop();
}

async function expectPage(url, request, pick) {
  const response = await fetch(url, request);
  const body = await response.json();
  const items = pick(body);
  if (!Array.isArray(items) || items.length !== PAGE || new Set(items.map((item) => item.tenantId)).size !== 2) {
    throw new Error(`Unexpected answer from ${url}: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

/**
 * Six weekly sessions in each of five programmes per organisation, all led by the facilitator,
 * each programme with two people enrolled: 60 sessions in 2027, so a page of 50 crosses both
 * organisations. Tenant rows go in through the unit of work, as every process writes them.
 */
async function addProgrammes(ownerUrl, facilitatorEmail, slugs) {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  try {
    const [facilitator] = await withUnitOfWork(pool, { tenantId: null, userId: null }, (uow) => uow.query('SELECT id FROM user_account WHERE email = $1', [facilitatorEmail]));
    for (const slug of slugs) {
      const [tenant] = await withUnitOfWork(pool, { tenantId: null, userId: null }, (uow) => uow.query('SELECT id FROM tenant WHERE slug = $1', [slug]));
      await withUnitOfWork(pool, { tenantId: tenant.id, userId: null }, async (uow) => {
        const [team] = await uow.query('SELECT id FROM team WHERE tenant_id = $1 ORDER BY name LIMIT 1', [tenant.id]);
        const members = await uow.query(`SELECT user_id FROM tenant_membership WHERE tenant_id = $1 AND role = 'PARTICIPANT' ORDER BY user_id LIMIT 2`, [tenant.id]);
        for (let index = 1; index <= 5; index += 1) {
          const [programme] = await uow.query(
            `INSERT INTO programme (tenant_id, team_id, service_type, title, status, session_count, rrule, start_local, time_zone, video_link)
             VALUES ($1, $2, 'GRP', $3, 'ACTIVE', 6, 'FREQ=WEEKLY;COUNT=6', '2027-02-01T10:00:00', 'Europe/London', 'https://meet.example.org/bench') RETURNING id`,
            [tenant.id, team.id, `Bench programme ${index}`],
          );
          await uow.query(`INSERT INTO programme_facilitator (tenant_id, programme_id, user_id, role) VALUES ($1, $2, $3, 'LEAD')`, [tenant.id, programme.id, facilitator.id]);
          for (const member of members) await uow.query('INSERT INTO enrolment (tenant_id, programme_id, user_id) VALUES ($1, $2, $3)', [tenant.id, programme.id, member.user_id]);
          await uow.query(
            `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at)
             SELECT $1, $2, n, timestamptz '2027-02-01T10:00:00Z' + (n - 1) * interval '7 days' + $3 * interval '1 hour',
                    timestamptz '2027-02-01T11:30:00Z' + (n - 1) * interval '7 days' + $3 * interval '1 hour'
               FROM generate_series(1, 6) AS n`,
            [tenant.id, programme.id, index],
          );
        }
      });
    }
  } finally {
    await pool.end();
  }
}
