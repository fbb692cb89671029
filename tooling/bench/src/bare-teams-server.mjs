// The baseline: a bare Fastify route sending exactly the SQL the API sends for the `teams`
// query (transaction, tenant setting + session check, the list, commit), on the same pool size.
import Fastify from 'fastify';
import pg from 'pg';

const { APP_DATABASE_URL, PORT, POOL_SIZE = '10' } = process.env;
const pool = new pg.Pool({ connectionString: APP_DATABASE_URL, max: Number(POOL_SIZE) });
const app = Fastify({ logger: false });

app.get('/teams', async (request) => {
  const { tenant, user, session } = request.query;
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    const settings = await client.query(
      `SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true),
              (SELECT revoked_at IS NULL AND expires_at > now() FROM auth_session WHERE id = $3) AS session_live`,
      [tenant, user, session],
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
