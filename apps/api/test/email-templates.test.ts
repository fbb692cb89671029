import { emailLocale, invitationEmail, passwordResetEmail, PROVIDER_EMAIL_LOCALE } from '../src/notifications/email-templates';

// Renders each email as the worker will send it: no database needed. Intl writes some spaces as
// narrow no-break spaces (e.g. before "pm"), so text is compared with its spaces made plain.
const plain = (text: string) => text.replace(/\s+/g, ' ');

const LINK = 'https://client.lena.test/invitations/accept?token=abcdefghijklmnopqrstuvwxyz012345';
const RESET_LINK = 'https://client.lena.test/reset-password?token=abcdefghijklmnopqrstuvwxyz012345';
// 17:30 in London on 10 March is 06:30 the next morning in Auckland (daylight saving time there).
const EXPIRES_AT = new Date('2026-03-10T17:30:00Z');
const AUCKLAND_WELSH = { locale: 'cy-GB', timeZone: 'Pacific/Auckland' };
const AUCKLAND_ENGLISH = { locale: 'en-GB', timeZone: 'Pacific/Auckland' };

const participantInvitation = {
  to: 'sian@example.org',
  inviteeName: 'Siân Roberts',
  inviterName: 'Casey Coordinator',
  role: 'PARTICIPANT' as const,
  organisationName: 'Gwasanaeth Ambiwlans Arfordirol',
  teamName: 'Night shift',
  link: LINK,
  expiresAt: EXPIRES_AT,
};

