import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrations } from '../data-source';
import { appUrlFor, databaseNameOf, withDatabaseName } from '../database-config';
import { migrateDatabase } from '../migrate';

/**
 * Each test file gets a database of its own, cloned from a migrated template (a file copy, far
 * faster than migrating again). The template's name carries a digest of the migration list, so
 * checkouts with different migrations (branches tested side by side on one server) never share one.
 */
export function templateDatabaseName(suite: string): string {
  const digest = createHash('sha256')
    .update(migrations.map((migration) => migration.name).join(','))
    .digest('hex')
    .slice(0, 10);
  return `lena_template_${suite.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${digest}`;
}

/** Each suite (package) has its own template, so suites running side by side never collide. */
export async function ensureTemplateDatabase(serverUrl: string, suite: string): Promise<void> {
  const template = templateDatabaseName(suite);
  const templateUrl = withDatabaseName(serverUrl, template);
  await migrateDatabase(templateUrl);
  // Nobody may stay connected to a template while it is being cloned.
  await withAdminClient(serverUrl, (client) => client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [template]));
}

export interface TestDatabase {
  ownerUrl: string;
  appUrl: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(serverUrl: string, suite: string): Promise<TestDatabase> {
  const name = `lena_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabaseName(suite)}`));
  const ownerUrl = withDatabaseName(serverUrl, name);
  return {
    ownerUrl,
    appUrl: appUrlFor(ownerUrl),
    drop: () => withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withAdminClient<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabaseName(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export { databaseNameOf };
