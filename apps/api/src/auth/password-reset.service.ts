import { Inject, Injectable } from '@nestjs/common';
import { AuditAction, emailSchema, mayResetPassword, parseInput } from '@lena/domain';
import { screenedResetPasswordSchema } from '@lena/domain/common-passwords';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { AfterResponseWork } from '../common/after-response-work';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EmailComposer } from '../notifications/email-composer.service';
import { OutboxService } from '../notifications/outbox.service';
import type { ResetPasswordInput } from './dtos/auth.inputs';
import { AccountRepository } from './account.repository';
import { AuthRateLimiter } from './auth-rate-limiter.service';
import { PasswordHasher } from './password-hasher.service';
import { PASSWORD_RESET_LINKS, PasswordResetRepository } from './password-reset.repository';
import { SessionService } from '../sessions/session.service';

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
    private readonly accounts: AccountRepository,
    private readonly resets: PasswordResetRepository,
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
    const account = await this.accounts.findResettable(email);
    if (!account || !mayResetPassword(account)) return;
    const link = PASSWORD_RESET_LINKS.issue();
    await this.resets.store(account.id, link);
    const portal = account.staff ? this.config.facilitatorPortalUrl : this.config.clientPortalUrl;
    await this.outbox.queueEmail(
      await this.emails.passwordReset({ to: email, userId: account.id, link: `${portal}/reset-password?token=${link.token}`, expiresAt: link.expiresAt }),
    );
    await this.audit.record({ action: AuditAction.PASSWORD_RESET_REQUESTED, actorUserId: account.id, targetType: 'user_account', targetId: account.id });
  }

  /**
   * Sets the new password, spends the link and signs the person out everywhere. The link is
   * checked first (one autocommit read) and the new password hashed before the transaction
   * starts, so argon2 never holds a pooled connection; the spend re-checks the link atomically.
   */
  async reset(input: ResetPasswordInput): Promise<void> {
    const tokenHash = PASSWORD_RESET_LINKS.hashOf(input.token);
    const values = parseInput(screenedResetPasswordSchema, input);
    if (!(await this.resets.isUsable(tokenHash))) throw PASSWORD_RESET_LINKS.invalid();
    const passwordHash = await this.hasher.hash(values.password);

    const { userId } = await this.resets.spend(tokenHash);
    await this.accounts.setPasswordHash(userId, passwordHash);
    // The person's other reset links (an earlier request, a copy in a mailbox) stop working too.
    await this.resets.voidUnusedOf(userId);
    await this.sessions.revokeUserSessions(userId, 'password reset');
    await this.audit.record({ action: AuditAction.PASSWORD_RESET_COMPLETED, actorUserId: userId, targetType: 'user_account', targetId: userId });
  }
}
