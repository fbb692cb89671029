import { Inject, Injectable } from '@nestjs/common';
import { AuditAction, AuthPolicy, emailSchema, parseInput } from '@lena/domain';
import { screenedResetPasswordSchema } from '@lena/domain/common-passwords';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { AfterResponseWork } from '../common/after-response-work';
import { OneTimeLinks } from '../common/one-time-link';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EmailComposer } from '../notifications/email-composer.service';
import { OutboxService } from '../notifications/outbox.service';
import type { ResetPasswordInput } from './dtos/auth.inputs';
import { AuthRateLimiter } from './auth-rate-limiter.service';
import { PasswordHasher } from './password-hasher.service';
import { SessionService } from '../sessions/session.service';

const RESET_LINKS = new OneTimeLinks({
  table: 'password_reset',
  alias: 'r',
  spentColumn: 'used_at',
  lifetimeSeconds: AuthPolicy.passwordResetSeconds,
  invalidMessage: 'This reset link has expired or has already been used. Ask for a new one.',
});

@Injectable()
export class PasswordResetService {
  constructor(
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly outbox: OutboxService,
    private readonly emails: EmailComposer,
    private readonly audit: AuditService,
    private readonly limiter: AuthRateLimiter,
    private readonly afterResponse: AfterResponseWork,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Answers the same, in the same time, whether or not the address has an account: the only work
   * before the answer is the rate limit (counted per email and per address whatever the email),
   * and the lookup, the link and the email happen after the response has gone.
   */
  async request(rawEmail: string): Promise<void> {
    const { email } = parseInput(z.object({ email: emailSchema }), { email: rawEmail });
    await this.limiter.consumePasswordReset(email, requestContext().ipAddress);
    this.afterResponse.schedule(() => this.sendLink(email));
  }

  private async sendLink(email: string): Promise<void> {
    const { uow } = requestContext();
    const [user] = await uow.query<{ id: string; staff: boolean }>(
      `SELECT u.id, EXISTS (SELECT 1 FROM platform_role r WHERE r.user_id = u.id) AS staff
         FROM user_account u WHERE u.email = $1 AND u.status = 'ACTIVE' AND u.password_hash IS NOT NULL`,
      [email],
    );
    if (!user) return;
    const link = RESET_LINKS.issue();
    await RESET_LINKS.store(uow, { user_id: user.id }, link);
    const portal = user.staff ? this.config.facilitatorPortalUrl : this.config.clientPortalUrl;
    await this.outbox.queueEmail(await this.emails.passwordReset({ to: email, userId: user.id, link: `${portal}/reset-password?token=${link.token}`, expiresAt: link.expiresAt }));
    await this.audit.record({ action: AuditAction.PASSWORD_RESET_REQUESTED, actorUserId: user.id, targetType: 'user_account', targetId: user.id });
  }

  /**
   * Sets the new password, spends the link and signs the person out everywhere. The link is
   * checked first (one autocommit read) and the new password hashed before the transaction
   * starts, so argon2 never holds a pooled connection; the spend re-checks the link atomically.
   */
  async reset(input: ResetPasswordInput): Promise<void> {
    const tokenHash = RESET_LINKS.hashOf(input.token);
    const values = parseInput(screenedResetPasswordSchema, input);
    if (!(await RESET_LINKS.findUsable(this.dataSource, tokenHash, { select: '1' }))) throw RESET_LINKS.invalid();
    const passwordHash = await this.hasher.hash(values.password);

    const { uow } = requestContext();
    const reset = await RESET_LINKS.spend<{ id: string; userId: string }>(uow, tokenHash, 'id, user_id AS "userId"');
    await uow.query('UPDATE user_account SET password_hash = $2, updated_at = now() WHERE id = $1', [reset.userId, passwordHash]);
    // The person's other reset links (an earlier request, a copy in a mailbox) stop working too.
    await uow.query('UPDATE password_reset SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [reset.userId]);
    await this.sessions.revokeUserSessions(reset.userId, 'password reset');
    await this.audit.record({ action: AuditAction.PASSWORD_RESET_COMPLETED, actorUserId: reset.userId, targetType: 'user_account', targetId: reset.userId });
  }
}
