// The baseline: a bare Fastify route sending exactly the SQL the API sends for the `teams`
// query, in the same three round trips (BEGIN with the tenant setting and session check; the
// list; COMMIT), as the same database role, on the same pool size. It opens its transaction with
// the same unit of work as the API (which checks the ids are uuids before writing them into the
// first statement), so only the framework, GraphQL and auth differ.
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { UnitOfWork } = require('@lena/database');
// The API's own first statement (session, subject and roles), so both sides do the same work.
const { SESSION_LIVE } = require('@lena/api/dist/common/request-lifecycle.js');

const { APP_DATABASE_URL, PORT, POOL_SIZE = '10' } = process.env;
const pool = new pg.Pool({ connectionString: APP_DATABASE_URL, max: Number(POOL_SIZE) });
const app = Fastify({ logger: false });

app.get('/teams', async (request) => {
  const { tenant, user, session } = request.query;
  const uow = new UnitOfWork(pool, { tenantId: tenant, userId: user });
  let committed = false;
  try {
    const settings = await uow.begin({ sql: SESSION_LIVE, params: [session] });
    if (!settings.session_live) throw new Error('session not live');
    const rows = await uow.query(
      `SELECT t.id, t.name, t.archived_at AS "archivedAt", t.created_at AS "createdAt",
        (SELECT count(*)::int FROM team_member tm WHERE tm.tenant_id = t.tenant_id AND tm.team_id = t.id) AS "memberCount"
         FROM team t WHERE t.tenant_id = $1 AND t.deleted_at IS NULL AND ($2 OR t.archived_at IS NULL) ORDER BY t.archived_at NULLS FIRST, lower(t.name)`,
      [tenant, false],
    );
    await uow.finish(true);
    committed = true;
    return { data: { teams: rows } };
  } finally {
    if (!committed) await uow.finish(false);
  }
});

await app.listen({ port: Number(PORT), host: '127.0.0.1' });
process.send?.('ready');
