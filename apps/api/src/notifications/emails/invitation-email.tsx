import type { Role } from '@lena/domain';
import { EMAIL_COPY } from './email-copy';
import { EmailLayout, Paragraph } from './email-layout';
import { formatDateTime, type EmailLocale } from './email-locale';

export interface InvitationEmailProps {
  locale: EmailLocale;
  /** The name the inviter typed for the person, if any. */
  inviteeName: string | null;
  inviterName: string | null;
  role: Role;
  /** Null for provider staff, who join no organisation. */
  organisationName: string | null;
  /** The team a participant is invited into. */
  teamName: string | null;
  link: string;
  expiresAt: Date;
}

export function invitationSubject(props: InvitationEmailProps): string {
  return EMAIL_COPY[props.locale.language].invitation.subject(props);
}

export function InvitationEmail(props: InvitationEmailProps) {
  const copy = EMAIL_COPY[props.locale.language];
  const intro = copy.invitation.intro(props);
  return (
    <EmailLayout
      locale={props.locale}
      copy={copy}
      preview={intro}
      greetingName={props.inviteeName}
      action={{ href: props.link, label: copy.invitation.button }}
      afterAction={<Paragraph>{copy.invitation.notExpected}</Paragraph>}
    >
      <Paragraph>{intro}</Paragraph>
      {props.teamName ? <Paragraph>{copy.invitation.team(props.teamName)}</Paragraph> : null}
      <Paragraph>{copy.invitation.about}</Paragraph>
      <Paragraph>{copy.invitation.accept(formatDateTime(props.expiresAt, props.locale))}</Paragraph>
    </EmailLayout>
  );
}
