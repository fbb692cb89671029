import type { DataSource } from 'typeorm';
import { APP_ROLE } from './database-config';
import { createDataSource } from './data-source';

/**
 * Applies pending migrations as the owner, then (re)grants the application role. The role is
 * created when missing; it can log in, but is neither superuser nor BYPASSRLS and owns nothing.
 */
export async function migrateDatabase(ownerUrl: string, appPassword = 'lena_app'): Promise<string[]> {
  await createDatabaseIfMissing(ownerUrl);
  const dataSource = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'lena-migrate' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await grantAppRole(dataSource, appPassword);
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

async function grantAppRole(dataSource: DataSource, appPassword: string): Promise<void> {
  await dataSource.query(`
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
      END IF;
    END
    $$;
  `);
  await dataSource.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '${appPassword.replace(/'/g, "''")}'`);
  await dataSource.query(`
    GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    REVOKE ALL ON schema_migration FROM ${APP_ROLE};
    -- The audit log is append-only for the application.
    REVOKE UPDATE, DELETE ON audit_event FROM ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
  `);
}

async function createDatabaseIfMissing(ownerUrl: string): Promise<void> {
  const { Client } = await import('pg');
  const url = new URL(ownerUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
