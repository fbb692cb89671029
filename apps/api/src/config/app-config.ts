import { randomBytes } from 'node:crypto';
import { databaseUrlsFromEnv } from '@lena/database';
import { DEFAULT_FEEDBACK_PUBLICATION_DELAY_MS, outboxKeyFromEnv } from '@lena/jobs';
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
  /** Seals email bodies in the outbox (LENA_OUTBOX_KEY); the worker opens them with the same key. */
  outboxKey: Buffer;
  cookieSecure: boolean;
  /** Proxies whose X-Forwarded-For is believed (see trusted-proxies.ts). */
  trustedProxies: TrustedProxies;
  clientPortalUrl: string;
  facilitatorPortalUrl: string;
  /**
   * How long after an answer its session's results are considered for publication
   * (LENA_FEEDBACK_PUBLICATION_DELAY_MS, default DEFAULT_FEEDBACK_PUBLICATION_DELAY_MS): the answers
   * arriving meanwhile make one publication job, not one each.
   */
  feedbackPublicationDelayMs: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const production = env.NODE_ENV === 'production';
  const { ownerUrl, appUrl } = databaseUrlsFromEnv(env);
  if (production) checkProductionJwtSecret(env.LENA_JWT_SECRET);
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
    outboxKey: outboxKeyFromEnv(env),
    cookieSecure: env.LENA_COOKIE_SECURE !== 'false',
    trustedProxies: parseTrustedProxies(env.LENA_TRUSTED_PROXIES),
    clientPortalUrl: env.PUBLIC_CLIENT_PORTAL_URL || 'http://localhost:5173',
    facilitatorPortalUrl: env.PUBLIC_FACILITATOR_PORTAL_URL || 'http://localhost:5174',
    feedbackPublicationDelayMs: millisecondsFromEnv(env, 'LENA_FEEDBACK_PUBLICATION_DELAY_MS', DEFAULT_FEEDBACK_PUBLICATION_DELAY_MS),
  };
}

/** A whole number of milliseconds, 0 or more, from `name`; `fallback` when it is unset or empty. */
function millisecondsFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new Error(`${name} must be a whole number of milliseconds (0 or more), not "${env[name]}".`);
  return Number(text);
}

/** HS256 wants a key at least as long as its 32-byte hash. */
const MIN_JWT_SECRET_BYTES = 32;

/**
 * Secrets that have been published (shipped as defaults in this repository): anyone could sign
 * tokens with them. Lowercased, as they are compared.
 */
const PUBLISHED_JWT_SECRETS = new Set(['local-only-insecure-secret-change-me-9c1f7a2e4b6d8f0a', 'changeme', 'change-me', 'secret']);

/** Production signs tokens only with a secret that is set, long enough and not a known default. */
function checkProductionJwtSecret(secret: string | undefined): void {
  const advice = 'Set LENA_JWT_SECRET to 32 random bytes or more (openssl rand -base64 48).';
  if (!secret) throw new Error(`LENA_JWT_SECRET must be set in production. ${advice}`);
  if (Buffer.byteLength(secret, 'utf8') < MIN_JWT_SECRET_BYTES) throw new Error(`LENA_JWT_SECRET is shorter than ${MIN_JWT_SECRET_BYTES} bytes. ${advice}`);
  if (PUBLISHED_JWT_SECRETS.has(secret.trim().toLowerCase()) || /change[-_ ]?me|insecure/i.test(secret)) {
    throw new Error(`LENA_JWT_SECRET is a published default. ${advice}`);
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
