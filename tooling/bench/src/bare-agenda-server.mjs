// The baseline for agenda-vs-bare: a bare Fastify route sending exactly the SQL the API sends for
// a facilitator's `myGroupSessions` page, in the same three round trips (BEGIN with the user
// setting and session check; the page; COMMIT), as the same database role, on the same pool
// size, through the same unit of work. Only the framework, GraphQL and auth differ.
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { UnitOfWork } = require('@lena/database');
// The API's own statements, so both sides do the same work.
const { SESSION_LIVE } = require('@lena/api/dist/common/request-lifecycle.js');
const { FACILITATOR_AGENDA_SQL } = require('@lena/api/dist/scheduling/group-session.repository.js');

const { APP_DATABASE_URL, PORT, POOL_SIZE = '10' } = process.env;
const pool = new pg.Pool({ connectionString: APP_DATABASE_URL, max: Number(POOL_SIZE) });
const app = Fastify({ logger: false });

app.get('/agenda', async (request) => {
  const { user, session, from, to, first } = request.query;
  const limit = Number(first);
  const uow = new UnitOfWork(pool, { tenantId: null, userId: user });
  let committed = false;
  try {
    const settings = await uow.begin({ sql: SESSION_LIVE, params: [session] });
    if (!settings.session_live) throw new Error('session not live');
    const rows = await uow.query(FACILITATOR_AGENDA_SQL, [user, new Date(from), new Date(to), null, null, limit + 1]);
    await uow.finish(true);
    committed = true;
    const items = rows.slice(0, limit).map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      tenantName: row.tenant_name,
      programmeId: row.programme_id,
      programmeTitle: row.title,
      serviceType: row.service_type,
      sequence: row.sequence,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      status: row.status,
      statusReason: row.status_reason,
      deliveryMode: row.delivery_mode,
      videoLink: row.video_link,
      location: row.location,
      timeZone: row.time_zone,
      enrolledCount: row.enrolled_count,
    }));
    return { data: { items, nextCursor: rows.length > limit ? 'more' : null } };
  } finally {
    if (!committed) await uow.finish(false);
  }
});

await app.listen({ port: Number(PORT), host: '127.0.0.1' });
process.send?.('ready');
