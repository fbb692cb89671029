import { Inject, Injectable } from '@nestjs/common';
import { AuditAction, AuthPolicy, DomainError, emailSchema, expiresAt, parseInput, resetPasswordSchema, tokenSchema } from '@lena/domain';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { passwordResetEmail } from '../notifications/email-templates';
import { OutboxService } from '../notifications/outbox.service';
import type { ResetPasswordInput } from './dtos/identity.inputs';
import { AuthRateLimiter } from './auth-rate-limiter.service';
import { PasswordHasher } from './password-hasher.service';
import { SessionService } from './session.service';
import { TokenService } from './token.service';

const INVALID_LINK = 'This reset link has expired or has already been used. Ask for a new one.';

@Injectable()
export class PasswordResetService {
  constructor(
    private readonly tokens: TokenService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly limiter: AuthRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Answers the same whether or not the address has an account, so accounts cannot be discovered. */
  async request(rawEmail: string): Promise<void> {
    const { email } = parseInput(z.object({ email: emailSchema }), { email: rawEmail });
    const { uow } = requestContext();
    const [user] = await uow.query<{ id: string; staff: boolean }>(
      `SELECT u.id, EXISTS (SELECT 1 FROM platform_role r WHERE r.user_id = u.id) AS staff
         FROM user_account u WHERE u.email = $1 AND u.status = 'ACTIVE' AND u.password_hash IS NOT NULL`,
      [email],
    );
    if (!user) return;
    const { token, hash } = this.tokens.newOpaqueToken();
    await uow.query('INSERT INTO password_reset (user_id, token_hash, expires_at) VALUES ($1, $2, $3)', [
      user.id,
      hash,
      expiresAt(new Date(), AuthPolicy.passwordResetSeconds),
    ]);
    const portal = user.staff ? this.config.facilitatorPortalUrl : this.config.clientPortalUrl;
    await this.outbox.queueEmail(passwordResetEmail({ to: email, link: `${portal}/reset-password?token=${token}` }));
    await this.audit.record({ action: AuditAction.PASSWORD_RESET_REQUESTED, actorUserId: user.id, targetType: 'user_account', targetId: user.id });
  }

  /** Sets the new password, spends the link and signs the person out everywhere. */
  async reset(input: ResetPasswordInput): Promise<void> {
    if (!tokenSchema.safeParse(input.token).success) throw DomainError.badInput(INVALID_LINK, [{ field: 'token', message: INVALID_LINK }]);
    const values = parseInput(resetPasswordSchema, input);
    const { uow } = requestContext();
    const [reset] = await uow.query<{ id: string; userId: string }>(
      `UPDATE password_reset SET used_at = now()
        WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
        RETURNING id, user_id AS "userId"`,
      [this.tokens.hash(values.token)],
    );
    if (!reset) throw DomainError.badInput(INVALID_LINK, [{ field: 'token', message: INVALID_LINK }]);
    await uow.query('UPDATE user_account SET password_hash = $2, updated_at = now() WHERE id = $1', [reset.userId, await this.hasher.hash(values.password)]);
    // The person's other reset links (an earlier request, a copy in a mailbox) stop working too.
    await uow.query('UPDATE password_reset SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [reset.userId]);
    await this.sessions.revokeUserSessions(reset.userId, 'password reset');
    await this.audit.record({ action: AuditAction.PASSWORD_RESET_COMPLETED, actorUserId: reset.userId, targetType: 'user_account', targetId: reset.userId });
  }
}
