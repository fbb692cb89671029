import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { appUrlFor, withDatabaseName } from './database-config';
import { migrations } from './data-source';
import { migrateDatabase } from './migrate';
import { oneRow } from './one-row';

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function dropDatabases(urls: string[]): Promise<void> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const url of urls) await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

describe('migrateDatabase', () => {
  const ownerUrl = withDatabaseName(serverUrl, `lena_migrate_${randomBytes(4).toString('hex')}`);

  afterAll(() => dropDatabases([ownerUrl]));

  it('creates the database, applies every migration once and is a no-op the second time', async () => {
    expect(await migrateDatabase(ownerUrl)).toEqual(migrations.map((migration) => migration.name));
    expect(await migrateDatabase(ownerUrl)).toEqual([]);
  });

  it('lets the application role read and write, but never change or delete audit events', async () => {
    const app = new Client({ connectionString: appUrlFor(ownerUrl) });
    await app.connect();
    try {
      await app.query(`INSERT INTO audit_event (action) VALUES ('LOGIN_FAILED')`);
      expect((await app.query('SELECT count(*)::int AS n FROM audit_event')).rows[0].n).toBe(1);
      await expect(app.query(`UPDATE audit_event SET action = 'X'`)).rejects.toMatchObject({ code: '42501' });
      await expect(app.query('DELETE FROM audit_event')).rejects.toMatchObject({ code: '42501' });
      await expect(app.query('SELECT * FROM schema_migration')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.end();
    }
  });
});

describe('migrating again', () => {
  const ownerUrl = withDatabaseName(serverUrl, `lena_migrate_${randomBytes(4).toString('hex')}`);

  afterAll(() => dropDatabases([ownerUrl]));

  it('keeps the application role’s password as the operator set it (never resets it to a default)', async () => {
    await migrateDatabase(ownerUrl);
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      // A SCRAM verifier is salted afresh each time a password is set, so any reset shows.
      const verifier = async () => oneRow((await admin.query<{ v: string }>(`SELECT rolpassword AS v FROM pg_authid WHERE rolname = 'lena_app'`)).rows, 'lena_app role').v;
      const before = await verifier();
      await migrateDatabase(ownerUrl);
      expect(await verifier()).toBe(before);
    } finally {
      await admin.end();
    }
  });
});

describe('migrateDatabase run side by side', () => {
  const owners = [1, 2, 3, 4].map(() => withDatabaseName(serverUrl, `lena_migrate_${randomBytes(4).toString('hex')}`));

  afterAll(() => dropDatabases(owners));

  it('does not race on the server-wide role (several suites migrate their templates at once)', async () => {
    const results = await Promise.all(owners.map((url) => migrateDatabase(url)));
    expect(results).toEqual(owners.map(() => migrations.map((migration) => migration.name)));
  });
});
