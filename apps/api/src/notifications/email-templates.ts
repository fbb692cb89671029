import { render, toPlainText } from '@react-email/render';
import { createElement, type ReactElement } from 'react';
import type { EmailMessage } from './outbox.service';
import { InvitationEmail, invitationSubject, type InvitationEmailProps } from './emails/invitation-email';
import { PasswordResetEmail, passwordResetSubject, type PasswordResetEmailProps } from './emails/password-reset-email';

export { emailLocale, PROVIDER_EMAIL_LOCALE, type EmailLocale } from './emails/email-locale';
export type { InvitationEmailProps, PasswordResetEmailProps };

/**
 * Renders a template to HTML (React escapes every name typed into it) and derives the plain-text
 * part from that same HTML, so the two parts never say different things.
 */
async function renderEmail(to: string, subject: string, element: ReactElement): Promise<EmailMessage> {
  const html = await render(element);
  return { to, subject, html, text: toPlainText(html) };
}

export function invitationEmail(input: InvitationEmailProps & { to: string }): Promise<EmailMessage> {
  const { to, ...props } = input;
  return renderEmail(to, invitationSubject(props), createElement(InvitationEmail, props));
}

export function passwordResetEmail(input: PasswordResetEmailProps & { to: string }): Promise<EmailMessage> {
  const { to, ...props } = input;
  return renderEmail(to, passwordResetSubject(props), createElement(PasswordResetEmail, props));
}
