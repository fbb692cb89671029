import { Injectable } from '@nestjs/common';
import { AuditAction, DomainError, parseInput, updateProfileSchema, uuidSchema, type Principal } from '@lena/domain';
import { screenedChangePasswordSchema } from '@lena/domain/common-passwords';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import type { AccountSession } from './dtos/account-session.type';
import type { ChangePasswordInput, UpdateMyProfileInput } from './dtos/account.inputs';
import { AuthRateLimiter } from './auth-rate-limiter.service';
import { PasswordHasher } from './password-hasher.service';
import { describeUserAgent } from './user-agent';

const WRONG_CURRENT_PASSWORD = 'Your current password is not right.';
const SESSION = 'That session';

/**
 * What every signed-in person may do to their own account: their name, their password and the
 * places they are signed in. Every statement is keyed by the principal's own user id, so no id
 * from the request can reach another person's account (auth_session has no row-level security:
 * this service is the wall).
 */
@Injectable()
export class AccountService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly limiter: AuthRateLimiter,
    private readonly audit: AuditService,
  ) {}

  async updateProfile(principal: Principal, input: UpdateMyProfileInput): Promise<void> {
    const { displayName } = parseInput(updateProfileSchema, input);
    await requestContext().uow.query('UPDATE user_account SET display_name = $2, updated_at = now() WHERE id = $1', [principal.userId, displayName]);
    await this.audit.record({ action: AuditAction.PROFILE_UPDATED, tenantId: principal.tenantId, targetType: 'user_account', targetId: principal.userId, detail: { fields: ['displayName'] } });
  }

  /**
   * Needs the current password: a session left open on a shared screen must not be enough to take
   * the account over. A wrong one counts as a failed sign-in of the account, so this is no way
   * round the sign-in limit. Afterwards every other session ends; this one stays.
   */
  async changePassword(principal: Principal, input: ChangePasswordInput): Promise<void> {
    const values = parseInput(screenedChangePasswordSchema, input);
    const { uow, ipAddress } = requestContext();
    const [user] = await uow.query<{ email: string; passwordHash: string | null }>(
      'SELECT email, password_hash AS "passwordHash" FROM user_account WHERE id = $1',
      [principal.userId],
    );
    if (!user) throw DomainError.unauthenticated();
    await this.limiter.consumeSignInAttempt(user.email, ipAddress);
    if (!(await this.hasher.verify(user.passwordHash, values.currentPassword))) {
      // On its own connection: the request fails, but the attempt must stay on record.
      await this.audit.recordDetached({ action: AuditAction.PASSWORD_CHANGE_FAILED, tenantId: principal.tenantId, targetType: 'user_account', targetId: principal.userId });
      throw DomainError.badInput(WRONG_CURRENT_PASSWORD, [{ field: 'currentPassword', message: WRONG_CURRENT_PASSWORD }]);
    }
    await this.limiter.signInSucceeded(user.email, ipAddress);
    await uow.query('UPDATE user_account SET password_hash = $2, updated_at = now() WHERE id = $1', [principal.userId, await this.hasher.hash(values.newPassword)]);
    const ended = await this.endSessions(principal, 'password changed');
    // A reset link asked for before the change would otherwise still set a password afterwards.
    await uow.query('UPDATE password_reset SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [principal.userId]);
    await this.audit.record({ action: AuditAction.PASSWORD_CHANGED, tenantId: principal.tenantId, targetType: 'user_account', targetId: principal.userId, detail: { otherSessionsEnded: ended } });
  }

  /** The person's live sessions, this one first, then the most recently active. */
  async sessions(principal: Principal): Promise<AccountSession[]> {
    const rows = await requestContext().uow.query<{ id: string; userAgent: string | null; ipAddress: string | null; startedAt: Date; lastActiveAt: Date }>(
      `SELECT s.id, s.user_agent AS "userAgent", host(s.ip_address) AS "ipAddress", s.created_at AS "startedAt",
              coalesce((SELECT max(r.created_at) FROM refresh_token r WHERE r.session_id = s.id), s.created_at) AS "lastActiveAt"
         FROM auth_session s
        WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
        ORDER BY (s.id = $2) DESC, "lastActiveAt" DESC, s.id`,
      [principal.userId, principal.sessionId],
    );
    return rows.map(({ userAgent, ...row }) => ({ ...row, device: describeUserAgent(userAgent), current: row.id === principal.sessionId }));
  }

  /** Ends one of the person's other sessions. Anyone else's session answers as one that does not exist. */
  async endSession(principal: Principal, sessionId: string): Promise<void> {
    if (!uuidSchema.safeParse(sessionId).success) throw DomainError.notFound(SESSION);
    if (sessionId === principal.sessionId) throw DomainError.conflict('This is the session you are using now. To end it, sign out.');
    const [ended] = await requestContext().uow.query<{ id: string }>(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = 'ended by its owner'
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()
        RETURNING id`,
      [sessionId, principal.userId],
    );
    if (!ended) throw DomainError.notFound(SESSION);
    await this.audit.record({ action: AuditAction.SESSION_ENDED, tenantId: principal.tenantId, targetType: 'auth_session', targetId: sessionId });
  }

  /** Ends every session of the person but this one; returns how many ended. */
  async endOtherSessions(principal: Principal): Promise<number> {
    const ended = await this.endSessions(principal, 'ended by its owner');
    await this.audit.record({ action: AuditAction.OTHER_SESSIONS_ENDED, tenantId: principal.tenantId, targetType: 'user_account', targetId: principal.userId, detail: { count: ended } });
    return ended;
  }

  private async endSessions(principal: Principal, reason: string): Promise<number> {
    const rows = await requestContext().uow.query<{ id: string }>(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $3
        WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL
        RETURNING id`,
      [principal.userId, principal.sessionId, reason],
    );
    return rows.length;
  }
}
