import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabaseName } from './database-config';
import { createDataSource } from './data-source';
import { migrateDatabase } from './migrate';

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The entities are the typed view of the schema the migrations build. If they drift apart, every
 * repository built on them lies. Two proofs: TypeORM's own schema builder finds nothing to change
 * in a migrated database; and the entities, built into an empty database, give the same columns,
 * constraints and indexes as the migrations, compared as PostgreSQL itself prints them (the schema
 * builder compares checks and indexes by name only).
 */
describe('the entities', () => {
  const migratedUrl = withDatabaseName(serverUrl, `lena_entities_${randomBytes(4).toString('hex')}`);
  const builtUrl = withDatabaseName(serverUrl, `lena_entities_${randomBytes(4).toString('hex')}`);

  beforeAll(() => migrateDatabase(migratedUrl));

  afterAll(async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      for (const url of [migratedUrl, builtUrl]) await admin.query(`DROP DATABASE IF EXISTS ${new URL(url).pathname.slice(1)} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });

  it('match the migrated schema: the schema builder finds nothing to change', async () => {
    const dataSource = createDataSource({ url: migratedUrl, poolSize: 1, applicationName: 'lena-entities-test' });
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('build the same columns, keys, checks and indexes as the migrations', async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${new URL(builtUrl).pathname.slice(1)}`).finally(() => admin.end());
    const dataSource = createDataSource({ url: builtUrl, poolSize: 1, applicationName: 'lena-entities-test' });
    await dataSource.initialize();
    try {
      await dataSource.synchronize();
    } finally {
      await dataSource.destroy();
    }

    const migrated = await describeSchema(migratedUrl);
    const built = await describeSchema(builtUrl);
    // Two things TypeORM cannot say, left to the migrations: an index's sort order (DESC) and an
    // index on an expression (team_name_key, on lower(name)).
    const expressible = migrated.filter((line) => !line.includes(' team_name_key ')).map((line) => line.replace(/ DESC\b/g, ''));
    expect(built).toEqual(expressible);
  });
});

/** Every column, constraint and index of the application's tables, as PostgreSQL prints them. */
async function describeSchema(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const lines = async (sql: string) => (await client.query<{ line: string }>(sql)).rows.map((row) => row.line);
    return [
      ...(await lines(`SELECT concat_ws(' ', table_name, column_name, udt_name, is_nullable, column_default, identity_generation) AS line
                         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migration' ORDER BY 1`)),
      ...(await lines(`SELECT concat_ws(' ', conrelid::regclass::text, conname, pg_get_constraintdef(oid)) AS line
                         FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> 'schema_migration' ORDER BY 1`)),
      ...(await lines(`SELECT concat_ws(' ', tablename, indexname, indexdef) AS line
                         FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'schema_migration' ORDER BY 1`)),
    ];
  } finally {
    await client.end();
  }
}
