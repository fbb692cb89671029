import { Inject, Injectable } from '@nestjs/common';
import {
  acceptInvitationSchema,
  AuditAction,
  AuthPolicy,
  DomainError,
  invitationStatus,
  InvitationStatus,
  inviteSchema,
  isPlatformAdmin,
  parseInput,
  PlatformRole,
  TenantRole,
  uuidSchema,
  type Principal,
  type Role,
} from '@lena/domain';
import { screenedAcceptInvitationSchema } from '@lena/domain/common-passwords';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { OneTimeLinks, type IssuedLink } from '../common/one-time-link';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EmailComposer } from '../notifications/email-composer.service';
import { OutboxService } from '../notifications/outbox.service';
import { PasswordHasher } from '../auth/password-hasher.service';
import { SessionService } from '../sessions/session.service';
import type { AccessClaims } from '../sessions/token.service';
import type { Invitation, InvitationPreview } from './dtos/invitation.type';

const INVITATION_COLUMNS = `id, email, display_name AS "displayName", role, tenant_id AS "tenantId", team_id AS "teamId",
  created_at AS "createdAt", expires_at AS "expiresAt", accepted_at AS "acceptedAt", revoked_at AS "revokedAt"`;

type InvitationRow = Omit<Invitation, 'status'> & { revokedAt: Date | null };

/** The status is the domain's rule (`invitationStatus`), not the query's. */
function toInvitation({ revokedAt, ...row }: InvitationRow): Invitation {
  return { ...row, status: invitationStatus({ acceptedAt: row.acceptedAt, revokedAt, expiresAt: row.expiresAt }) };
}

const INVITATION_LINKS = new OneTimeLinks({
  table: 'invitation',
  alias: 'i',
  spentColumn: 'accepted_at',
  alsoUsableWhen: 'i.revoked_at IS NULL',
  lifetimeSeconds: AuthPolicy.invitationSeconds,
  invalidMessage: 'This invitation link has expired or has already been used. Ask whoever invited you to send a new one.',
});

/** Where an invitation leads: an organisation, or (tenantId null) a provider staff role. */
interface InvitationPlace {
  email: string;
  tenantId: string | null;
  role: Role;
}

