import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabaseName } from './database-config';
import { createDataSource } from './data-source';
import { migrateDatabase } from './migrate';
import { oneRow } from './one-row';

const TEAM_RESTORE = 'TeamRestore1796200300000';
const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Before this migration an archived team could share its name with a live team or with other
 * archived ones. The migration must rename those (so the new index can be built) without touching
 * any team whose name is already unique, then refuse new clashes with archived teams.
 */
describe('the team-restore migration', () => {
  const ownerUrl = withDatabaseName(serverUrl, `lena_migrate_${randomBytes(4).toString('hex')}`);
  let owner: Client;

  beforeAll(async () => {
    await migrateDatabase(ownerUrl);
    // Back to the state before this migration (undoing any later ones first), to create what the
    // old index allowed.
    const dataSource = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'lena-migrate-test' });
    await dataSource.initialize();
    const applied = async () => ((await dataSource.query('SELECT 1 FROM schema_migration WHERE name = $1', [TEAM_RESTORE])) as unknown[]).length > 0;
    while (await applied()) await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.destroy();
    owner = new Client({ connectionString: ownerUrl });
    await owner.connect();
  });

  afterAll(async () => {
    await owner?.end();
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(ownerUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  });

  it('renames archived teams whose names clash, keeps the live team’s name, and then keeps archived names taken', async () => {
    const tenant = oneRow(
      (await owner.query<{ id: string }>(`INSERT INTO tenant (name, slug, time_zone) VALUES ('Old Org', 'old-org', 'Europe/London') RETURNING id`)).rows,
      'tenant',
    ).id;
    const insert = async (name: string, archivedAt: string | null) =>
      oneRow((await owner.query<{ id: string }>('INSERT INTO team (tenant_id, name, archived_at) VALUES ($1, $2, $3) RETURNING id', [tenant, name, archivedAt])).rows, 'team').id;
    const oldArchived = await insert('Night Shift', '2026-01-10T12:00:00Z');
    const live = await insert('night shift', null);
    const laterArchived = await insert('NIGHT SHIFT', '2026-02-20T12:00:00Z');
    const earlierDayCrew = await insert('Day Crew', '2026-01-05T12:00:00Z');
    const laterDayCrew = await insert('Day Crew', '2026-03-05T12:00:00Z');
    const untouched = await insert('Lone Archived', '2026-01-01T12:00:00Z');

    const dataSource = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'lena-migrate-test' });
    await dataSource.initialize();
    try {
      expect((await dataSource.runMigrations({ transaction: 'each' })).map((migration) => migration.name)).toContain(TEAM_RESTORE);
    } finally {
      await dataSource.destroy();
    }

    const names = new Map((await owner.query<{ id: string; name: string }>('SELECT id, name FROM team WHERE tenant_id = $1', [tenant])).rows.map((row) => [row.id, row.name]));
    expect(names.get(live)).toBe('night shift');
    expect(names.get(oldArchived)).toBe(`Night Shift (archived 2026-01-10 ${oldArchived.slice(0, 8)})`);
    expect(names.get(laterArchived)).toBe(`NIGHT SHIFT (archived 2026-02-20 ${laterArchived.slice(0, 8)})`);
    expect(names.get(earlierDayCrew)).toBe('Day Crew');
    expect(names.get(laterDayCrew)).toBe(`Day Crew (archived 2026-03-05 ${laterDayCrew.slice(0, 8)})`);
    expect(names.get(untouched)).toBe('Lone Archived');

    // An archived team's name is now taken; a deleted team's is free again.
    await expect(insert('lone archived', null)).rejects.toMatchObject({ code: '23505' });
    await owner.query('UPDATE team SET deleted_at = now() WHERE id = $1', [untouched]);
    await expect(insert('lone archived', null)).resolves.toEqual(expect.any(String));
    // Only an archived team can be deleted.
    await expect(owner.query('UPDATE team SET deleted_at = now() WHERE id = $1', [live])).rejects.toMatchObject({ code: '23514' });
  });
});
