import { Injectable } from '@nestjs/common';
import { InvitationEntity, PlatformRoleEntity } from '@lena/database';
import { AuthPolicy, invitationStatus, TenantRole, type PlatformRole, type Role } from '@lena/domain';
import { DataSource, IsNull } from 'typeorm';
import { OneTimeLinks, type IssuedLink } from '../common/one-time-link';
import { requestContext } from '../common/request-context';
import type { Invitation } from './dtos/invitation.type';

/** Invitation links: the service issues them and hashes what is presented; this file stores and spends them. */
export const INVITATION_LINKS = new OneTimeLinks({
  table: 'invitation',
  alias: 'i',
  spentColumn: 'accepted_at',
  alsoUsableWhen: 'i.revoked_at IS NULL',
  lifetimeSeconds: AuthPolicy.invitationSeconds,
  invalidMessage: 'This invitation link has expired or has already been used. Ask whoever invited you to send a new one.',
});

/** An invitation, and who first sent it (which the GraphQL type leaves out). */
export interface InvitationRecord extends Invitation {
  invitedBy: string | null;
}

/** An invitation's own columns, as INVITATION_COLUMNS selects them and as its entity holds them. */
interface InvitationRow {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
  tenantId: string | null;
  teamId: string | null;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** The status is the domain's rule (`invitationStatus`), not the query's. */
function toInvitation(row: InvitationRow): InvitationRecord {
  const { id, email, displayName, role, tenantId, teamId, invitedBy, createdAt, expiresAt, acceptedAt } = row;
  return { id, email, displayName, role, tenantId, teamId, invitedBy, createdAt, expiresAt, acceptedAt, status: invitationStatus(row) };
}

const INVITATION_COLUMNS = `id, email, display_name AS "displayName", role, tenant_id AS "tenantId", team_id AS "teamId", invited_by AS "invitedBy",
  created_at AS "createdAt", expires_at AS "expiresAt", accepted_at AS "acceptedAt", revoked_at AS "revokedAt"`;

/** Where an invitation leads: an organisation (tenantId), or a provider staff role (tenantId null). */
export interface InvitationPlace {
  email: string;
  tenantId: string | null;
  role: Role;
}

/**
 * What accepting an invitation grants. The database ties organisation roles to an organisation and
 * staff roles to none (`invitation_check`); the type says the same.
 */
export type InvitationGrant = { tenantId: string; role: TenantRole; teamId: string | null } | { tenantId: null; role: PlatformRole; teamId: null };

/** A usable invitation (not accepted, revoked or expired, its organisation not suspended), as a preview shows it. */
export type UsableInvitation = {
  id: string;
  email: string;
  displayName: string | null;
  expiresAt: Date;
  organisationName: string | null;
  /** Whether the email already has an account with a password. */
  existingAccount: boolean;
} & InvitationGrant;

interface UsableInvitationRow {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
  tenantId: string | null;
  teamId: string | null;
  expiresAt: Date;
  organisationName: string | null;
  existingAccount: boolean;
}

function toUsableInvitation({ role, tenantId, teamId, ...row }: UsableInvitationRow): UsableInvitation {
  if (tenantId && (role === TenantRole.ORG_ADMIN || role === TenantRole.PARTICIPANT)) return { ...row, tenantId, role, teamId };
  if (!tenantId && role !== TenantRole.ORG_ADMIN && role !== TenantRole.PARTICIPANT) return { ...row, tenantId: null, role, teamId: null };
  throw new Error(`Invitation ${row.id} breaks invitation_check: role ${role} with tenant ${tenantId ?? 'none'}.`);
}

/** The account an invitation's email already has, if any, read before the transaction starts. */
export interface InviteeAccount {
  userId: string | null;
  passwordHash: string | null;
  status: 'ACTIVE' | 'DEACTIVATED' | null;
}

/**
 * The `invitation` table, and what accepting one writes outside the organisation: the invitee's
 * account (`user_account`) and a staff role (`platform_role`). Organisation memberships are the
 * tenancy context's, facilitator profiles the facilitators context's.
 */
@Injectable()
export class InvitationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(
    invitation: { email: string; displayName: string | null; tenantId: string | null; role: Role; teamId: string | null; invitedBy: string | null },
    link: IssuedLink,
  ): Promise<InvitationRecord> {
    const { email, displayName, tenantId, role, teamId, invitedBy } = invitation;
    const columns = { email, display_name: displayName, tenant_id: tenantId, role, team_id: teamId, invited_by: invitedBy };
    return toInvitation(await INVITATION_LINKS.store<InvitationRow>(requestContext().uow, columns, link, INVITATION_COLUMNS));
  }

  /** The invitation `id` of `tenantId` (null: provider staff), locked until the transaction ends. */
  async findForUpdate(id: string, tenantId: string | null): Promise<InvitationRecord | null> {
    const [row] = await requestContext().uow.query<InvitationRow>(
      `SELECT ${INVITATION_COLUMNS} FROM invitation WHERE id = $1 AND tenant_id IS NOT DISTINCT FROM $2::uuid FOR UPDATE`,
      [id, tenantId],
    );
    return row ? toInvitation(row) : null;
  }

  /** Gives the invitation a new link and expiry: the earlier link stops working (one hash per row). */
  async renewLink(id: string, link: IssuedLink): Promise<InvitationRecord> {
    return toInvitation(await INVITATION_LINKS.renew<InvitationRow>(requestContext().uow, id, link, INVITATION_COLUMNS));
  }

