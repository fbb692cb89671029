// The baseline: a bare Fastify route sending exactly the SQL the API sends for the `teams`
// query, in the same three round trips (BEGIN with the tenant setting and session check; the
// list; COMMIT), as the same database role, on the same pool size. Ids are checked to be uuids
// before they are written into the first statement, as the API does.
import Fastify from 'fastify';
import pg from 'pg';

const { APP_DATABASE_URL, PORT, POOL_SIZE = '10' } = process.env;
const pool = new pg.Pool({ connectionString: APP_DATABASE_URL, max: Number(POOL_SIZE) });
const app = Fastify({ logger: false });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

app.get('/teams', async (request) => {
  const { tenant, user, session } = request.query;
  const client = await pool.connect();
  try {
    if (![tenant, user, session].every((id) => UUID.test(id))) throw new Error('ids must be uuids');
    const [, settings] = await client.query(
      `BEGIN; SELECT set_config('app.tenant_id', '${tenant}', true), set_config('app.user_id', '${user}', true),
              (SELECT revoked_at IS NULL AND expires_at > now() AND tenant_id IS NOT DISTINCT FROM NULLIF('${tenant}', '')::uuid
                 FROM auth_session WHERE id = '${session}') AS session_live`,
    );
    if (!settings.rows[0].session_live) throw new Error('session not live');
    const { rows } = await client.query(
      `SELECT t.id, t.name, t.archived_at AS "archivedAt", t.created_at AS "createdAt",
        (SELECT count(*)::int FROM team_member tm WHERE tm.tenant_id = t.tenant_id AND tm.team_id = t.id) AS "memberCount"
         FROM team t WHERE t.tenant_id = $1 AND ($2 OR t.archived_at IS NULL) ORDER BY t.archived_at NULLS FIRST, lower(t.name)`,
      [tenant, false],
    );
    await client.query('COMMIT');
    return { data: { teams: rows } };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
});

await app.listen({ port: Number(PORT), host: '127.0.0.1' });
process.send?.('ready');
