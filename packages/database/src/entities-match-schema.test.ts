import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabaseName } from './database-config';
import { createDataSource } from './data-source';
import { migrateDatabase } from './migrate';

const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The entities are the typed view of the schema the migrations build. If they drift apart, every
 * repository built on them lies, so TypeORM's own schema builder is asked what it would change to
 * make the database match the entities: the answer must be nothing.
 */
describe('the entities', () => {
  const ownerUrl = withDatabaseName(serverUrl, `lena_entities_${randomBytes(4).toString('hex')}`);

  beforeAll(() => migrateDatabase(ownerUrl));

  afterAll(async () => {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${new URL(ownerUrl).pathname.slice(1)} WITH (FORCE)`);
    await admin.end();
  });

  it('match the migrated schema: the schema builder finds nothing to change', async () => {
    const dataSource = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'lena-entities-test' });
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
