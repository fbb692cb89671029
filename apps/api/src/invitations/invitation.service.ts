import { Inject, Injectable } from '@nestjs/common';
import {
  acceptInvitationSchema,
  AuditAction,
  DomainError,
  InvitationStatus,
  inviteSchema,
  isPlatformAdmin,
  parseInput,
  PlatformRole,
  uuidSchema,
  type Principal,
  type Role,
} from '@lena/domain';
import { screenedAcceptInvitationSchema } from '@lena/domain/common-passwords';
import { AuditService } from '../audit/audit.service';
import { type IssuedLink } from '../common/one-time-link';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FacilitatorService } from '../facilitators/facilitator.service';
import { EmailComposer } from '../notifications/email-composer.service';
import { OutboxService } from '../notifications/outbox.service';
import { PasswordHasher } from '../auth/password-hasher.service';
import { SessionService } from '../sessions/session.service';
import type { AccessClaims } from '../sessions/token.service';
import { MemberService } from '../tenancy/member.service';
import type { Invitation, InvitationPreview } from './dtos/invitation.type';
import { INVITATION_LINKS, InvitationRepository, type InvitationPlace, type InvitationRecord, type UsableInvitation } from './invitation.repository';

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
    private readonly invitations: InvitationRepository,
    private readonly members: MemberService,
    private readonly facilitators: FacilitatorService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly outbox: OutboxService,
    private readonly emails: EmailComposer,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async invite(invitation: NewInvitation): Promise<Invitation> {
    const { email, displayName } = parseInput(inviteSchema, { email: invitation.email, displayName: invitation.displayName || undefined });
    const { principal } = requestContext();
    const place = { email, tenantId: invitation.tenantId, role: invitation.role };
    await this.lockPlace(place);
    await this.assertNotThereYet(place);
    // Inviting again is not a quiet way to cancel the first link: the admin is offered "Resend".
    const [pending] = await this.pendingTo(place);
    if (pending) {
      throw DomainError.conflict(
        `${email} already has a pending invitation ${invitation.tenantId ? 'to this organisation' : 'for this role'} (as ${ROLE_NAMES[pending.role]}). Resend it to send them a fresh link.`,
        { type: 'invitation', id: pending.id },
      );
    }
    const link = INVITATION_LINKS.issue();
    const created = await this.invitations.create(
      { email, displayName: displayName ?? null, tenantId: invitation.tenantId, role: invitation.role, teamId: invitation.teamId ?? null, invitedBy: principal?.userId ?? null },
      link,
    );
    await this.sendLink(created, link);
    await this.audit.record({
      action: AuditAction.INVITATION_SENT,
      tenantId: invitation.tenantId,
      targetType: 'invitation',
      targetId: created.id,
      detail: { role: invitation.role },
    });
    return created;
  }

  /**
   * Sends a pending (or expired) invitation of `tenantId` (null: provider staff invitations) again
   * with a fresh link and a fresh expiry. The earlier link stops working: only one hash is stored.
   */
  async resend(id: string, tenantId: string | null): Promise<Invitation> {
    const found = uuidSchema.safeParse(id).success ? await this.invitations.findForUpdate(id, tenantId) : null;
    if (!found) throw DomainError.notFound('That invitation');
    if (found.status === InvitationStatus.ACCEPTED) throw DomainError.conflict(`${found.email} has already accepted this invitation.`);
    if (found.status === InvitationStatus.REVOKED) throw DomainError.conflict('This invitation was revoked, so it cannot be sent again. Send a new invitation instead.');
    const place = { email: found.email, tenantId: found.tenantId, role: found.role };
    await this.lockPlace(place);
    await this.assertNotThereYet(place);
    // An expired invitation may have been followed by a newer one: that is the one to resend.
    const [newer] = (await this.pendingTo(place)).filter((pending) => pending.id !== id);
    if (newer) throw DomainError.conflict(`${found.email} has a newer pending invitation. Resend that one instead.`, { type: 'invitation', id: newer.id });

    const link = INVITATION_LINKS.issue();
    const resent = await this.invitations.renewLink(id, link);
    // The email names whoever first invited them; the audit log records who sent it again.
    await this.sendLink({ ...resent, invitedBy: found.invitedBy ?? requestContext().principal?.userId ?? null }, link);
    await this.audit.record({ action: AuditAction.INVITATION_RESENT, tenantId: found.tenantId, targetType: 'invitation', targetId: id, detail: { role: found.role } });
    return resent;
  }

  /** Platform admins may resend any invitation (staff, organisation admins, participants); others their organisation's. */
  async resendAs(principal: Principal, id: string): Promise<Invitation> {
    return this.resend(id, isPlatformAdmin(principal) ? await this.tenantOf(id) : principal.tenantId);
  }

  list(tenantId: string): Promise<Invitation[]> {
    return this.invitations.list(tenantId);
  }

  listPlatform(): Promise<Invitation[]> {
    return this.invitations.list(null);
  }

  /** Revokes a pending invitation of `tenantId` (null: provider staff invitations). */
  async revoke(id: string, tenantId: string | null): Promise<Invitation> {
    const revoked = uuidSchema.safeParse(id).success ? await this.invitations.revoke(id, tenantId) : null;
    if (!revoked) throw DomainError.notFound('That invitation');
    await this.audit.record({ action: AuditAction.INVITATION_REVOKED, tenantId, targetType: 'invitation', targetId: id });
    return revoked;
  }

  /** Platform admins may revoke any invitation; others their organisation's. */
  async revokeAs(principal: Principal, id: string): Promise<Invitation> {
    return this.revoke(id, isPlatformAdmin(principal) ? await this.tenantOf(id) : principal.tenantId);
  }

  /** The organisation an invitation is for (null: provider staff); NOT_FOUND when there is no such invitation. */
  private async tenantOf(id: string): Promise<string | null> {
    const tenantId = uuidSchema.safeParse(id).success ? await this.invitations.findTenantOf(id) : undefined;
    if (tenantId === undefined) throw DomainError.notFound('That invitation');
    return tenantId;
  }

  /**
   * Serialises invitations to one place until the transaction ends, so two admins inviting the
   * same person at once cannot both find no pending invitation and both send one.
   */
  private async lockPlace(place: InvitationPlace): Promise<void> {
    // A platform admin acts in no organisation: without this, row-level security hides the
    // memberships and an existing member would be invited (and not promoted on acceptance).
    if (place.tenantId) await requestContext().uow.actAs({ tenantId: place.tenantId });
    await this.invitations.lockPlace(place);
  }

  /** Refuses to invite someone who already is what the invitation would make them. */
  private async assertNotThereYet(place: InvitationPlace): Promise<void> {
    if (place.tenantId) {
      if (await this.members.hasMemberWithEmail(place.tenantId, place.email)) throw DomainError.conflict('That person is already a member of this organisation.');
    } else if (await this.invitations.hasPlatformRole(place.email, place.role)) {
      throw DomainError.conflict('That person already has this role.');
    }
  }

  /** The pending invitations to the same place, newest first; what is pending is the domain's rule. */
  private async pendingTo(place: InvitationPlace): Promise<InvitationRecord[]> {
    return (await this.invitations.listTo(place)).filter((invitation) => invitation.status === InvitationStatus.PENDING);
  }

  /** Emails the link (the token itself is never stored). */
  private async sendLink(invitation: InvitationRecord, link: IssuedLink): Promise<void> {
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
    return {
      email: invitation.email,
      displayName: invitation.displayName,
      role: invitation.role,
      organisationName: invitation.organisationName,
      expiresAt: invitation.expiresAt,
      existingAccount: invitation.existingAccount,
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
    const account = await this.invitations.findInviteeAccount(tokenHash);
    if (!account) throw INVITATION_LINKS.invalid();
    let newPasswordHash: string | null = null;
    if (account.passwordHash) {
      // An existing account keeps its password: the invitation only adds a role.
      if (account.status !== 'ACTIVE' || !(await this.hasher.verify(account.passwordHash, values.password))) throw existingAccountPassword();
    } else {
      // Only a password being set is screened: an existing account's may predate the rule.
      parseInput(screenedAcceptInvitationSchema, input);
      newPasswordHash = await this.hasher.hash(values.password);
    }

    const invitation = await this.findUsable(values.token, true);
    let userId: string;
    if (account.passwordHash && account.userId) {
      userId = account.userId;
    } else {
      // Only an account without a password is completed here: if another invitation's acceptance
      // gave this email a password meanwhile, that password stands and this one must prove it.
      const completed = newPasswordHash ? await this.invitations.completeAccount(invitation.email, values.displayName, newPasswordHash) : null;
      if (!completed) throw existingAccountPassword();
      userId = completed;
    }

    if (invitation.tenantId !== null) {
      await requestContext().uow.actAs({ tenantId: invitation.tenantId, userId });
      await this.members.admit(invitation.tenantId, userId, invitation.role, invitation.teamId);
    } else {
      await this.invitations.grantPlatformRole(userId, invitation.role);
      if (invitation.role === PlatformRole.FACILITATOR) await this.facilitators.createProfile(userId);
    }
    // The row is locked and was usable when read, so spending it cannot fail here.
    await this.invitations.spend(tokenHash);
    await this.audit.record({
      action: AuditAction.INVITATION_ACCEPTED,
      actorUserId: userId,
      tenantId: invitation.tenantId,
      targetType: 'invitation',
      targetId: invitation.id,
      detail: { role: invitation.role },
    });
    // Organisation roles act in their organisation; staff act in none.
    return this.sessions.start(userId, invitation.tenantId);
  }

  private async findUsable(token: string, lock = false): Promise<UsableInvitation> {
    const invitation = await this.invitations.findUsable(INVITATION_LINKS.hashOf(token), { lock });
    if (!invitation) throw INVITATION_LINKS.invalid();
    return invitation;
  }
}

function existingAccountPassword(): DomainError {
  return DomainError.badInput('This email address already has a Lena account. Enter its current password to accept.', [
    { field: 'password', message: 'Enter the current password of your Lena account.' },
  ]);
}
