import { ensureTemplateDatabase } from '@lena/database/testing';
import startTestServices from '@lena/test-services/jest-global-setup';
import { testDatabaseServerUrl, WORKER_SUITE } from './support/test-environment';

/** Once per jest run: PostgreSQL and Redis reachable, and the migrated template of this suite. */
export default async function globalSetup(): Promise<void> {
  await startTestServices();
  await ensureTemplateDatabase(testDatabaseServerUrl(), WORKER_SUITE);
}
