import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/**
 * Calendar files for the emails about group sessions (RFC 5545 / iTIP), built with ical-generator.
 * Every file is made for ONE person: its only ATTENDEE is that person, so no participant ever sees
 * another's name or address in a calendar. Each session is one VEVENT whose UID never changes
 * (`<session id>@lena`) and whose SEQUENCE is the session's `calendar_sequence`, so a later
 * update or cancellation replaces the event already in the person's calendar. Times are written
 * in UTC: each VEVENT is a single occurrence at an exact instant, which every calendar shows in
 * its own zone, with no VTIMEZONE rules that could go stale.
 */

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarSession {
  /** The group_session id: the event's UID is derived from it. */
  id: string;
  /** group_session.calendar_sequence: raised on every change a calendar should pick up. */
  calendarSequence: number;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description?: string;
  /** Where it happens: a place, or "Online". */
  location?: string | null;
  /** The video link of an online or hybrid session. */
  url?: string | null;
}

export interface CalendarFileInput {
  /** Who the invitation comes from (the provider's sending address). */
  organizer: CalendarPerson;
  /** The one person this file is for. */
  recipient: CalendarPerson;
  /** DTSTAMP: when this version of the file was made. */
  stamp: Date;
}

const PRODUCT_ID = { company: 'Lena', product: 'Group sessions', language: 'EN' };

/** The UID of a session's event: stable for the session's whole life. */
export function sessionEventUid(sessionId: string): string {
  return `${sessionId}@lena`;
}

function calendarFile(method: ICalCalendarMethod, input: CalendarFileInput, sessions: readonly CalendarSession[], status: ICalEventStatus, reason?: string): string {
  const calendar = ical({ prodId: PRODUCT_ID, method });
  for (const session of sessions) {
    calendar.createEvent({
      id: sessionEventUid(session.id),
      sequence: session.calendarSequence,
      stamp: input.stamp,
      start: session.startsAt,
      end: session.endsAt,
      summary: session.summary,
      description: reason ? `${session.description ?? ''}\n\nCancelled: ${reason}`.trim() : (session.description ?? null),
      location: session.location ?? null,
      url: session.url ?? null,
      status,
      organizer: { name: input.organizer.name, email: input.organizer.email },
      // The recipient alone: iTIP needs the attendee the message is for, and nobody else is listed.
      attendees: [
        {
          name: input.recipient.name,
          email: input.recipient.email,
          role: ICalAttendeeRole.REQ,
          status: status === ICalEventStatus.CANCELLED ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.NEEDSACTION,
          rsvp: false,
        },
      ],
    });
  }
  return calendar.toString();
}

/** METHOD:REQUEST with one VEVENT per session: the invitation to a series (or to a changed session). */
export function sessionInvitationCalendar(input: CalendarFileInput & { sessions: readonly CalendarSession[] }): string {
  if (input.sessions.length === 0) throw new Error('An invitation needs at least one session.');
  return calendarFile(ICalCalendarMethod.REQUEST, input, input.sessions, ICalEventStatus.CONFIRMED);
}

/** METHOD:CANCEL for one session (its calendar_sequence already raised past the last invitation's). */
export function sessionCancellationCalendar(input: CalendarFileInput & { session: CalendarSession; reason: string }): string {
  return calendarFile(ICalCalendarMethod.CANCEL, input, [input.session], ICalEventStatus.CANCELLED, input.reason);
}
