import { databaseUrlsFromEnv } from '../database-config';
import { migrateDatabase } from '../migrate';

migrateDatabase(databaseUrlsFromEnv().ownerUrl, process.env.APP_DATABASE_PASSWORD)
  .then((applied) => {
    console.log(applied.length ? `Applied ${applied.join(', ')}.` : 'The database is up to date.');
  })
  .catch((error: unknown) => {
    console.error('Migration failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
