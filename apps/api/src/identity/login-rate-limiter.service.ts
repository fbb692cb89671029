import { Injectable } from '@nestjs/common';
import { AuthPolicy, DomainError, ErrorCode } from '@lena/domain';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Counts failed sign-ins per account and per address in Redis (shared by every API replica).
 * Success clears the account's count; the address count only decays, so one address cannot
 * try many accounts.
 */
@Injectable()
export class LoginRateLimiter {
  private readonly perAccount: RateLimiterRedis;
  private readonly perAddress: RateLimiterRedis;

  constructor(redis: Redis) {
    const common = { storeClient: redis, duration: AuthPolicy.loginFailureWindowSeconds, blockDuration: AuthPolicy.loginFailureWindowSeconds };
    this.perAccount = new RateLimiterRedis({ ...common, keyPrefix: 'lena:login:account', points: AuthPolicy.loginFailuresPerAccount });
    this.perAddress = new RateLimiterRedis({ ...common, keyPrefix: 'lena:login:address', points: AuthPolicy.loginFailuresPerAddress });
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const [account, ip] = await Promise.all([this.perAccount.get(email), this.perAddress.get(address)]);
    const blocked = [
      account && account.consumedPoints >= AuthPolicy.loginFailuresPerAccount ? account : null,
      ip && ip.consumedPoints >= AuthPolicy.loginFailuresPerAddress ? ip : null,
    ].filter((result): result is RateLimiterRes => result !== null);
    if (blocked.length) {
      const seconds = Math.max(1, Math.ceil(Math.max(...blocked.map((result) => result.msBeforeNext)) / 1000));
      const minutes = Math.ceil(seconds / 60);
      throw new DomainError(
        ErrorCode.RATE_LIMITED,
        `Too many unsuccessful sign-in attempts. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or reset your password.`,
        [],
        seconds,
      );
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([
      this.perAccount.penalty(email, 1),
      this.perAddress.penalty(address, 1),
    ]);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.perAccount.delete(email);
  }
}
