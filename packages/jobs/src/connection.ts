import { DEFAULT_QUEUE_PREFIX, DEFAULT_REDIS_URL } from './constants';

export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.REDIS_URL || DEFAULT_REDIS_URL;
}

/** The key prefix of every queue: LENA_QUEUE_PREFIX (tests isolate themselves with it) or `{lena}`. */
export function queuePrefixFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return assertClusterSafePrefix(env.LENA_QUEUE_PREFIX || DEFAULT_QUEUE_PREFIX);
}

/**
 * A prefix must contain a non-empty Redis Cluster hash tag (`{…}`) so that every key of a queue
 * lands in one slot. Returns the prefix, or throws.
 */
export function assertClusterSafePrefix(prefix: string): string {
  if (!/\{[^{}]+\}/.test(prefix)) {
    throw new Error(`Queue prefix "${prefix}" must contain a Redis Cluster hash tag such as "{lena}".`);
  }
  return prefix;
}
