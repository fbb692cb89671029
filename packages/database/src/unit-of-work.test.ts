import { randomBytes } from 'node:crypto';
import { Client, type Pool, type PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { appUrlFor, withDatabaseName } from './database-config';
import { createDataSource } from './data-source';
import { TeamEntity } from './entities';
import { migrateDatabase } from './migrate';
import { UnitOfWork, withUnitOfWork } from './unit-of-work';

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Repositories use TypeORM's entity manager for simple reads and writes. It must be the unit of
 * work's own transaction: the same tenant settings (so row-level security applies), the same
 * commit, the same rollback.
 */
describe("the unit of work's entity manager", () => {
  const ownerUrl = withDatabaseName(serverUrl, `lena_uow_${randomBytes(4).toString('hex')}`);
  let dataSource: DataSource;
  const tenants: string[] = [];

  beforeAll(async () => {
    await migrateDatabase(ownerUrl);
    const owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
    try {
      for (const slug of ['uow-a', 'uow-b']) {
        const { rows } = await owner.query<{ id: string }>("INSERT INTO tenant (slug, name, time_zone) VALUES ($1, $1, 'Europe/London') RETURNING id", [slug]);
        tenants.push(rows[0]!.id);
      }
    } finally {
      await owner.end();
    }
    dataSource = await createDataSource({ url: appUrlFor(ownerUrl), poolSize: 2, applicationName: 'lena-uow-test' }).initialize();
    for (const tenantId of tenants) {
      await withUnitOfWork(dataSource, { tenantId, userId: null }, (uow) => uow.query('INSERT INTO team (tenant_id, name) VALUES ($1, $2)', [tenantId, `Team of ${tenantId}`]));
    }
  });

  afterAll(async () => {
    await dataSource?.destroy();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(ownerUrl).pathname.slice(1)} WITH (FORCE)`).finally(() => admin.end());
  });

  it("reads only the unit of work's tenant, even when asked for every row", async () => {
    const [tenantA] = tenants;
    const teams = await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => (await uow.manager()).find(TeamEntity));
    expect(teams.map((team) => team.tenantId)).toEqual([tenantA]);
  });

  it('writes in the same transaction as raw statements, and rolls back with them', async () => {
    const [tenantA] = tenants;
    await expect(
      withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => {
        const saved = await (await uow.manager()).save(TeamEntity, { tenantId: tenantA!, name: 'Rolled back' });
        // The raw statement sees the entity manager's uncommitted row: one connection, one transaction.
        const [seen] = await uow.query<{ count: number }>('SELECT count(*)::int AS count FROM team WHERE id = $1', [saved.id]);
        expect(seen!.count).toBe(1);
        throw new Error('the work failed');
      }),
    ).rejects.toThrow('the work failed');

    const after = await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => (await uow.manager()).countBy(TeamEntity, { name: 'Rolled back' }));
    expect(after).toBe(0);
  });

  it("commits with the unit of work, and another tenant's insert is refused by row-level security", async () => {
    const [tenantA, tenantB] = tenants;
    await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => {
      await (await uow.manager()).insert(TeamEntity, { tenantId: tenantA!, name: 'Committed' });
    });
    const committed = await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => (await uow.manager()).countBy(TeamEntity, { name: 'Committed' }));
    expect(committed).toBe(1);

    await expect(
      withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => (await uow.manager()).insert(TeamEntity, { tenantId: tenantB!, name: 'Smuggled' })),
    ).rejects.toThrow(/row-level security/);
  });

  it('runs a prepared statement on a plan each connection keeps, and row-level security still holds for whichever tenant runs it', async () => {
    const [tenantA, tenantB] = tenants;
    const single = createDataSource({ url: appUrlFor(ownerUrl), poolSize: 1, applicationName: 'lena-uow-prepared-test' });
    await single.initialize();
    try {
      // More runs than PostgreSQL's five custom plans, alternating tenants on the one connection, so
      // the later ones use the generic plan the connection keeps.
      for (let run = 0; run < 8; run += 1) {
        for (const tenantId of [tenantA!, tenantB!]) {
          const rows = await withUnitOfWork(single, { tenantId, userId: null }, (uow) =>
            uow.query<{ tenantId: string }>('SELECT tenant_id AS "tenantId" FROM team WHERE name LIKE $1', ['Team of %'], { prepared: true }),
          );
          expect(rows.map((row) => row.tenantId)).toEqual([tenantId]);
        }
      }
      const prepared = await withUnitOfWork(single, { tenantId: tenantA!, userId: null }, (uow) =>
        uow.query<{ count: number }>("SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement LIKE '%FROM team WHERE name LIKE%'"),
      );
      expect(prepared[0]!.count).toBe(1);
    } finally {
      await single.destroy();
    }
  });

  it('sends its statements one at a time with the raw ones', async () => {
    const [tenantA] = tenants;
    const pool = (dataSource.driver as unknown as { master: Pool }).master;
    const sent: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const watch = (client: PoolClient): void => {
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      Object.assign(client, {
        query: async (...args: unknown[]) => {
          sent.push(String(args[0]));
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          try {
            return await query(...args);
          } finally {
            running -= 1;
          }
        },
      });
    };
    pool.once('acquire', watch);
    // Side by side, as the root fields of one GraphQL document run: a slow raw statement first.
    await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => {
      const manager = await uow.manager();
      await Promise.all([uow.query('SELECT pg_sleep(0.05)'), manager.find(TeamEntity), uow.query("SELECT 'last'")]);
    });
    expect(sent).toEqual(expect.arrayContaining([expect.stringContaining('pg_sleep'), expect.stringMatching(/FROM "team"/), "SELECT 'last'"]));
    expect(mostAtOnce).toBe(1);
  });

  it('is refused on a unit of work opened on a bare pg pool, which has no entities', async () => {
    const pool = (dataSource.driver as unknown as { master: ConstructorParameters<typeof UnitOfWork>[0] }).master;
    const uow = new UnitOfWork(pool, { tenantId: null, userId: null });
    await expect(uow.manager()).rejects.toThrow(/no entity manager/);
    await uow.finish(false);
  });

  it('survives its connection being killed mid-transaction: the work fails and rolls back, and the process carries on', async () => {
    const [tenantA] = tenants;
    const warnings: string[] = [];
    const killer = new Client({ connectionString: ownerUrl });
    await killer.connect();
    try {
      const attempt = withUnitOfWork(
        dataSource,
        { tenantId: tenantA!, userId: null },
        async (uow) => {
          await uow.query('INSERT INTO team (tenant_id, name) VALUES ($1, $2)', [tenantA, 'Written before the kill']);
          const [backend] = await uow.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
          await killer.query('SELECT pg_terminate_backend($1)', [backend?.pid]);
          await uow.query('SELECT 1');
        },
        { logger: { warn: (message) => warnings.push(message) } },
      );
      await expect(attempt).rejects.toThrow();
    } finally {
      await killer.end();
    }
    // Without a listener on the checked-out connection, its end would be an unhandled 'error' event.
    expect(warnings.join('\n')).toMatch(/connection was lost/);
    const names = await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, (uow) =>
      uow.query<{ name: string }>('SELECT name FROM team WHERE tenant_id = $1', [tenantA]),
    );
    expect(names.map((row) => row.name)).not.toContain('Written before the kill');
  });

  describe('a first statement sent with the start', () => {
    /** Every message the unit of work's connection is sent, in order. */
    function recordMessages(): string[] {
      const pool = (dataSource.driver as unknown as { master: Pool }).master;
      const sent: string[] = [];
      pool.once('acquire', (client: PoolClient) => {
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        Object.assign(client, { query: (...args: unknown[]) => (sent.push(String(args[0])), query(...args)) });
      });
      return sent;
    }

    it("travels in one round trip with BEGIN and the settings, sees only the unit of work's tenant, and commits or rolls back with the rest", async () => {
      const [tenantA] = tenants;
      const sent = recordMessages();
      await expect(
        withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => {
          // Every tenant's teams asked for, with no filter of its own: row-level security needs the settings in force already.
          const first = await uow.queryAtStart<{ tenant_id: string; setting: string }>(
            "INSERT INTO team (tenant_id, name) VALUES ($1, 'Sent with the start') RETURNING tenant_id, current_setting('app.tenant_id') AS setting",
            [tenantA!],
          );
          expect(first).toEqual([{ tenant_id: tenantA, setting: tenantA }]);
          const seen = await uow.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM team');
          expect(seen).toEqual([{ tenant_id: tenantA }]);
          throw new Error('the work failed');
        }),
      ).rejects.toThrow('the work failed');
      expect(sent[0]).toMatch(/^BEGIN; SELECT set_config\('app\.tenant_id', '[0-9a-f-]{36}', true\), set_config\('app\.user_id', '', true\); INSERT INTO team/);
      expect(sent.slice(1)).toEqual(['SELECT DISTINCT tenant_id FROM team', 'ROLLBACK']);
      const kept = await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, (uow) =>
        uow.query<{ count: number }>("SELECT count(*)::int AS count FROM team WHERE name = 'Sent with the start'"),
      );
      expect(kept).toEqual([{ count: 0 }]);
    });

    it('takes only ids as its values, and sends nothing when given anything else', async () => {
      const [tenantA] = tenants;
      const sent = recordMessages();
      const uow = new UnitOfWork(dataSource, { tenantId: tenantA!, userId: null });
      await expect(uow.queryAtStart('SELECT id FROM team WHERE name = $1', ["'; DROP TABLE team; --"])).rejects.toThrow(/Only ids/);
      await uow.finish(false);
      expect(sent).toEqual([]);
      const [teams] = await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, (uow) => uow.query<{ count: number }>('SELECT count(*)::int AS count FROM team'));
      expect(teams!.count).toBeGreaterThan(0);
    });

    it('runs as an ordinary statement, after those asked for before it, once the unit of work has begun', async () => {
      const [tenantA] = tenants;
      const sent = recordMessages();
      await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => {
        const [earlier, first] = await Promise.all([uow.query("SELECT 'earlier' AS said"), uow.queryAtStart('SELECT $1::uuid AS tenant', [tenantA!])]);
        expect([earlier, first]).toEqual([[{ said: 'earlier' }], [{ tenant: tenantA }]]);
      });
      expect(sent).toEqual([expect.stringMatching(/^BEGIN; SELECT set_config/), "SELECT 'earlier' AS said", 'SELECT $1::uuid AS tenant', 'COMMIT']);
    });

    it('fails the work when it fails, leaving nothing written, and a rollback after it has nothing to undo', async () => {
      const [tenantA, tenantB] = tenants;
      const uow = new UnitOfWork(dataSource, { tenantId: tenantA!, userId: null });
      // Another tenant's row: refused by row-level security within the start itself.
      await expect(uow.queryAtStart("INSERT INTO team (tenant_id, name) VALUES ($1, 'Smuggled at the start')", [tenantB!])).rejects.toThrow(/row-level security/);
      await expect(uow.finish(false)).resolves.toBeUndefined();
      const after = await withUnitOfWork(dataSource, { tenantId: tenantB!, userId: null }, (work) =>
        work.query<{ count: number }>("SELECT count(*)::int AS count FROM team WHERE name = 'Smuggled at the start'"),
      );
      expect(after).toEqual([{ count: 0 }]);
    });
  });

  describe('a write sent with COMMIT', () => {
    function recordMessages(): string[] {
      const pool = (dataSource.driver as unknown as { master: Pool }).master;
      const sent: string[] = [];
      pool.once('acquire', (client: PoolClient) => {
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        Object.assign(client, { query: (...args: unknown[]) => (sent.push(String(args[0])), query(...args)) });
      });
      return sent;
    }
    const namesOf = (tenantId: string, like: string) =>
      withUnitOfWork(dataSource, { tenantId, userId: null }, async (uow) =>
        (await uow.query<{ name: string }>('SELECT name FROM team WHERE tenant_id = $1 AND name LIKE $2 ORDER BY name', [tenantId, like])).map((row) => row.name),
      );

    it('travels in the same round trip as COMMIT, with its values exactly as given, quotes and backslashes and all', async () => {
      const [tenantA] = tenants;
      const sent = recordMessages();
      const awkward = ["Sent with COMMIT 'quoted'); DROP TABLE team; --", 'Sent with COMMIT \\ "both" \\\'', 'Sent with COMMIT {braces}, commas'];
      await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => {
        await uow.query('SELECT 1');
        uow.writeWithCommit('INSERT INTO team (tenant_id, name) SELECT $1::uuid, n FROM unnest($2::text[]) AS n', [tenantA!, awkward]);
        uow.writeWithCommit('INSERT INTO team (tenant_id, name) VALUES ($1::uuid, $2)', [tenantA!, awkward[0]!.replace('Sent with COMMIT', 'Sent with COMMIT alone')]);
      });
      expect(sent).toHaveLength(3);
      expect(sent[2]).toMatch(/^INSERT INTO team[^]*;\nINSERT INTO team[^]*;\nCOMMIT$/);
      expect((await namesOf(tenantA!, 'Sent with COMMIT%')).sort()).toEqual([...awkward, awkward[0]!.replace('Sent with COMMIT', 'Sent with COMMIT alone')].sort());
    });

    it('is dropped when the unit of work rolls back', async () => {
      const [tenantA] = tenants;
      await expect(
        withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => {
          uow.writeWithCommit("INSERT INTO team (tenant_id, name) VALUES ($1::uuid, 'Never committed')", [tenantA!]);
          throw new Error('the work failed');
        }),
      ).rejects.toThrow('the work failed');
      expect(await namesOf(tenantA!, 'Never committed')).toEqual([]);
    });

    it('fails the commit when it fails, and nothing of the unit of work is kept', async () => {
      const [tenantA, tenantB] = tenants;
      await expect(
        withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => {
          await uow.query("INSERT INTO team (tenant_id, name) VALUES ($1, 'Before a failed commit')", [tenantA]);
          // Another tenant's row: refused by row-level security, at the commit.
          uow.writeWithCommit("INSERT INTO team (tenant_id, name) VALUES ($1::uuid, 'Smuggled at the commit')", [tenantB!]);
        }),
      ).rejects.toThrow(/row-level security/);
      expect(await namesOf(tenantA!, 'Before a failed commit')).toEqual([]);
      expect(await namesOf(tenantB!, 'Smuggled at the commit')).toEqual([]);
    });

    it('begins a transaction to commit in when it is all the unit of work does', async () => {
      const [tenantA] = tenants;
      const sent = recordMessages();
      await withUnitOfWork(dataSource, { tenantId: tenantA!, userId: null }, async (uow) => {
        uow.writeWithCommit("INSERT INTO team (tenant_id, name) VALUES ($1::uuid, 'Only written at the commit')", [tenantA!]);
        return Promise.resolve();
      });
      expect(sent).toEqual([expect.stringMatching(/^BEGIN; SELECT set_config/), expect.stringMatching(/Only written at the commit[^]*COMMIT$/)]);
      expect(await namesOf(tenantA!, 'Only written at the commit')).toEqual(['Only written at the commit']);
    });
  });
});
