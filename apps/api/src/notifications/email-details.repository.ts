import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import { TenantStatus } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** The organisation an email is written for; its columns are null when there is none. */
export interface OrganisationSettings {
  organisationName: string | null;
  locale: string | null;
  timeZone: string | null;
}

export interface InvitationDetails extends OrganisationSettings {
  inviterName: string | null;
  teamName: string | null;
}

export interface PasswordResetDetails extends OrganisationSettings {
  /** The account holder's own name. */
  name: string;
}

interface InvitationDetailsRow {
  inviter_name: string | null;
  organisation_name: string | null;
  locale: string | null;
  time_zone: string | null;
  team_name: string | null;
}

function toInvitationDetails(row: InvitationDetailsRow): InvitationDetails {
  return { inviterName: row.inviter_name, organisationName: row.organisation_name, locale: row.locale, timeZone: row.time_zone, teamName: row.team_name };
}

interface PasswordResetDetailsRow {
  name: string;
  organisation_name: string | null;
  locale: string | null;
  time_zone: string | null;
}

function toPasswordResetDetails(row: PasswordResetDetailsRow): PasswordResetDetails {
  return { name: row.name, organisationName: row.organisation_name, locale: row.locale, timeZone: row.time_zone };
}

/**
 * What an email says about the people and places it names, each email's in one statement in the
 * request's transaction (so row-level security decides what it may read).
 */
@Injectable()
export class EmailDetailsRepository {
  /** Each of the three is null when its id is null or names nothing the request may read. */
  async forInvitation(ids: { invitedBy: string | null; tenantId: string | null; teamId: string | null }): Promise<InvitationDetails> {
    const rows = await requestContext().uow.query<InvitationDetailsRow>(
      `SELECT (SELECT display_name FROM user_account WHERE id = $1) AS inviter_name,
              t.name AS organisation_name, t.locale, t.time_zone,
              (SELECT name FROM team WHERE tenant_id = $2 AND id = $3) AS team_name
         FROM (VALUES (1)) AS one LEFT JOIN tenant t ON t.id = $2`,
      [ids.invitedBy, ids.tenantId, ids.teamId],
    );
    // One row whatever the ids: the VALUES row is left-joined.
    return toInvitationDetails(oneRow(rows, 'the invitation email details'));
  }

  /**
   * The account holder's name, and the settings of the first organisation they joined that is
   * still active (none for provider staff). Their memberships are read under row-level security:
   * the unit of work must act for them. Undefined when the account does not exist.
   */
  async forPasswordReset(userId: string): Promise<PasswordResetDetails | undefined> {
    const [row] = await requestContext().uow.query<PasswordResetDetailsRow>(
      `SELECT u.display_name AS name, t.name AS organisation_name, t.locale, t.time_zone
         FROM user_account u
         LEFT JOIN LATERAL (
           SELECT t.name, t.locale, t.time_zone
             FROM tenant_membership m JOIN tenant t ON t.id = m.tenant_id
            WHERE m.user_id = u.id AND t.status = $2
            ORDER BY m.created_at, t.name
            LIMIT 1
         ) t ON true
        WHERE u.id = $1`,
      [userId, TenantStatus.ACTIVE],
    );
    return row && toPasswordResetDetails(row);
  }
}
