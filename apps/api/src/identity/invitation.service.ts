import { Inject, Injectable } from '@nestjs/common';
import {
  acceptInvitationSchema,
  AuditAction,
  AuthPolicy,
  DomainError,
  expiresAt,
  inviteSchema,
  parseInput,
  PlatformRole,
  tokenSchema,
  TenantRole,
  uuidSchema,
  type Role,
} from '@lena/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EmailComposer } from '../notifications/email-composer.service';
import { OutboxService } from '../notifications/outbox.service';
import type { Invitation, InvitationPreview } from './dtos/invitation.type';
import { PasswordHasher } from './password-hasher.service';
import { SessionService } from './session.service';
import { TokenService, type AccessClaims } from './token.service';

const INVITATION_COLUMNS = `id, email, display_name AS "displayName", role, tenant_id AS "tenantId", team_id AS "teamId",
  created_at AS "createdAt", expires_at AS "expiresAt", accepted_at AS "acceptedAt",
  CASE WHEN accepted_at IS NOT NULL THEN 'ACCEPTED' WHEN revoked_at IS NOT NULL THEN 'REVOKED'
       WHEN expires_at <= now() THEN 'EXPIRED' ELSE 'PENDING' END AS status`;

const INVALID_LINK = 'This invitation link has expired or has already been used. Ask whoever invited you to send a new one.';

export interface NewInvitation {
  email: string;
  displayName?: string;
  role: Role;
  tenantId: string | null;
  teamId?: string | null;
}

/**
 * Invitations: one-time expiring links that create an account (or add a role to an existing
 * one) and sign the person in. Only the link's hash is stored.
 */
