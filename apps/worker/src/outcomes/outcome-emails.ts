import type { MeasurementPoint } from '@lena/domain';
import type { EmailMessage } from '@lena/jobs';
import type { OutcomeRecipient } from './outcome-request.repository';

/*
 * The outcomes emails. Each goes to one person, names only them, and carries their own link;
 * nothing in it says who else was asked.
 */

/** The questionnaire page's address for a link's secret: in the fragment, which browsers never send to a server. */
export function measuresPageUrl(clientPortalUrl: string, token: string): string {
  return `${clientPortalUrl}/measures.html#${token}`;
}

/** "Friday 26 March 2027" in the programme's own time zone. */
function day(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

const SUBJECTS: Record<MeasurementPoint, (title: string) => string> = {
  BASELINE: (title) => `Before ${title} begins: a short questionnaire`,
  MIDPOINT: (title) => `Halfway through ${title}: a short questionnaire`,
  FINAL: (title) => `As ${title} ends: a short questionnaire`,
  FOLLOW_UP: (title) => `Since ${title}: a short follow-up questionnaire`,
};

const WHY: Record<MeasurementPoint, string> = {
  BASELINE:
    'Before the group begins, we ask everyone taking part a few questions about how work has been for them lately, so that you and your organisation can later see what changed.',
  MIDPOINT: 'You are halfway through the programme: the same few questions again, so you can see how things are moving.',
  FINAL: 'The programme has ended: the same questions as at the start, so you can see what has changed.',
  FOLLOW_UP: 'Some time has passed since the programme ended: the same questions once more, to see what has lasted.',
};

const PRIVACY = [
  'Your answers are stored without your name, your email address or this link. Your organisation and facilitators see only',
  'combined results, and only once at least five people have answered. You can see your own scores under "My measures" in Lena.',
].join('\n');

/** The first email: the person's single-use link, when the point's window opens. */
export function outcomeInvitationEmail(recipient: OutcomeRecipient, url: string): EmailMessage {
  return {
    to: recipient.email,
    subject: SUBJECTS[recipient.point](recipient.programmeTitle),
    text: [
      `Hello ${recipient.name},`,
      '',
      WHY[recipient.point],
      'It takes about five minutes and works on a phone.',
      '',
      url,
      '',
      `The link is yours alone and works once, until ${day(recipient.closesAt, recipient.timeZone)}. No sign-in is needed.`,
      '',
      PRIVACY,
    ].join('\n'),
  };
}

/** The one reminder, with a new link: only the first link's hash was stored, so it cannot be sent again. */
export function outcomeReminderEmail(recipient: OutcomeRecipient, url: string): EmailMessage {
  return {
    to: recipient.email,
    subject: `Reminder: your questionnaire for ${recipient.programmeTitle}`,
    text: [
      `Hello ${recipient.name},`,
      '',
      `There is still time to answer the questionnaire for ${recipient.programmeTitle}.`,
      '',
      url,
      '',
      `This new link replaces the one in our first email, which no longer works. It works once, until ${day(recipient.closesAt, recipient.timeZone)}.`,
      'If you have already answered, thank you: there is nothing more to do.',
      '',
      PRIVACY,
    ].join('\n'),
  };
}