describe('invitation email', () => {
  it('greets the invitee by name in English and names the inviter, organisation and team, with the expiry in the organisation’s zone', async () => {
    const email = await invitationEmail({ ...participantInvitation, locale: emailLocale(AUCKLAND_ENGLISH) });
    const text = plain(email.text);

    expect(email.to).toBe('sian@example.org');
    expect(email.subject).toBe('Your invitation to join Gwasanaeth Ambiwlans Arfordirol on Lena');
    expect(text.startsWith('Hello Siân Roberts,')).toBe(true);
    expect(text).toContain('Casey Coordinator has invited you to join Gwasanaeth Ambiwlans Arfordirol on Lena as a participant.');
    expect(text).toContain('You will be part of the team “Night shift”.');
    expect(text).toContain('It works once, until Wednesday, 11 March 2026 at 06:30 New Zealand Daylight Time.');
    expect(text).toContain(LINK);
    expect(text).not.toMatch(/UK time|17:30|Hello,/);
    expect(email.html).toContain('lang="en-GB"');
    expect(email.html).toContain(`href="${LINK}"`);
    expect(email.html).toContain('Accept invitation');
  });

  it('says the same in Welsh, with a Welsh date', async () => {
    const email = await invitationEmail({ ...participantInvitation, locale: emailLocale(AUCKLAND_WELSH) });
    const text = plain(email.text);

    expect(email.subject).toBe('Eich gwahoddiad i ymuno â’r sefydliad Gwasanaeth Ambiwlans Arfordirol ar Lena');
    expect(text.startsWith('Helo Siân Roberts,')).toBe(true);
    expect(text).toContain('Mae Casey Coordinator wedi eich gwahodd i ymuno â’r sefydliad Gwasanaeth Ambiwlans Arfordirol ar Lena fel cyfranogwr.');
    expect(text).toContain('Byddwch chi’n rhan o’r tîm “Night shift”.');
    expect(text).toContain('a daw i ben ar yr adeg hon: Dydd Mercher, 11 Mawrth 2026 am 06:30 Amser Haf Seland Newydd.');
    expect(text).toContain(`Derbyn y gwahoddiad ${LINK}`);
    expect(text).not.toMatch(/Hello|Accept|17:30/);
    expect(email.html).toContain('lang="cy-GB"');
    expect(email.html).toContain('Derbyn y gwahoddiad');
  });

  it.each([
    ['en-GB', 'Hello,', 'You have been invited to join Gwasanaeth Ambiwlans Arfordirol on Lena as an organisation administrator.'],
    ['cy-GB', 'Helo,', 'Rydych chi wedi cael gwahoddiad i ymuno â’r sefydliad Gwasanaeth Ambiwlans Arfordirol ar Lena fel gweinyddwr sefydliad.'],
  ])('in %s, greets neutrally when no name was typed and leaves out the inviter and team it does not know', async (locale, greeting, intro) => {
    const email = await invitationEmail({
      ...participantInvitation,
      role: 'ORG_ADMIN',
      inviteeName: null,
      inviterName: null,
      teamName: null,
      locale: emailLocale({ locale, timeZone: 'Pacific/Auckland' }),
    });
    const text = plain(email.text);

    expect(text.startsWith(`${greeting} `)).toBe(true);
    expect(text).toContain(intro);
    expect(text).not.toMatch(/Night shift|null|undefined|“”/);
  });

  it.each([
    [
      PROVIDER_EMAIL_LOCALE,
      'Your invitation to join Lena as a facilitator',
      'Hello Amira Khan,',
      'Ben Admin has invited you to join Lena as a facilitator.',
      'until Wednesday, 1 July 2026 at 13:00 British Summer Time.',
    ],
    [
      { language: 'cy' as const, locale: 'cy-GB', timeZone: 'Europe/London' },
      'Eich gwahoddiad i ymuno â Lena fel hwylusydd',
      'Helo Amira Khan,',
      'Mae Ben Admin wedi eich gwahodd i ymuno â Lena fel hwylusydd.',
      'ar yr adeg hon: Dydd Mercher, 1 Gorffennaf 2026 am 13:00 Amser Haf Prydain.',
    ],
  ])('invites staff, who belong to no organisation, without naming one (%#)', async (locale, subject, greeting, intro, expiry) => {
    const email = await invitationEmail({
      to: 'amira@example.org',
      locale,
      inviteeName: 'Amira Khan',
      inviterName: 'Ben Admin',
      role: 'FACILITATOR',
      organisationName: null,
      teamName: null,
      link: LINK,
      expiresAt: new Date('2026-07-01T12:00:00Z'),
    });
    const text = plain(email.text);

    expect(email.subject).toBe(subject);
    expect(email.subject).not.toContain('at Lena');
    expect(text.startsWith(greeting)).toBe(true);
    expect(text).toContain(intro);
    expect(text).toContain(expiry);
  });

  it('escapes names that contain HTML, and keeps them as typed in the plain-text part', async () => {
    const email = await invitationEmail({
      ...participantInvitation,
      inviteeName: '<img src=x onerror=alert(1)>',
      inviterName: 'Eve <script>alert("inviter")</script>',
      organisationName: 'Acme & <b>Sons</b>',
      teamName: '</p><a href="https://evil.test">Click</a>',
      locale: emailLocale(AUCKLAND_ENGLISH),
    });

    expect(email.html).not.toMatch(/<img|<script|<b>|evil\.test"/);
    expect(email.html).toContain('Hello &lt;img src=x onerror=alert(1)&gt;,');
    expect(email.html).toContain('Eve &lt;script&gt;alert(&quot;inviter&quot;)&lt;/script&gt;');
    expect(email.html).toContain('Acme &amp; &lt;b&gt;Sons&lt;/b&gt;');
    expect(email.html).toContain('&lt;/p&gt;&lt;a href=&quot;https://evil.test&quot;&gt;Click&lt;/a&gt;');
    expect(email.text).toContain('Hello <img src=x onerror=alert(1)>,');
    expect(email.text).toContain('Acme & <b>Sons</b>');
  });
});

describe('password-reset email', () => {
  it.each([
    ['en-GB', 'Reset your Lena password', 'Hello Siân Roberts,', 'The link below works once, until Wednesday, 11 March 2026 at 06:30 New Zealand Daylight Time.', 'Reset password'],
    [
      'cy-GB',
      'Ailosod eich cyfrinair Lena',
      'Helo Siân Roberts,',
      'Mae’r ddolen isod yn gweithio unwaith yn unig, a daw i ben ar yr adeg hon: Dydd Mercher, 11 Mawrth 2026 am 06:30 Amser Haf Seland Newydd.',
      'Ailosod y cyfrinair',
    ],
  ])('in %s, greets the account holder by name and gives the expiry in their organisation’s zone', async (locale, subject, greeting, expiry, button) => {
    const email = await passwordResetEmail({
      to: 'sian@example.org',
      locale: emailLocale({ locale, timeZone: 'Pacific/Auckland' }),
      name: 'Siân Roberts',
      link: RESET_LINK,
      expiresAt: EXPIRES_AT,
    });
    const text = plain(email.text);

    expect(email.subject).toBe(subject);
    expect(text.startsWith(greeting)).toBe(true);
    expect(text).toContain(expiry);
    expect(text).toContain(`${button} ${RESET_LINK}`);
    expect(email.html).toContain(`lang="${locale}"`);
    expect(email.html).toContain(`href="${RESET_LINK}"`);
  });

  it('escapes an account holder’s name that contains HTML', async () => {
    const email = await passwordResetEmail({ to: 'x@example.org', locale: PROVIDER_EMAIL_LOCALE, name: '<i>Mallory</i>', link: RESET_LINK, expiresAt: EXPIRES_AT });

    expect(email.html).not.toContain('<i>Mallory');
    expect(email.html).toContain('Hello &lt;i&gt;Mallory&lt;/i&gt;,');
    expect(email.text).toContain('Hello <i>Mallory</i>,');
  });
});

describe('email locale', () => {
  it.each([
    ['en-US', 'America/New_York', 'Tuesday, March 10, 2026 at 1:30 PM Eastern Daylight Time'],
    ['en-AU', 'Australia/Sydney', 'Wednesday 11 March 2026 at 4:30 am Australian Eastern Daylight Time'],
    ['en-CA', 'America/Toronto', 'Tuesday, March 10, 2026 at 1:30 p.m. Eastern Daylight Time'],
    ['en-IE', 'Europe/Dublin', 'Tuesday 10 March 2026 at 17:30 Greenwich Mean Time'],
    ['en-NZ', 'Pacific/Auckland', 'Wednesday, 11 March 2026 at 6:30 am New Zealand Daylight Time'],
  ])('%s uses the English copy with its own date format', async (locale, timeZone, expiry) => {
    const email = await passwordResetEmail({ to: 'x@example.org', locale: emailLocale({ locale, timeZone }), name: 'Jo', link: RESET_LINK, expiresAt: EXPIRES_AT });

    expect(plain(email.text)).toContain(`Hello Jo, Someone asked to reset the password for your Lena account. The link below works once, until ${expiry}.`);
    expect(email.html).toContain(`lang="${locale}"`);
  });

  it('falls back to the provider’s locale for a language without copy, and to London for an unknown zone', () => {
    expect(emailLocale({ locale: 'fr-FR', timeZone: 'Europe/Paris' })).toEqual({ language: 'en', locale: 'en-GB', timeZone: 'Europe/Paris' });
    expect(emailLocale({ locale: 'cy', timeZone: 'Mars/Olympus_Mons' })).toEqual({ language: 'cy', locale: 'cy', timeZone: 'Europe/London' });
    expect(emailLocale({ locale: 'not a locale!', timeZone: 'Europe/London' })).toEqual(PROVIDER_EMAIL_LOCALE);
    expect(emailLocale(null)).toEqual({ language: 'en', locale: 'en-GB', timeZone: 'Europe/London' });
  });
});
