import { Inject, Injectable } from '@nestjs/common';
import { AuthPolicy, DomainError, ErrorCode } from '@lena/domain';
import { Redis } from 'ioredis';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Counts, in Redis (shared by every API replica), failed sign-ins per account and per address,
 * and password-reset requests per address and per email. A successful sign-in clears the
 * account's count; the address count only decays, so one address cannot try many accounts.
 */
@Injectable()
export class AuthRateLimiter {
  private readonly loginPerAccount: RateLimiterRedis;
  private readonly loginPerAddress: RateLimiterRedis;
  private readonly resetPerEmail: RateLimiterRedis;
  private readonly resetPerAddress: RateLimiterRedis;

  constructor(redis: Redis, @Inject(APP_CONFIG) config: AppConfig) {
    // Namespaced like the queues, so environments sharing one Redis keep separate counts.
    const limiter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.queuePrefix}:rate:${name}`, points, duration });
    this.loginPerAccount = limiter('login-account', AuthPolicy.loginFailuresPerAccount, AuthPolicy.loginFailureWindowSeconds);
    this.loginPerAddress = limiter('login-address', AuthPolicy.loginFailuresPerAddress, AuthPolicy.loginFailureWindowSeconds);
    this.resetPerEmail = limiter('reset-email', AuthPolicy.passwordResetsPerEmail, AuthPolicy.passwordResetWindowSeconds);
    this.resetPerAddress = limiter('reset-address', AuthPolicy.passwordResetsPerAddress, AuthPolicy.passwordResetWindowSeconds);
  }

  async assertLoginAllowed(email: string, address: string): Promise<void> {
    const [account, ip] = await Promise.all([this.loginPerAccount.get(email), this.loginPerAddress.get(address)]);
    const blocked = [
      exhausted(account, AuthPolicy.loginFailuresPerAccount),
      exhausted(ip, AuthPolicy.loginFailuresPerAddress),
    ].filter((result): result is RateLimiterRes => result !== null);
    if (blocked.length) throw tooMany('Too many unsuccessful sign-in attempts.', blocked, 'try again, or reset your password');
  }

  async recordLoginFailure(email: string, address: string): Promise<void> {
    await Promise.all([this.loginPerAccount.penalty(email, 1), this.loginPerAddress.penalty(address, 1)]);
  }

  async recordLoginSuccess(email: string): Promise<void> {
    await this.loginPerAccount.delete(email);
  }

  /** Counts a reset request; refuses once either limit is spent, so nobody can flood an inbox. */
  async consumePasswordReset(email: string, address: string): Promise<void> {
    const [byEmail, byAddress] = await Promise.all([this.resetPerEmail.penalty(email, 1), this.resetPerAddress.penalty(address, 1)]);
    const blocked = [
      byEmail.consumedPoints > AuthPolicy.passwordResetsPerEmail ? byEmail : null,
      byAddress.consumedPoints > AuthPolicy.passwordResetsPerAddress ? byAddress : null,
    ].filter((result): result is RateLimiterRes => result !== null);
    if (blocked.length) throw tooMany('Too many password reset requests.', blocked, 'try again');
  }
}

function exhausted(result: RateLimiterRes | null, limit: number): RateLimiterRes | null {
  return result && result.consumedPoints >= limit ? result : null;
}

function tooMany(what: string, blocked: RateLimiterRes[], then: string): DomainError {
  const seconds = Math.max(1, Math.ceil(Math.max(...blocked.map((result) => result.msBeforeNext)) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new DomainError(ErrorCode.RATE_LIMITED, `${what} Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and ${then}.`, [], seconds);
}
