import { SERVICE_TYPE_NAMES } from '@lena/domain';
import { sessionEventUid } from '@lena/jobs';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { AgendaSession } from './dtos/agenda.type';

/**
 * Someone's sessions as an iCalendar subscription (METHOD:PUBLISH: a calendar app shows them,
 * nobody is asked to reply). Each session keeps one UID for ever, `<session id>@lena`, and its
 * SEQUENCE is the session's calendar_sequence, so a moved session updates the entry a calendar
 * already has instead of adding a second, and a cancelled one shows as cancelled. Times are in
 * UTC. Built only from what the agenda already shows the person: no attendees, so no other
 * participant's name or address can appear.
 */
export function agendaCalendar(sessions: readonly AgendaSession[], name: string): string {
  const calendar = ical({
    name,
    prodId: { company: 'Lena', product: 'Sessions', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // Calendar apps poll a subscription; an hour keeps changes timely without hammering the API.
    ttl: 60 * 60,
  });
  for (const session of sessions) {
    const joining = [session.videoLink && `Join online: ${session.videoLink}`, session.location && `Where: ${session.location}`].filter(Boolean);
    calendar.createEvent({
      // The UID the emailed invitations use too (@lena/jobs), so a subscription and an invitation are one event.
      id: sessionEventUid(session.id),
      sequence: session.calendarSequence,
      start: session.startsAt,
      end: session.endsAt,
      summary: `${session.programmeTitle}: session ${session.sequence}`,
      description: [`${SERVICE_TYPE_NAMES[session.serviceType]} for ${session.tenantName}.`, ...joining, session.statusReason && `Note: ${session.statusReason}`]
        .filter(Boolean)
        .join('\n'),
      location: session.location ?? session.videoLink,
      url: session.videoLink,
      status: session.status === 'CANCELLED' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