@Injectable()
export class InvitationService {
  constructor(
    private readonly tokens: TokenService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly outbox: OutboxService,
    private readonly emails: EmailComposer,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invite(invitation: NewInvitation): Promise<Invitation> {
    const { email, displayName } = parseInput(inviteSchema, { email: invitation.email, displayName: invitation.displayName || undefined });
    const { uow, principal } = requestContext();
    if (invitation.tenantId) {
      // A platform admin acts in no organisation: without this, row-level security hides the
      // memberships and an existing member would be invited (and not promoted on acceptance).
      await uow.actAs({ tenantId: invitation.tenantId });
      const existing = await uow.query('SELECT 1 FROM tenant_membership m JOIN user_account u ON u.id = m.user_id WHERE m.tenant_id = $1 AND u.email = $2', [invitation.tenantId, email]);
      if (existing.length) throw DomainError.conflict('That person is already a member of this organisation.');
    } else {
      const existing = await uow.query('SELECT 1 FROM platform_role r JOIN user_account u ON u.id = r.user_id WHERE r.role = $1 AND u.email = $2', [invitation.role, email]);
      if (existing.length) throw DomainError.conflict('That person already has this role.');
    }
    // A new invitation replaces any earlier pending one for the same place.
    await uow.query(
      `UPDATE invitation SET revoked_at = now()
        WHERE email = $1 AND tenant_id IS NOT DISTINCT FROM $2 AND role = $3 AND accepted_at IS NULL AND revoked_at IS NULL`,
      [email, invitation.tenantId, invitation.role],
    );
    const { token, hash } = this.tokens.newOpaqueToken();
    const expiry = expiresAt(new Date(), AuthPolicy.invitationSeconds);
    const [created] = await uow.query<Invitation>(
      `INSERT INTO invitation (email, display_name, tenant_id, role, team_id, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${INVITATION_COLUMNS}`,
      [email, displayName ?? null, invitation.tenantId, invitation.role, invitation.teamId ?? null, hash, principal?.userId ?? null, expiry],
    );
    const portal = invitation.tenantId ? this.config.clientPortalUrl : this.config.facilitatorPortalUrl;
    await this.outbox.queueEmail(
      await this.emails.invitation({
        to: email,
        inviteeName: displayName ?? null,
        role: invitation.role,
        tenantId: invitation.tenantId,
        teamId: invitation.teamId ?? null,
        invitedBy: principal?.userId ?? null,
        link: `${portal}/invitations/accept?token=${token}`,
        expiresAt: expiry,
      }),
      invitation.tenantId,
    );
    await this.audit.record({ action: AuditAction.INVITATION_SENT, tenantId: invitation.tenantId, targetType: 'invitation', targetId: created.id, detail: { role: invitation.role } });
    return created;
  }

  list(tenantId: string): Promise<Invitation[]> {
    return requestContext().uow.query<Invitation>(`SELECT ${INVITATION_COLUMNS} FROM invitation WHERE tenant_id = $1 ORDER BY created_at DESC`, [tenantId]);
  }

  listPlatform(): Promise<Invitation[]> {
    return requestContext().uow.query<Invitation>(`SELECT ${INVITATION_COLUMNS} FROM invitation WHERE tenant_id IS NULL ORDER BY created_at DESC`);
  }

  /** Revokes a pending invitation of `tenantId` (null: provider staff invitations). */
  async revoke(id: string, tenantId: string | null): Promise<Invitation> {
    if (!uuidSchema.safeParse(id).success) throw DomainError.notFound('That invitation');
    const [revoked] = await requestContext().uow.query<Invitation>(
      `UPDATE invitation SET revoked_at = COALESCE(revoked_at, now())
        WHERE id = $1 AND tenant_id IS NOT DISTINCT FROM $2 AND accepted_at IS NULL RETURNING ${INVITATION_COLUMNS}`,
      [id, tenantId],
    );
    if (!revoked) throw DomainError.notFound('That invitation');
    await this.audit.record({ action: AuditAction.INVITATION_REVOKED, tenantId, targetType: 'invitation', targetId: id });
    return revoked;
  }

  /** For platform admins, who may revoke any invitation. */
  async revokeAnywhere(id: string): Promise<Invitation> {
    if (!uuidSchema.safeParse(id).success) throw DomainError.notFound('That invitation');
    const [found] = await requestContext().uow.query<{ tenantId: string | null }>('SELECT tenant_id AS "tenantId" FROM invitation WHERE id = $1', [id]);
    if (!found) throw DomainError.notFound('That invitation');
    return this.revoke(id, found.tenantId);
  }

  async preview(token: string): Promise<InvitationPreview> {
    const invitation = await this.findUsable(token);
    const [account] = await requestContext().uow.query('SELECT 1 FROM user_account WHERE email = $1 AND password_hash IS NOT NULL', [invitation.email]);
    return {
      email: invitation.email,
      displayName: invitation.displayName,
      role: invitation.role,
      organisationName: invitation.tenantId ? await this.organisationName(invitation.tenantId) : null,
      expiresAt: invitation.expiresAt,
      existingAccount: Boolean(account),
    };
  }

  /**
   * Accepts the invitation and signs the person in, acting in the invitation's organisation.
   *
   * The password is verified (existing account) or hashed (new account) before the transaction
   * starts, from one autocommit read, so argon2 never holds a pooled connection. The transaction
   * then locks the invitation and checks it again: of two acceptances racing, one wins.
   */
  async accept(input: { token: string; displayName: string; password: string }): Promise<AccessClaims> {
    const values = parseInput(acceptInvitationSchema, input);
    if (!tokenSchema.safeParse(values.token).success) throw invalidLink();
    const tokenHash = this.tokens.hash(values.token);
    const [found] = (await this.dataSource.query(
      `SELECT i.email, u.id AS "userId", u.password_hash AS "passwordHash", u.status
         FROM invitation i LEFT JOIN user_account u ON u.email = i.email
        WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()`,
      [tokenHash],
    )) as { email: string; userId: string | null; passwordHash: string | null; status: string | null }[];
    if (!found) throw invalidLink();
    let newPasswordHash: string | null = null;
    if (found.passwordHash) {
      // An existing account keeps its password: the invitation only adds a role.
      if (found.status !== 'ACTIVE' || !(await this.hasher.verify(found.passwordHash, values.password))) throw existingAccountPassword();
    } else {
      newPasswordHash = await this.hasher.hash(values.password);
    }

    const invitation = await this.findUsable(values.token, true);
    const { uow } = requestContext();
    let userId: string;
    if (found.passwordHash && found.userId) {
      userId = found.userId;
    } else {
      // Only an account without a password is completed here: if another invitation's acceptance
      // gave this email a password meanwhile, that password stands and this one must prove it.
      const [user] = await uow.query<{ id: string }>(
        `INSERT INTO user_account (email, display_name, password_hash) VALUES ($1, $2, $3)
         ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash, updated_at = now()
           WHERE user_account.password_hash IS NULL
         RETURNING id`,
        [invitation.email, values.displayName, newPasswordHash],
      );
      if (!user) throw existingAccountPassword();
      userId = user.id;
    }

    if (invitation.tenantId) {
      await uow.actAs({ tenantId: invitation.tenantId, userId });
      await uow.query(
        `INSERT INTO tenant_membership (tenant_id, user_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, user_id) DO NOTHING`,
        [invitation.tenantId, userId, invitation.role],
      );
      if (invitation.teamId) {
        await uow.query(
          `INSERT INTO team_member (tenant_id, team_id, user_id)
           SELECT tenant_id, id, $3 FROM team WHERE tenant_id = $1 AND id = $2 AND archived_at IS NULL
           ON CONFLICT DO NOTHING`,
          [invitation.tenantId, invitation.teamId, userId],
        );
      }
    } else {
      await uow.query('INSERT INTO platform_role (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING', [userId, invitation.role]);
      if (invitation.role === PlatformRole.FACILITATOR) {
        await uow.query('INSERT INTO facilitator_profile (user_id) VALUES ($1) ON CONFLICT DO NOTHING', [userId]);
      }
    }
    await uow.query('UPDATE invitation SET accepted_at = now() WHERE id = $1', [invitation.id]);
    await this.audit.record({ action: AuditAction.INVITATION_ACCEPTED, actorUserId: userId, tenantId: invitation.tenantId, targetType: 'invitation', targetId: invitation.id, detail: { role: invitation.role } });
    const actingTenant = invitation.role === TenantRole.ORG_ADMIN || invitation.role === TenantRole.PARTICIPANT ? invitation.tenantId : null;
    return this.sessions.start(userId, actingTenant);
  }

  private async findUsable(token: string, lock = false): Promise<{ id: string; email: string; displayName: string | null; role: Role; tenantId: string | null; teamId: string | null; expiresAt: Date }> {
    if (!tokenSchema.safeParse(token).success) throw invalidLink();
    const [invitation] = await requestContext().uow.query<{ id: string; email: string; displayName: string | null; role: Role; tenantId: string | null; teamId: string | null; expiresAt: Date }>(
      `SELECT i.id, i.email, i.display_name AS "displayName", i.role, i.tenant_id AS "tenantId", i.team_id AS "teamId", i.expires_at AS "expiresAt"
         FROM invitation i LEFT JOIN tenant t ON t.id = i.tenant_id
        WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
          AND (i.tenant_id IS NULL OR t.status = 'ACTIVE')
        ${lock ? 'FOR UPDATE OF i' : ''}`,
      [this.tokens.hash(token)],
    );
    if (!invitation) throw invalidLink();
    return invitation;
  }

  private async organisationName(tenantId: string): Promise<string | null> {
    const [tenant] = await requestContext().uow.query<{ name: string }>('SELECT name FROM tenant WHERE id = $1', [tenantId]);
    return tenant?.name ?? null;
  }
}

function invalidLink(): DomainError {
  return DomainError.badInput(INVALID_LINK, [{ field: 'token', message: INVALID_LINK }]);
}

function existingAccountPassword(): DomainError {
  return DomainError.badInput('This email address already has a Lena account. Enter its current password to accept.', [
    { field: 'password', message: 'Enter the current password of your Lena account.' },
  ]);
}
