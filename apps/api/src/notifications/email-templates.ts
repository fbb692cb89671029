import type { Role } from '@lena/domain';
import type { EmailMessage } from './outbox.service';

const ROLE_NAMES: Record<Role, string> = {
  PLATFORM_ADMIN: 'a platform administrator',
  FACILITATOR: 'a facilitator',
  ORG_ADMIN: 'an organisation administrator',
  PARTICIPANT: 'a participant',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function layout(paragraphs: string[], link: { href: string; label: string }): string {
  return `<!doctype html><html lang="en-GB"><body style="font-family:Arial,sans-serif;color:#1b1b1b;line-height:1.5">
${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
<p><a href="${escapeHtml(link.href)}" style="background:#1d4f91;color:#fff;padding:10px 16px;text-decoration:none;border-radius:4px">${escapeHtml(link.label)}</a></p>
<p style="color:#555">If the button does not work, copy this address into your browser: ${escapeHtml(link.href)}</p>
</body></html>`;
}

export function invitationEmail(input: {
  to: string;
  role: Role;
  organisationName: string | null;
  link: string;
  expiresAt: Date;
}): EmailMessage {
  const where = input.organisationName ? ` for ${input.organisationName}` : ' at Lena';
  const expiry = input.expiresAt.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });
  const paragraphs = [
    'Hello,',
    `You have been invited to join Lena as ${ROLE_NAMES[input.role]}${where}. Lena is where your group reflective practice and group supervision sessions are arranged.`,
    `Choose a password to accept. The link can be used once and works until ${expiry} (UK time).`,
    'If you were not expecting this invitation, you can ignore this email.',
  ];
  return {
    to: input.to,
    subject: `Your invitation to Lena${where}`,
    text: `${paragraphs.join('\n\n')}\n\nAccept your invitation: ${input.link}\n`,
    html: layout(paragraphs, { href: input.link, label: 'Accept invitation' }),
  };
}

export function passwordResetEmail(input: { to: string; link: string }): EmailMessage {
  const paragraphs = [
    'Hello,',
    'Someone asked to reset the password for your Lena account. The link below works once, for one hour.',
    'If it was not you, ignore this email: your password stays as it is.',
  ];
  return {
    to: input.to,
    subject: 'Reset your Lena password',
    text: `${paragraphs.join('\n\n')}\n\nReset your password: ${input.link}\n`,
    html: layout(paragraphs, { href: input.link, label: 'Reset password' }),
  };
}
