import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { APP_ROLE, withDatabaseName } from './database-config';
import { createDataSource } from './data-source';

/** Any number, the same everywhere: serialises the server-wide steps below. */
const SERVER_SETUP_LOCK = 7_260_001;

/** The application role's password where nobody chose one: development and tests only. */
const DEVELOPMENT_APP_PASSWORD = 'lena_app';

/**
 * Creates the database if needed, applies pending migrations as the owner, then grants the
 * application role, which can log in but is neither superuser nor BYPASSRLS and owns nothing.
 *
 * The role's password is set when the role is created, or when `appPassword` is given: a plain
 * migration (every deploy) never resets an operator's password to the development default.
 */
export async function migrateDatabase(ownerUrl: string, appPassword?: string): Promise<string[]> {
  await prepareServer(ownerUrl, appPassword);
  const dataSource = createDataSource({ url: ownerUrl, poolSize: 1, applicationName: 'lena-migrate' });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await grantAppRole(dataSource);
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Roles and databases belong to the whole server, so several migrations running at once (test
 * suites side by side, replicas starting together) would race on them ("tuple concurrently
 * updated"). They take turns under an advisory lock held in the maintenance database, which
 * every caller shares.
 */
async function prepareServer(ownerUrl: string, appPassword: string | undefined): Promise<void> {
  const database = decodeURIComponent(new URL(ownerUrl).pathname.slice(1));
  const client = new Client({ connectionString: withDatabaseName(ownerUrl, 'postgres') });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SERVER_SETUP_LOCK]);
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    const creating = role.rowCount === 0;
    if (creating && !appPassword && process.env.NODE_ENV === 'production') {
      throw new Error(`Set APP_DATABASE_PASSWORD: the ${APP_ROLE} role does not exist yet and production must not get the development password.`);
    }
    if (creating) await client.query(`CREATE ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
    // Whatever else happened to the role, it must never be able to bypass row-level security.
    const password = appPassword ?? (creating ? DEVELOPMENT_APP_PASSWORD : undefined);
    await client.query(`ALTER ROLE ${APP_ROLE} WITH LOGIN NOSUPERUSER NOBYPASSRLS${password ? ` PASSWORD ${client.escapeLiteral(password)}` : ''}`);
  } finally {
    await client.end(); // ending the session releases the lock
  }
}

async function grantAppRole(dataSource: DataSource): Promise<void> {
  await dataSource.query(`
    GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    REVOKE ALL ON schema_migration FROM ${APP_ROLE};
    -- The audit log is append-only for the application.
    REVOKE UPDATE, DELETE ON audit_event FROM ${APP_ROLE};
    -- Programmes' pairing keys are reached only through outcome_pairing_secret(), in their own organisation.
    REVOKE ALL ON outcome_pairing_secret FROM ${APP_ROLE};
    -- People's pairing salts likewise, through outcome_link_pairing_salt() (with the link's secret) or outcome_own_pairing_salt().
    REVOKE ALL ON outcome_pairing_salt FROM ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
  `);
}
