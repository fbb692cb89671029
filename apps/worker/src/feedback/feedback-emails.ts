import type { EmailMessage } from '@lena/jobs';
import type { FeedbackRecipient } from './feedback-request.repository';

/*
 * The feedback emails. Each goes to one attendee, names only them, and carries their own link;
 * nothing in it says who else was there or who else was asked.
 */

/** The feedback page's address for a link's secret: in the fragment, which browsers never send to a server or put in its logs. */
export function feedbackPageUrl(clientPortalUrl: string, token: string): string {
  return `${clientPortalUrl}/feedback.html#${token}`;
}

/** "Friday 26 March 2027" in the programme's own time zone (from parts: en-GB puts a comma after the weekday, which British style leaves out). */
function day(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** "Wednesday 24 March 2027 at 10:00 (Europe/London)", as the scheduling emails name a session. */
function sessionTime(recipient: FeedbackRecipient): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: recipient.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(recipient.startsAt);
  return `${day(recipient.startsAt, recipient.timeZone)} at ${time} (${recipient.timeZone})`;
}

const closingDay = (recipient: FeedbackRecipient) => day(recipient.closesAt, recipient.timeZone);

function sessionName(recipient: FeedbackRecipient): string {
  return `session ${recipient.sequence} of ${recipient.sessionCount} of ${recipient.programmeTitle}`;
}

const ANONYMITY = [
  'Your answers are anonymous: they are stored without your name, your email address or this link. Facilitators and',
  'your organisation see only combined results, and only once at least five people have answered.',
].join('\n');

/** The first email: the attendee's single-use link, after the session was delivered. */
export function feedbackInvitationEmail(recipient: FeedbackRecipient, url: string): EmailMessage {
  return {
    to: recipient.email,
    subject: `How was ${recipient.programmeTitle}? Your feedback`,
    text: [
      `Hello ${recipient.name},`,
      '',
      `Thank you for joining ${sessionName(recipient)} on ${sessionTime(recipient)}.`,
      'We would value a few minutes of your feedback: five short questions and an optional comment. It works on a phone.',
      '',
      url,
      '',
      `The link is yours alone and works once, until ${closingDay(recipient)}. No sign-in is needed.`,
      '',
      ANONYMITY,
    ].join('\n'),
  };
}

/** The one reminder, with a new link: only the first link's hash was stored, so it cannot be sent again. */
export function feedbackReminderEmail(recipient: FeedbackRecipient, url: string): EmailMessage {
  return {
    to: recipient.email,
    subject: `Reminder: your feedback on ${recipient.programmeTitle}`,
    text: [
      `Hello ${recipient.name},`,
      '',
      `There is still time to give feedback on ${sessionName(recipient)} on ${sessionTime(recipient)}.`,
      '',
      url,
      '',
      `This new link replaces the one in our first email, which no longer works. It works once, until ${closingDay(recipient)}.`,
      'If you have already answered, thank you: there is nothing more to do.',
      '',
      ANONYMITY,
    ].join('\n'),
  };
}
