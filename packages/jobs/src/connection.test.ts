import { assertClusterSafePrefix, queuePrefixFromEnv, redisUrlFromEnv } from './connection';
import { defaultJobOptions } from './job-options';

describe('queue connection settings', () => {
  it('defaults the prefix to the {lena} hash tag and lets LENA_QUEUE_PREFIX override it', () => {
    expect(queuePrefixFromEnv({})).toBe('{lena}');
    expect(queuePrefixFromEnv({ LENA_QUEUE_PREFIX: '{lena-test-1}' })).toBe('{lena-test-1}');
  });

  it('refuses a prefix without a hash tag, which would scatter keys across cluster slots', () => {
    expect(() => assertClusterSafePrefix('lena')).toThrow(/hash tag/);
    expect(() => assertClusterSafePrefix('{}')).toThrow(/hash tag/);
    expect(() => queuePrefixFromEnv({ LENA_QUEUE_PREFIX: 'bull' })).toThrow(/hash tag/);
  });

  it('reads REDIS_URL with a local default', () => {
    expect(redisUrlFromEnv({})).toBe('redis://127.0.0.1:6379');
    expect(redisUrlFromEnv({ REDIS_URL: 'redis://cache:6380/2' })).toBe('redis://cache:6380/2');
  });

  it('retries 8 times with exponential backoff from 2 s and cleans finished jobs up by age', () => {
    const options = defaultJobOptions();
    expect(options.attempts).toBe(8);
    expect(options.backoff).toMatchObject({ type: 'exponential', delay: 2000 });
    expect(options.removeOnComplete).toMatchObject({ age: expect.any(Number) });
    expect(options.removeOnFail).toMatchObject({ age: expect.any(Number) });
    expect(defaultJobOptions({ backoffDelayMs: 10, attempts: 3 })).toMatchObject({ attempts: 3, backoff: { delay: 10 } });
  });
});
