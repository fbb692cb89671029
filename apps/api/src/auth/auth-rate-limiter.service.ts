import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuthPolicy, DomainError, ErrorCode } from '@lena/domain';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Counts, in Redis (shared by every API replica), sign-in attempts per account and per address,
 * and password-reset requests per email and per address.
 *
 * A sign-in attempt spends its point BEFORE the password is checked (one atomic INCR per counter),
 * so a burst of concurrent guesses cannot all slip past a read-then-write check, and a refused
 * attempt costs a Redis round trip instead of an argon2 hash. A successful sign-in gives the
 * account its points back and the address its one; the address count otherwise only decays, so
 * one address cannot try many accounts.
 *
 * Keys hold a hash of the email, never the address itself: Redis is not where personal data lives.
 */
@Injectable()
export class AuthRateLimiter {
  private readonly signInPerAccount: RateLimiterRedis;
  private readonly signInPerAddress: RateLimiterRedis;
  private readonly resetPerEmail: RateLimiterRedis;
  private readonly resetPerAddress: RateLimiterRedis;

  constructor(redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    // Namespaced like the queues, so environments sharing one Redis keep separate counts.
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.queuePrefix}:rate:${name}`, points, duration });
    this.signInPerAccount = limiter('login-account', AuthPolicy.loginFailuresPerAccount, AuthPolicy.loginFailureWindowSeconds);
    this.signInPerAddress = limiter('login-address', AuthPolicy.loginFailuresPerAddress, AuthPolicy.loginFailureWindowSeconds);
    this.resetPerEmail = limiter('reset-email', AuthPolicy.passwordResetsPerEmail, AuthPolicy.passwordResetWindowSeconds);
    this.resetPerAddress = limiter('reset-address', AuthPolicy.passwordResetsPerAddress, AuthPolicy.passwordResetWindowSeconds);
  }

  /** Spends one attempt for the account and the address; refuses once either has none left. */
  async consumeSignInAttempt(email: string, address: string | null): Promise<void> {
    await consumeAll(
      [
        [this.signInPerAccount, emailKey(email)],
        [this.signInPerAddress, addressKey(address)],
      ],
      'Too many unsuccessful sign-in attempts.',
      'try again, or reset your password',
    );
  }

  /** The password was right: the account's attempts are forgiven, and this one of the address's. */
  async signInSucceeded(email: string, address: string | null): Promise<void> {
    await Promise.all([this.signInPerAccount.delete(emailKey(email)), this.signInPerAddress.reward(addressKey(address), 1)]);
  }

  /** Counts a reset request; refuses once either limit is spent, so nobody can flood an inbox. */
  async consumePasswordReset(email: string, address: string | null): Promise<void> {
    await consumeAll(
      [
        [this.resetPerEmail, emailKey(email)],
        [this.resetPerAddress, addressKey(address)],
      ],
      'Too many password reset requests.',
      'try again',
    );
  }
}

/** Rate-limit key of an email: a digest, so Redis never holds the address in clear. */
export function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 32);
}

function addressKey(address: string | null): string {
  return address ?? 'unknown';
}

async function consumeAll(counters: Array<[RateLimiterRedis, string]>, what: string, then: string): Promise<void> {
  const results = await Promise.allSettled(counters.map(([limiter, key]) => limiter.consume(key, 1)));
  const refused: RateLimiterRes[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') continue;
    // rate-limiter-flexible rejects with a RateLimiterRes when the points are spent, and with an
    // Error when Redis fails: the latter is not the person's fault and must not read as a limit.
    if (result.reason instanceof RateLimiterRes) refused.push(result.reason);
    else throw result.reason;
  }
  if (refused.length) throw tooMany(what, refused, then);
}

function tooMany(what: string, blocked: RateLimiterRes[], then: string): DomainError {
  const seconds = Math.max(1, Math.ceil(Math.max(...blocked.map((result) => result.msBeforeNext)) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new DomainError(ErrorCode.RATE_LIMITED, `${what} Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and ${then}.`, [], seconds);
}
