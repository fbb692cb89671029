import startServices from '@lena/test-services/jest-global-setup';
import { ensureTemplateDatabase } from '@lena/database/testing';

/** Finds or starts PostgreSQL and Redis, then migrates the template every test database is cloned from. */
export default async function globalSetup(): Promise<void> {
  await startServices();
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  if (!serverUrl) throw new Error('The test services did not report a PostgreSQL server.');
  await ensureTemplateDatabase(serverUrl, 'api');
}
