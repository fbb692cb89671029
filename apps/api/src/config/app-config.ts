import { randomBytes } from 'node:crypto';
import { databaseUrlsFromEnv } from '@lena/database';
import { parseTrustedProxies, type TrustedProxies } from './trusted-proxies';

/** Everything the API reads from its environment, read once at start-up. */
export interface AppConfig {
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string;
  appDatabaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  queuePrefix: string;
  jwtSecret: Uint8Array;
  cookieSecure: boolean;
  /** Proxies whose X-Forwarded-For is believed (see trusted-proxies.ts). */
  trustedProxies: TrustedProxies;
  clientPortalUrl: string;
  facilitatorPortalUrl: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const { ownerUrl, appUrl } = databaseUrlsFromEnv(env);
  if (production && !env.LENA_JWT_SECRET) {
    throw new Error('LENA_JWT_SECRET must be set in production (32 random bytes or more).');
  }
  return {
    production,
    port: Number(env.PORT ?? 4000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: ownerUrl,
    appDatabaseUrl: appUrl,
    databasePoolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    queuePrefix: env.LENA_QUEUE_PREFIX || '{lena}',
    // Without a configured secret (development, tests) every start gets a fresh one.
    jwtSecret: env.LENA_JWT_SECRET ? new TextEncoder().encode(env.LENA_JWT_SECRET) : randomBytes(32),
    cookieSecure: env.LENA_COOKIE_SECURE !== 'false',
    trustedProxies: parseTrustedProxies(env.LENA_TRUSTED_PROXIES),
    clientPortalUrl: env.PUBLIC_CLIENT_PORTAL_URL || 'http://localhost:5173',
    facilitatorPortalUrl: env.PUBLIC_FACILITATOR_PORTAL_URL || 'http://localhost:5174',
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
