import { Injectable } from '@nestjs/common';
import { AuditAction, DomainError, parseInput, updateProfileSchema, type Principal } from '@lena/domain';
import { screenedChangePasswordSchema } from '@lena/domain/common-passwords';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import type { ChangePasswordInput, UpdateMyProfileInput } from './dtos/account.inputs';
import { AccountRepository } from './account.repository';
import { AuthRateLimiter } from './auth-rate-limiter.service';
import { PasswordHasher } from './password-hasher.service';
import { PasswordResetRepository } from './password-reset.repository';
import { SessionService } from '../sessions/session.service';

const WRONG_CURRENT_PASSWORD = 'Your current password is not right.';

/**
 * What every signed-in person may do to their own account: their name and their password (the
 * places they are signed in are the sessions context's). Everything is keyed by the principal's
 * own user id, so no id from the request can reach another person's account.
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly limiter: AuthRateLimiter,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly accounts: AccountRepository,
    private readonly resets: PasswordResetRepository,
  ) {}

  async updateProfile(principal: Principal, input: UpdateMyProfileInput): Promise<void> {
    const { displayName } = parseInput(updateProfileSchema, input);
    await this.accounts.setDisplayName(principal.userId, displayName);
    await this.audit.record({
      action: AuditAction.PROFILE_UPDATED,
      tenantId: principal.tenantId,
      targetType: 'user_account',
      targetId: principal.userId,
      detail: { fields: ['displayName'] },
    });
  }

  /**
   * Needs the current password: a session left open on a shared screen must not be enough to take
   * the account over. A wrong one counts as a failed sign-in of the account, so this is no way
   * round the sign-in limit. Afterwards every other session ends; this one stays.
   */
  async changePassword(principal: Principal, input: ChangePasswordInput): Promise<void> {
    const values = parseInput(screenedChangePasswordSchema, input);
    const { ipAddress } = requestContext();
    const user = await this.accounts.findPasswordCheck(principal.userId);
    if (!user) throw DomainError.unauthenticated();
    await this.limiter.consumeSignInAttempt(user.email, ipAddress);
    if (!(await this.hasher.verify(user.passwordHash, values.currentPassword))) {
      // On its own connection: the request fails, but the attempt must stay on record.
      await this.audit.recordDetached({ action: AuditAction.PASSWORD_CHANGE_FAILED, tenantId: principal.tenantId, targetType: 'user_account', targetId: principal.userId });
      throw DomainError.badInput(WRONG_CURRENT_PASSWORD, [{ field: 'currentPassword', message: WRONG_CURRENT_PASSWORD }]);
    }
    await this.limiter.signInSucceeded(user.email, ipAddress);
    await this.accounts.setPasswordHash(principal.userId, await this.hasher.hash(values.newPassword));
    const ended = await this.sessions.endOtherSessionsOf(principal, 'password changed');
    // A reset link asked for before the change would otherwise still set a password afterwards.
    await this.resets.voidUnusedOf(principal.userId);
    await this.audit.record({
      action: AuditAction.PASSWORD_CHANGED,
      tenantId: principal.tenantId,
      targetType: 'user_account',
      targetId: principal.userId,
      detail: { otherSessionsEnded: ended },
    });
  }
}
