import { Injectable } from '@nestjs/common';
import type { Role } from '@lena/domain';
import { requestContext } from '../common/request-context';
import { EmailDetailsRepository, type OrganisationSettings } from './email-details.repository';
import { emailLocale, invitationEmail, passwordResetEmail } from './email-templates';
import type { EmailMessage } from './outbox.service';

/**
 * Reads what an email says about the people and places it names (the inviter, the organisation
 * and its locale and time zone, the team) in the request's transaction, and renders it. Callers
 * pass ids and what they already hold, so the services that send email stay small.
 */
@Injectable()
export class EmailComposer {
  constructor(private readonly details: EmailDetailsRepository) {}

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
    const details = await this.details.forInvitation(input);
    return invitationEmail({
      to: input.to,
      locale: emailLocale(organisationSettings(details)),
      inviteeName: input.inviteeName,
      inviterName: details.inviterName,
      role: input.role,
      organisationName: details.organisationName,
      teamName: details.teamName,
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
    await requestContext().uow.actAs({ userId: input.userId });
    const details = await this.details.forPasswordReset(input.userId);
    if (!details) throw new Error('A password-reset email names an account that does not exist.');
    return passwordResetEmail({
      to: input.to,
      locale: emailLocale(organisationSettings(details)),
      name: details.name,
      link: input.link,
      expiresAt: input.expiresAt,
    });
  }
}

/** An organisation's own settings only when it has them all; otherwise the provider's. */
function organisationSettings(details: OrganisationSettings): { locale: string; timeZone: string } | null {
  return details.organisationName && details.locale && details.timeZone ? { locale: details.locale, timeZone: details.timeZone } : null;
}
