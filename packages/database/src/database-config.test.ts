import { appUrlFor, databaseNameOf, databaseUrlsFromEnv, withDatabaseName } from './database-config';

describe('database URLs', () => {
  it('derives the application role’s URL from the owner’s, keeping server and database', () => {
    expect(appUrlFor('postgres://postgres@db.internal:6543/lena')).toBe('postgres://lena_app:lena_app@db.internal:6543/lena');
    expect(appUrlFor('postgres://owner:secret@127.0.0.1:5432/lena?sslmode=require', 'p@ss')).toBe('postgres://lena_app:p%40ss@127.0.0.1:5432/lena?sslmode=require');
  });

  it('prefers an explicit APP_DATABASE_URL', () => {
    expect(databaseUrlsFromEnv({ DATABASE_URL: 'postgres://postgres@h/a', APP_DATABASE_URL: 'postgres://x@y/z' })).toEqual({
      ownerUrl: 'postgres://postgres@h/a',
      appUrl: 'postgres://x@y/z',
    });
  });

  it('swaps and reads the database name', () => {
    const url = withDatabaseName('postgres://postgres@127.0.0.1:5432/postgres', 'lena_test_1');
    expect(url).toBe('postgres://postgres@127.0.0.1:5432/lena_test_1');
    expect(databaseNameOf(url)).toBe('lena_test_1');
  });
});
