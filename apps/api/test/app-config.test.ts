import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_OUTBOX_KEY } from '@lena/jobs';
import { configFromEnv } from '../src/config/app-config';

// The configuration alone: no services. A production API must not start with a secret an attacker
// could know or guess, since whoever holds it can sign tokens (or read queued sign-in links).
describe('configuration secrets', () => {
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://lena@127.0.0.1:5432/lena',
    LENA_JWT_SECRET: randomBytes(32).toString('base64url'),
    LENA_OUTBOX_KEY: randomBytes(32).toString('base64'),
  };

  it('starts in production with a long random signing secret and an outbox key of its own', () => {
    const config = configFromEnv(production);
    expect(Buffer.from(config.jwtSecret).toString()).toBe(production.LENA_JWT_SECRET);
    expect(config.outboxKey.toString('base64')).toBe(production.LENA_OUTBOX_KEY);
  });

  it.each([
    ['missing', undefined, /must be set in production/],
    ['empty', '', /must be set in production/],
    ['shorter than 32 bytes', 'x7Gq2vL9pR4sT1wY6zA3bC8dE5fH0jK', /shorter than 32 bytes/],
    ['the default docker/compose.yml used to ship', 'local-only-insecure-secret-change-me-9c1f7a2e4b6d8f0a', /published default/],
    ['a "change me" placeholder', 'please-change-me-before-going-live-0123456789', /published default/],
  ])('refuses a signing secret that is %s in production', (_, secret, message) => {
    expect(() => configFromEnv({ ...production, LENA_JWT_SECRET: secret })).toThrow(message);
  });

  it.each([
    ['missing', undefined, /must be set in production/],
    ['the published development key', DEVELOPMENT_OUTBOX_KEY, /development key/],
    ['not 32 bytes', randomBytes(24).toString('base64'), /32 bytes/],
  ])('refuses an outbox key that is %s in production', (_, key, message) => {
    expect(() => configFromEnv({ ...production, LENA_OUTBOX_KEY: key })).toThrow(message);
  });

  it('outside production, runs with a fresh signing secret and the development outbox key', () => {
    const config = configFromEnv({ NODE_ENV: 'development', DATABASE_URL: production.DATABASE_URL });
    expect(config.jwtSecret.length).toBe(32);
    expect(config.outboxKey.toString('base64')).toBe(DEVELOPMENT_OUTBOX_KEY);
  });
});

describe('the feedback publication delay', () => {
  const base = { NODE_ENV: 'development', DATABASE_URL: 'postgres://lena@127.0.0.1:5432/lena' };

  it('is read as whole milliseconds, 0 included', () => {
    expect(configFromEnv({ ...base, LENA_FEEDBACK_PUBLICATION_DELAY_MS: '0' }).feedbackPublicationDelayMs).toBe(0);
    expect(configFromEnv({ ...base, LENA_FEEDBACK_PUBLICATION_DELAY_MS: ' 120000 ' }).feedbackPublicationDelayMs).toBe(120_000);
  });

  it.each([['soon'], ['-1'], ['1.5'], ['1e3']])('refuses %p at start-up, naming the setting', (value) => {
    expect(() => configFromEnv({ ...base, LENA_FEEDBACK_PUBLICATION_DELAY_MS: value })).toThrow(
      `LENA_FEEDBACK_PUBLICATION_DELAY_MS must be a whole number of milliseconds (0 or more), not "${value}".`,
    );
  });
});
