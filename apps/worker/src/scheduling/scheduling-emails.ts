import { describeReminderNotice, SERVICE_TYPE_NAMES } from '@lena/domain';
import { sessionCancellationCalendar, sessionInvitationCalendar, type CalendarPerson, type CalendarSession, type EmailMessage } from '@lena/jobs';
import type { DueReminder } from './reminder.repository';
import type { ProgrammeRecipient, ProgrammeToExpand, StoredSession } from './series.repository';
import type { ChangedSession } from './session-calendar.repository';

/*
 * The scheduling emails. Each goes to one person and names nobody else: no list of participants,
 * no other address, and a calendar file whose only attendee is the recipient.
 */

/** "Wednesday 24 March 2027 at 10:00 (Europe/London)": the programme's own local time, with its zone named. */
export function formatSessionTime(instant: Date, timeZone: string): string {
  // From parts: en-GB puts a comma after the weekday, which British style leaves out.
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const date = `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
  return `${date} at ${time} (${timeZone})`;
}

function whereToJoin(place: { deliveryMode: 'ONLINE' | 'IN_PERSON' | 'HYBRID'; videoLink: string | null; location: string | null }): string {
  const online = place.videoLink ? `Join online: ${place.videoLink}` : 'The joining link will follow from your facilitator.';
  const inPerson = place.location ? `Venue: ${place.location}` : 'Your facilitator will confirm the venue.';
  if (place.deliveryMode === 'ONLINE') return online;
  if (place.deliveryMode === 'IN_PERSON') return inPerson;
  return `${inPerson}\nOr ${online.charAt(0).toLowerCase()}${online.slice(1)}`;
}

/** The address inside MAIL_FROM (`"Lena" <no-reply@lena.test>`), for the calendar's ORGANIZER. */
export function organizerFrom(mailFrom: string): CalendarPerson {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return { name: 'Lena', email: address };
}

/** The invitation to a newly scheduled series, with a calendar file of all its sessions. */
export function seriesInvitationEmail(input: {
  programme: ProgrammeToExpand;
  sessions: readonly StoredSession[];
  recipient: ProgrammeRecipient;
  organizer: CalendarPerson;
  now: Date;
}): EmailMessage {
  const { programme, sessions, recipient } = input;
  const lines = sessions.map((session) => `  ${session.sequence}. ${formatSessionTime(session.startsAt, programme.timeZone)}`);
  const calendar = sessionInvitationCalendar({
    organizer: input.organizer,
    recipient: { name: recipient.name, email: recipient.email },
    stamp: input.now,
    sessions: sessions.map((session) => ({
      id: session.id,
      calendarSequence: session.calendarSequence,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      summary: `${programme.title}: session ${session.sequence} of ${programme.sessionCount}`,
      description: `${SERVICE_TYPE_NAMES[programme.serviceType]}. ${whereToJoin(programme)}`,
      location: programme.deliveryMode === 'ONLINE' ? 'Online' : programme.location,
      url: programme.videoLink,
    })),
  });
  return {
    to: recipient.email,
    subject: `Your sessions for ${programme.title}`,
    text: [
      `Hello ${recipient.name},`,
      '',
      `The sessions of ${programme.title} (${SERVICE_TYPE_NAMES[programme.serviceType]}) are now scheduled:`,
      '',
      ...lines,
      '',
      whereToJoin(programme),
      '',
      'The attached calendar file adds every session to your calendar. If a session changes, we will send you an update.',
    ].join('\n'),
    calendar: { method: 'REQUEST', content: calendar },
  };
}

/** A reminder of one session to one person. */
export function sessionReminderEmail(reminder: DueReminder, recipient: ProgrammeRecipient): EmailMessage {
  return {
    to: recipient.email,
    subject: `Reminder: ${reminder.programmeTitle} ${describeReminderNotice(reminder.offsetMinutes)}`,
    text: [
      `Hello ${recipient.name},`,
      '',
      `Session ${reminder.sequence} of ${reminder.sessionCount} of ${reminder.programmeTitle} starts ${describeReminderNotice(reminder.offsetMinutes)}: ${formatSessionTime(reminder.startsAt, reminder.timeZone)}.`,
      '',
      whereToJoin(reminder),
    ].join('\n'),
  };
}

/** A changed session, to one person: the update (METHOD REQUEST) or the cancellation (METHOD CANCEL) for their calendar. */
export function sessionChangeEmail(input: { session: ChangedSession; recipient: ProgrammeRecipient; organizer: CalendarPerson; now: Date }): EmailMessage {
  const { session, recipient } = input;
  const name = `session ${session.sequence} of ${session.sessionCount} of ${session.programmeTitle}`;
  const event: CalendarSession = {
    id: session.id,
    calendarSequence: session.calendarSequence,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    summary: `${session.programmeTitle}: session ${session.sequence} of ${session.sessionCount}`,
    description: `${SERVICE_TYPE_NAMES[session.serviceType]}. ${whereToJoin(session)}`,
    location: session.deliveryMode === 'ONLINE' ? 'Online' : session.location,
    url: session.videoLink,
  };
  const person = { name: recipient.name, email: recipient.email };
  if (session.status === 'CANCELLED') {
    const reason = session.statusReason ?? 'No reason was given.';
    return {
      to: recipient.email,
      subject: `Cancelled: ${session.programmeTitle}, session ${session.sequence}`,
      text: [
        `Hello ${recipient.name},`,
        '',
        `${name.charAt(0).toUpperCase()}${name.slice(1)}, on ${formatSessionTime(session.startsAt, session.timeZone)}, is cancelled.`,
        '',
        `Reason: ${reason}`,
        '',
        'The attached calendar file removes it from your calendar.',
      ].join('\n'),
      calendar: { method: 'CANCEL', content: sessionCancellationCalendar({ organizer: input.organizer, recipient: person, stamp: input.now, session: event, reason }) },
    };
  }
  return {
    to: recipient.email,
    subject: `Changed: ${session.programmeTitle}, session ${session.sequence}`,
    text: [
      `Hello ${recipient.name},`,
      '',
      `${name.charAt(0).toUpperCase()}${name.slice(1)} is now on ${formatSessionTime(session.startsAt, session.timeZone)}.`,
      '',
      whereToJoin(session),
      '',
      'The attached calendar file updates it in your calendar.',
    ].join('\n'),
    calendar: { method: 'REQUEST', content: sessionInvitationCalendar({ organizer: input.organizer, recipient: person, stamp: input.now, sessions: [event] }) },
  };
}
