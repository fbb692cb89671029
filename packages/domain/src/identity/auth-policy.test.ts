import { AuthPolicy, expiresAt, isExpired } from './auth-policy.js';

describe('AuthPolicy', () => {
  it('keeps access tokens short and refresh sessions long', () => {
    expect(AuthPolicy.accessTokenSeconds).toBeLessThanOrEqual(15 * 60);
    expect(AuthPolicy.refreshTokenSeconds).toBeGreaterThan(AuthPolicy.accessTokenSeconds);
    expect(AuthPolicy.passwordResetSeconds).toBeLessThan(AuthPolicy.invitationSeconds);
  });

  it('hashes with at least OWASP’s argon2id minimum', () => {
    expect(AuthPolicy.argon2.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(AuthPolicy.argon2.timeCost).toBeGreaterThanOrEqual(2);
  });
});

describe('expiry', () => {
  const start = new Date('2026-03-01T12:00:00Z');

  it('expiresAt adds seconds', () => {
    expect(expiresAt(start, 3600).toISOString()).toBe('2026-03-01T13:00:00.000Z');
  });

  it('a credential has expired at its expiry instant, not a moment later', () => {
    const expiry = expiresAt(start, 60);
    expect(isExpired(expiry, new Date(expiry.getTime() - 1))).toBe(false);
    expect(isExpired(expiry, expiry)).toBe(true);
    expect(isExpired(expiry, new Date(expiry.getTime() + 1))).toBe(true);
  });
});