const ROLE_NAMES: Record<Role, string> = {
  PLATFORM_ADMIN: 'a platform administrator',
  FACILITATOR: 'a facilitator',
  ORG_ADMIN: 'an organisation administrator',
  PARTICIPANT: 'a participant',
};

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
    const place = { email, tenantId: invitation.tenantId, role: invitation.role };
    await this.lockPlace(place);
    await this.assertNotThereYet(place);
    // Inviting again is not a quiet way to cancel the first link: the admin is offered "Resend".
    const [pending] = await this.pendingFor(place);
    if (pending) {
      throw DomainError.conflict(
        `${email} already has a pending invitation ${invitation.tenantId ? 'to this organisation' : 'for this role'} (as ${ROLE_NAMES[pending.role]}). Resend it to send them a fresh link.`,
        { type: 'invitation', id: pending.id },
      );
    }
    const link = INVITATION_LINKS.issue();
    const created = toInvitation(
      await INVITATION_LINKS.store<InvitationRow>(
      uow,
      { email, display_name: displayName ?? null, tenant_id: invitation.tenantId, role: invitation.role, team_id: invitation.teamId ?? null, invited_by: principal?.userId ?? null },
      link,
      INVITATION_COLUMNS,
      ),
    );
    await this.sendLink({ ...created, invitedBy: principal?.userId ?? null }, link);
    await this.audit.record({ action: AuditAction.INVITATION_SENT, tenantId: invitation.tenantId, targetType: 'invitation', targetId: created.id, detail: { role: invitation.role } });
    return created;
  }

  /**
   * Sends a pending (or expired) invitation of `tenantId` (null: provider staff invitations) again
   * with a fresh link and a fresh expiry. The earlier link stops working: only one hash is stored.
   */
  async resend(id: string, tenantId: string | null): Promise<Invitation> {
    if (!uuidSchema.safeParse(id).success) throw DomainError.notFound('That invitation');
    const { uow, principal } = requestContext();
    const [foundRow] = await uow.query<InvitationRow & { invitedBy: string | null }>(
      `SELECT ${INVITATION_COLUMNS}, invited_by AS "invitedBy" FROM invitation WHERE id = $1 AND tenant_id IS NOT DISTINCT FROM $2::uuid FOR UPDATE`,
      [id, tenantId],
    );
    if (!foundRow) throw DomainError.notFound('That invitation');
    const found = { ...toInvitation(foundRow), invitedBy: foundRow.invitedBy };
    if (found.status === InvitationStatus.ACCEPTED) throw DomainError.conflict(`${found.email} has already accepted this invitation.`);
    if (found.status === InvitationStatus.REVOKED) throw DomainError.conflict('This invitation was revoked, so it cannot be sent again. Send a new invitation instead.');
    const place = { email: found.email, tenantId: found.tenantId, role: found.role };
    await this.lockPlace(place);
    await this.assertNotThereYet(place);
    // An expired invitation may have been followed by a newer one: that is the one to resend.
    const [newer] = (await this.pendingFor(place)).filter((pending) => pending.id !== id);
    if (newer) throw DomainError.conflict(`${found.email} has a newer pending invitation. Resend that one instead.`, { type: 'invitation', id: newer.id });

    const link = INVITATION_LINKS.issue();
    const resent = toInvitation(await INVITATION_LINKS.renew<InvitationRow>(uow, id, link, INVITATION_COLUMNS));
    // The email names whoever first invited them; the audit log records who sent it again.
    await this.sendLink({ ...resent, invitedBy: found.invitedBy ?? principal?.userId ?? null }, link);
    await this.audit.record({ action: AuditAction.INVITATION_RESENT, tenantId: found.tenantId, targetType: 'invitation', targetId: id, detail: { role: found.role } });
    return resent;
  }

  /** Platform admins may resend any invitation (staff, organisation admins, participants); others their organisation's. */
  async resendAs(principal: Principal, id: string): Promise<Invitation> {
    return this.resend(id, isPlatformAdmin(principal) ? await this.tenantOf(id) : principal.tenantId);
  }

  async list(tenantId: string): Promise<Invitation[]> {
    const rows = await requestContext().uow.query<InvitationRow>(`SELECT ${INVITATION_COLUMNS} FROM invitation WHERE tenant_id = $1 ORDER BY created_at DESC`, [tenantId]);
    return rows.map(toInvitation);
  }

  async listPlatform(): Promise<Invitation[]> {
    const rows = await requestContext().uow.query<InvitationRow>(`SELECT ${INVITATION_COLUMNS} FROM invitation WHERE tenant_id IS NULL ORDER BY created_at DESC`);
    return rows.map(toInvitation);
  }

  /** Revokes a pending invitation of `tenantId` (null: provider staff invitations). */
  async revoke(id: string, tenantId: string | null): Promise<Invitation> {
    if (!uuidSchema.safeParse(id).success) throw DomainError.notFound('That invitation');
    const [revoked] = await requestContext().uow.query<InvitationRow>(
      `UPDATE invitation SET revoked_at = COALESCE(revoked_at, now())
        WHERE id = $1 AND tenant_id IS NOT DISTINCT FROM $2 AND accepted_at IS NULL RETURNING ${INVITATION_COLUMNS}`,
      [id, tenantId],
    );
    if (!revoked) throw DomainError.notFound('That invitation');
    await this.audit.record({ action: AuditAction.INVITATION_REVOKED, tenantId, targetType: 'invitation', targetId: id });
    return toInvitation(revoked);
  }

  /** Platform admins may revoke any invitation; others their organisation's. */
  async revokeAs(principal: Principal, id: string): Promise<Invitation> {
    return this.revoke(id, isPlatformAdmin(principal) ? await this.tenantOf(id) : principal.tenantId);
  }

  /** The organisation an invitation is for (null: provider staff); NOT_FOUND when there is no such invitation. */
  private async tenantOf(id: string): Promise<string | null> {
    if (!uuidSchema.safeParse(id).success) throw DomainError.notFound('That invitation');
    const [found] = await requestContext().uow.query<{ tenantId: string | null }>('SELECT tenant_id AS "tenantId" FROM invitation WHERE id = $1', [id]);
    if (!found) throw DomainError.notFound('That invitation');
    return found.tenantId;
  }

  /**
   * Serialises invitations to one place until the transaction ends, so two admins inviting the
   * same person at once cannot both find no pending invitation and both send one.
   */
  private async lockPlace(place: InvitationPlace): Promise<void> {
    const { uow } = requestContext();
    // A platform admin acts in no organisation: without this, row-level security hides the
    // memberships and an existing member would be invited (and not promoted on acceptance).
    if (place.tenantId) await uow.actAs({ tenantId: place.tenantId });
    const key = place.tenantId ? `invitation:${place.tenantId}:${place.email}` : `invitation:staff:${place.role}:${place.email}`;
    await uow.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  }

  /** Refuses to invite someone who already is what the invitation would make them. */
  private async assertNotThereYet(place: InvitationPlace): Promise<void> {
    const { uow } = requestContext();
    if (place.tenantId) {
      const existing = await uow.query('SELECT 1 FROM tenant_membership m JOIN user_account u ON u.id = m.user_id WHERE m.tenant_id = $1 AND u.email = $2', [place.tenantId, place.email]);
      if (existing.length) throw DomainError.conflict('That person is already a member of this organisation.');
    } else {
      const existing = await uow.query('SELECT 1 FROM platform_role r JOIN user_account u ON u.id = r.user_id WHERE r.role = $1 AND u.email = $2', [place.role, place.email]);
      if (existing.length) throw DomainError.conflict('That person already has this role.');
    }
  }

  /**
   * Pending invitations to the same place: the same organisation whatever the role (a person has
   * one role in an organisation), or the same staff role.
   */
  private pendingFor(place: InvitationPlace): Promise<{ id: string; role: Role }[]> {
    return requestContext().uow.query<{ id: string; role: Role }>(
      `SELECT id, role FROM invitation
        WHERE email = $1 AND tenant_id IS NOT DISTINCT FROM $2::uuid AND ($2::uuid IS NOT NULL OR role = $3)
          AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        ORDER BY created_at DESC`,
      [place.email, place.tenantId, place.role],
    );
  }

  /** Emails the link (the token itself is never stored). */
  private async sendLink(
    invitation: { email: string; displayName: string | null; role: Role; tenantId: string | null; teamId: string | null; invitedBy: string | null },
    link: IssuedLink,
  ): Promise<void> {
    const portal = invitation.tenantId ? this.config.clientPortalUrl : this.config.facilitatorPortalUrl;
    await this.outbox.queueEmail(
      await this.emails.invitation({
        to: invitation.email,
        inviteeName: invitation.displayName,
        role: invitation.role,
        tenantId: invitation.tenantId,
        teamId: invitation.teamId,
        invitedBy: invitation.invitedBy,
        link: `${portal}/invitations/accept?token=${link.token}`,
        expiresAt: link.expiresAt,
      }),
      invitation.tenantId,
    );
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
    const tokenHash = INVITATION_LINKS.hashOf(values.token);
    const found = await INVITATION_LINKS.findUsable<{ email: string; userId: string | null; passwordHash: string | null; status: string | null }>(this.dataSource, tokenHash, {
      select: 'i.email, u.id AS "userId", u.password_hash AS "passwordHash", u.status',
      join: 'LEFT JOIN user_account u ON u.email = i.email',
    });
    if (!found) throw INVITATION_LINKS.invalid();
    let newPasswordHash: string | null = null;
    if (found.passwordHash) {
      // An existing account keeps its password: the invitation only adds a role.
      if (found.status !== 'ACTIVE' || !(await this.hasher.verify(found.passwordHash, values.password))) throw existingAccountPassword();
    } else {
      // Only a password being set is screened: an existing account's may predate the rule.
      parseInput(screenedAcceptInvitationSchema, input);
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
    // The row is locked and was usable when read, so spending it cannot fail here.
    await INVITATION_LINKS.spend(uow, tokenHash);
    await this.audit.record({ action: AuditAction.INVITATION_ACCEPTED, actorUserId: userId, tenantId: invitation.tenantId, targetType: 'invitation', targetId: invitation.id, detail: { role: invitation.role } });
    const actingTenant = invitation.role === TenantRole.ORG_ADMIN || invitation.role === TenantRole.PARTICIPANT ? invitation.tenantId : null;
    return this.sessions.start(userId, actingTenant);
  }

  private async findUsable(token: string, lock = false): Promise<{ id: string; email: string; displayName: string | null; role: Role; tenantId: string | null; teamId: string | null; expiresAt: Date }> {
    const invitation = await INVITATION_LINKS.findUsable<{ id: string; email: string; displayName: string | null; role: Role; tenantId: string | null; teamId: string | null; expiresAt: Date }>(
      requestContext().uow,
      INVITATION_LINKS.hashOf(token),
      {
        select: `i.id, i.email, i.display_name AS "displayName", i.role, i.tenant_id AS "tenantId", i.team_id AS "teamId", i.expires_at AS "expiresAt"`,
        join: 'LEFT JOIN tenant t ON t.id = i.tenant_id',
        where: `(i.tenant_id IS NULL OR t.status = 'ACTIVE')`,
        lock,
      },
    );
    if (!invitation) throw INVITATION_LINKS.invalid();
    return invitation;
  }

  private async organisationName(tenantId: string): Promise<string | null> {
    const [tenant] = await requestContext().uow.query<{ name: string }>('SELECT name FROM tenant WHERE id = $1', [tenantId]);
    return tenant?.name ?? null;
  }
}

function existingAccountPassword(): DomainError {
  return DomainError.badInput('This email address already has a Lena account. Enter its current password to accept.', [
    { field: 'password', message: 'Enter the current password of your Lena account.' },
  ]);
}
