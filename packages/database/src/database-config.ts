/**
 * Two connections to one database: the owner's (migrations, test set-up) and the application's.
 * The application role owns nothing and cannot bypass row-level security, so a missing tenant
 * setting can only ever mean "no rows".
 */
export const APP_ROLE = 'lena_app';
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/lena';

export interface DatabaseUrls {
  ownerUrl: string;
  appUrl: string;
}

export function databaseUrlsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseUrls {
  const ownerUrl = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  return { ownerUrl, appUrl: env.APP_DATABASE_URL || appUrlFor(ownerUrl, env.APP_DATABASE_PASSWORD) };
}

/** The same server and database as the owner's URL, signed in as the application role. */
export function appUrlFor(ownerUrl: string, password = 'lena_app'): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}

export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}
