import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import type { Role } from '@lena/domain';
import { requestContext } from '../common/request-context';
import { emailLocale, invitationEmail, passwordResetEmail } from './email-templates';
import type { EmailMessage } from './outbox.service';

interface OrganisationSettings {
  organisationName: string | null;
  locale: string | null;
  timeZone: string | null;
}

/**
 * Reads what an email says about the people and places it names (the inviter, the organisation
 * and its locale and time zone, the team) in the request's transaction, and renders it. Callers
 * pass ids and what they already hold, so the services that send email stay small.
 */
@Injectable()
export class EmailComposer {
  /**
   * The invitation email. Needs the request to act in `tenantId` already (the team is a tenant
   * row); staff invitations (`tenantId` null) use the provider's locale and zone.
   */
  async invitation(input: {
    to: string;
    inviteeName: string | null;
    role: Role;
    tenantId: string | null;
    teamId: string | null;
    invitedBy: string | null;
    link: string;
    expiresAt: Date;
  }): Promise<EmailMessage> {
    const [details] = await requestContext().uow.query<OrganisationSettings & { inviterName: string | null; teamName: string | null }>(
      `SELECT (SELECT display_name FROM user_account WHERE id = $1) AS "inviterName",
              t.name AS "organisationName", t.locale, t.time_zone AS "timeZone",
              (SELECT name FROM team WHERE tenant_id = $2 AND id = $3) AS "teamName"
         FROM (VALUES (1)) AS one LEFT JOIN tenant t ON t.id = $2`,
      [input.invitedBy, input.tenantId, input.teamId],
    );
    return invitationEmail({
      to: input.to,
      locale: emailLocale(organisationSettings(details)),
      inviteeName: input.inviteeName,
      inviterName: details?.inviterName ?? null,
      role: input.role,
      organisationName: details?.organisationName ?? null,
      teamName: details?.teamName ?? null,
      link: input.link,
      expiresAt: input.expiresAt,
    });
  }

  /**
   * The password-reset email, greeting the account holder by name in the locale and zone of the
   * first organisation they joined that is still active (the provider's for staff). Acts as the
   * account holder so that row-level security shows their own memberships: call it only where
   * the request acts for no one else, as a reset request does.
   */
  async passwordReset(input: { to: string; userId: string; link: string; expiresAt: Date }): Promise<EmailMessage> {
    const { uow } = requestContext();
    await uow.actAs({ userId: input.userId });
    const rows = await uow.query<OrganisationSettings & { name: string }>(
      `SELECT u.display_name AS name, t.name AS "organisationName", t.locale, t.time_zone AS "timeZone"
         FROM user_account u
         LEFT JOIN LATERAL (
           SELECT t.name, t.locale, t.time_zone
             FROM tenant_membership m JOIN tenant t ON t.id = m.tenant_id
            WHERE m.user_id = u.id AND t.status = 'ACTIVE'
            ORDER BY m.created_at, t.name
            LIMIT 1
         ) t ON true
        WHERE u.id = $1`,
      [input.userId],
    );
    const details = oneRow(rows, 'user_account');
    return passwordResetEmail({
      to: input.to,
      locale: emailLocale(organisationSettings(details)),
      name: details.name,
      link: input.link,
      expiresAt: input.expiresAt,
    });
  }
}

function organisationSettings(details: OrganisationSettings | undefined): { locale: string; timeZone: string } | null {
  return details?.organisationName && details.locale && details.timeZone ? { locale: details.locale, timeZone: details.timeZone } : null;
}
