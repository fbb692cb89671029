import { EMAIL_COPY } from './email-copy';
import { EmailLayout, Paragraph } from './email-layout';
import { formatDateTime, type EmailLocale } from './email-locale';

export interface PasswordResetEmailProps {
  locale: EmailLocale;
  /** The account holder's name. */
  name: string;
  link: string;
  expiresAt: Date;
}

export function passwordResetSubject(props: PasswordResetEmailProps): string {
  return EMAIL_COPY[props.locale.language].passwordReset.subject;
}

export function PasswordResetEmail(props: PasswordResetEmailProps) {
  const copy = EMAIL_COPY[props.locale.language];
  return (
    <EmailLayout
      locale={props.locale}
      copy={copy}
      preview={copy.passwordReset.intro}
      greetingName={props.name}
      action={{ href: props.link, label: copy.passwordReset.button }}
      afterAction={<Paragraph>{copy.passwordReset.notYou}</Paragraph>}
    >
      <Paragraph>{copy.passwordReset.intro}</Paragraph>
      <Paragraph>{copy.passwordReset.expiry(formatDateTime(props.expiresAt, props.locale))}</Paragraph>
    </EmailLayout>
  );
}