  /** The invitations of `tenantId` (null: provider staff), newest first. */
  async list(tenantId: string | null): Promise<InvitationRecord[]> {
    const manager = await requestContext().uow.manager();
    const found = await manager.find(InvitationEntity, { where: { tenantId: tenantId ?? IsNull() }, order: { createdAt: 'DESC' } });
    return found.map(toInvitation);
  }

  /**
   * Every invitation to the same place, newest first: the same organisation whatever the role (a
   * person has one role in an organisation), or the same staff role.
   */
  async listTo(place: InvitationPlace): Promise<InvitationRecord[]> {
    const manager = await requestContext().uow.manager();
    const where = place.tenantId ? { email: place.email, tenantId: place.tenantId } : { email: place.email, tenantId: IsNull(), role: place.role };
    const found = await manager.find(InvitationEntity, { where, order: { createdAt: 'DESC' } });
    return found.map(toInvitation);
  }

  /** The organisation the invitation `id` is for (null: provider staff), or undefined when there is no such invitation. */
  async findTenantOf(id: string): Promise<string | null | undefined> {
    const manager = await requestContext().uow.manager();
    const found = await manager.findOne(InvitationEntity, { select: { id: true, tenantId: true }, where: { id } });
    return found ? found.tenantId : undefined;
  }

  /**
   * Revokes the invitation unless it has been accepted, in one statement (an acceptance holding
   * the row makes this wait, then find nothing). Revoking again keeps the first date. Null when
   * there is no such invitation of `tenantId` to revoke.
   */
  async revoke(id: string, tenantId: string | null): Promise<InvitationRecord | null> {
    const [row] = await requestContext().uow.query<InvitationRow>(
      `UPDATE invitation SET revoked_at = COALESCE(revoked_at, now())
        WHERE id = $1 AND tenant_id IS NOT DISTINCT FROM $2 AND accepted_at IS NULL RETURNING ${INVITATION_COLUMNS}`,
      [id, tenantId],
    );
    return row ? toInvitation(row) : null;
  }

  /** Holds invitations to `place` until the transaction ends (an advisory lock: the place is no row). */
  async lockPlace(place: InvitationPlace): Promise<void> {
    const key = place.tenantId ? `invitation:${place.tenantId}:${place.email}` : `invitation:staff:${place.role}:${place.email}`;
    await requestContext().uow.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  }

  /** Whether the account with this email already holds the staff `role`. */
  async hasPlatformRole(email: string, role: Role): Promise<boolean> {
    const manager = await requestContext().uow.manager();
    return manager
      .createQueryBuilder(PlatformRoleEntity, 'r')
      .innerJoin('user_account', 'u', 'u.id = r.user_id')
      .where('r.role = :role AND u.email = :email', { role, email })
      .getExists();
  }

  /**
   * The usable invitation with this link hash, in the request's transaction; `lock` holds its row
   * until the transaction ends, so of two acceptances one waits and then finds it spent.
   */
  async findUsable(hash: Buffer, { lock = false } = {}): Promise<UsableInvitation | null> {
    const row = await INVITATION_LINKS.findUsable<UsableInvitationRow>(requestContext().uow, hash, {
      select: `i.id, i.email, i.display_name AS "displayName", i.role, i.tenant_id AS "tenantId", i.team_id AS "teamId", i.expires_at AS "expiresAt",
        t.name AS "organisationName", EXISTS (SELECT 1 FROM user_account u WHERE u.email = i.email AND u.password_hash IS NOT NULL) AS "existingAccount"`,
      join: 'LEFT JOIN tenant t ON t.id = i.tenant_id',
      where: `(i.tenant_id IS NULL OR t.status = 'ACTIVE')`,
      lock,
    });
    return row ? toUsableInvitation(row) : null;
  }

  /**
   * The account of a usable invitation's email, in one autocommit read outside any transaction:
   * the password is checked or hashed before a pooled connection is held. Null when the link is not usable.
   */
  async findInviteeAccount(hash: Buffer): Promise<InviteeAccount | null> {
    const row = await INVITATION_LINKS.findUsable<InviteeAccount>(this.dataSource, hash, {
      select: 'u.id AS "userId", u.password_hash AS "passwordHash", u.status',
      join: 'LEFT JOIN user_account u ON u.email = i.email',
    });
    return row ? { userId: row.userId, passwordHash: row.passwordHash, status: row.status } : null;
  }

  /**
   * Creates the invitee's account, or completes one that has no password yet; returns its id. Null
   * when the email's account has a password by now (another acceptance gave it one): that password stands.
   */
  async completeAccount(email: string, displayName: string, passwordHash: string): Promise<string | null> {
    const [user] = await requestContext().uow.query<{ id: string }>(
      `INSERT INTO user_account (email, display_name, password_hash) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash, updated_at = now()
         WHERE user_account.password_hash IS NULL
       RETURNING id`,
      [email, displayName, passwordHash],
    );
    return user ? user.id : null;
  }

  /** Gives the person a staff role; one they already hold is kept. */
  async grantPlatformRole(userId: string, role: PlatformRole): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.createQueryBuilder().insert().into(PlatformRoleEntity).values({ userId, role }).orIgnore().updateEntity(false).execute();
  }

  /** Spends the link; the row is locked and was usable when read, so this cannot fail in an acceptance. */
  async spend(hash: Buffer): Promise<void> {
    await INVITATION_LINKS.spend(requestContext().uow, hash);
  }
}
