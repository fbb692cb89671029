import type { Role } from '@lena/domain';
import type { EmailLanguage } from './email-locale';

/** Who sent an invitation, and where to. Names are given as typed: the templates escape them. */
export interface InvitationWording {
  inviterName: string | null;
  organisationName: string | null;
  role: Role;
}

/** Every sentence of every email, in one language. Dates arrive already formatted for the reader. */
export interface EmailCopy {
  greeting(name: string | null): string;
  buttonFallback: string;
  signOff: string;
  signature: string;
  invitation: {
    subject(wording: InvitationWording): string;
    intro(wording: InvitationWording): string;
    team(teamName: string): string;
    about: string;
    accept(expiry: string): string;
    notExpected: string;
    button: string;
  };
  passwordReset: {
    subject: string;
    intro: string;
    expiry(expiry: string): string;
    notYou: string;
    button: string;
  };
}

const ENGLISH_ROLES: Record<Role, string> = {
  PLATFORM_ADMIN: 'a platform administrator',
  FACILITATOR: 'a facilitator',
  ORG_ADMIN: 'an organisation administrator',
  PARTICIPANT: 'a participant',
};

// After "fel" (as) a noun keeps its radical form.
const WELSH_ROLES: Record<Role, string> = {
  PLATFORM_ADMIN: 'gweinyddwr platfform',
  FACILITATOR: 'hwylusydd',
  ORG_ADMIN: 'gweinyddwr sefydliad',
  PARTICIPANT: 'cyfranogwr',
};

const english: EmailCopy = {
  greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
  buttonFallback: 'If the button does not work, copy this address into your browser:',
  signOff: 'Best wishes,',
  signature: 'Lena',
  invitation: {
    subject: ({ organisationName, role }) => (organisationName ? `Your invitation to join ${organisationName} on Lena` : `Your invitation to join Lena as ${ENGLISH_ROLES[role]}`),
    intro: ({ inviterName, organisationName, role }) => {
      const who = inviterName ? `${inviterName} has invited you` : 'You have been invited';
      const where = organisationName ? `${organisationName} on Lena` : 'Lena';
      return `${who} to join ${where} as ${ENGLISH_ROLES[role]}.`;
    },
    team: (teamName) => `You will be part of the team “${teamName}”.`,
    about: 'Lena is where group reflective practice and group supervision sessions are arranged.',
    accept: (expiry) => `To accept, open the link below. It works once, until ${expiry}.`,
    notExpected: 'If you were not expecting this invitation, you can ignore this email.',
    button: 'Accept invitation',
  },
  passwordReset: {
    subject: 'Reset your Lena password',
    intro: 'Someone asked to reset the password for your Lena account.',
    expiry: (expiry) => `The link below works once, until ${expiry}.`,
    notYou: 'If it was not you, you can ignore this email: your password stays as it is.',
    button: 'Reset password',
  },
};

// Welsh: names and dates are never placed where Welsh grammar would mutate them (after "â",
// "i", "tan"…): they follow a noun in apposition ("y sefydliad …", "y tîm …"), "Mae" or a colon,
// all of which leave them whole.
const welsh: EmailCopy = {
  greeting: (name) => (name ? `Helo ${name},` : 'Helo,'),
  buttonFallback: 'Os nad yw’r botwm yn gweithio, copïwch y cyfeiriad hwn i’ch porwr:',
  signOff: 'Cofion cynnes,',
  signature: 'Lena',
  invitation: {
    subject: ({ organisationName, role }) =>
      organisationName ? `Eich gwahoddiad i ymuno â’r sefydliad ${organisationName} ar Lena` : `Eich gwahoddiad i ymuno â Lena fel ${WELSH_ROLES[role]}`,
    intro: ({ inviterName, organisationName, role }) => {
      const who = inviterName ? `Mae ${inviterName} wedi eich gwahodd` : 'Rydych chi wedi cael gwahoddiad';
      const where = organisationName ? `â’r sefydliad ${organisationName} ar Lena` : 'â Lena';
      return `${who} i ymuno ${where} fel ${WELSH_ROLES[role]}.`;
    },
    team: (teamName) => `Byddwch chi’n rhan o’r tîm “${teamName}”.`,
    about: 'Lena yw’r lle i drefnu sesiynau ymarfer myfyriol grŵp a goruchwyliaeth grŵp.',
    accept: (expiry) => `I dderbyn, agorwch y ddolen isod. Mae’n gweithio unwaith yn unig, a daw i ben ar yr adeg hon: ${expiry}.`,
    notExpected: 'Os nad oeddech chi’n disgwyl y gwahoddiad hwn, gallwch anwybyddu’r e-bost hwn.',
    button: 'Derbyn y gwahoddiad',
  },
  passwordReset: {
    subject: 'Ailosod eich cyfrinair Lena',
    intro: 'Gofynnodd rhywun am gael ailosod y cyfrinair ar gyfer eich cyfrif Lena.',
    expiry: (expiry) => `Mae’r ddolen isod yn gweithio unwaith yn unig, a daw i ben ar yr adeg hon: ${expiry}.`,
    notYou: 'Os nad chi wnaeth ofyn, gallwch anwybyddu’r e-bost hwn: bydd eich cyfrinair yn aros fel y mae.',
    button: 'Ailosod y cyfrinair',
  },
};

export const EMAIL_COPY: Record<EmailLanguage, EmailCopy> = { en: english, cy: welsh };
