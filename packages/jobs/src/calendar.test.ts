import ICAL from 'ical.js';
import { sessionCancellationCalendar, sessionEventUid, sessionInvitationCalendar, type CalendarSession } from './calendar';

// Parsed back with ical.js (Mozilla's parser), not with the library that wrote the files.
function parse(content: string): { method: string; events: ICAL.Component[] } {
  const calendar = new ICAL.Component(ICAL.parse(content));
  return { method: String(calendar.getFirstPropertyValue('method')), events: calendar.getAllSubcomponents('vevent') };
}

const organizer = { name: 'Lena', email: 'no-reply@lena.test' };
const recipient = { name: 'Priya Shah', email: 'priya@northshire-cp.test' };
const sessions: CalendarSession[] = [
  {
    id: '0b6f3c52-7f6e-4f3e-9b1a-1f2d3c4b5a61',
    calendarSequence: 0,
    startsAt: new Date('2027-03-24T10:00:00Z'),
    endsAt: new Date('2027-03-24T11:30:00Z'),
    summary: 'Reflective practice: session 1 of 2',
    location: 'Online',
    url: 'https://meet.example.org/grp',
  },
  {
    id: '6a1e2d3c-4b5a-4f6e-8d7c-9b0a1f2e3d4c',
    calendarSequence: 3,
    startsAt: new Date('2027-03-31T09:00:00Z'),
    endsAt: new Date('2027-03-31T10:30:00Z'),
    summary: 'Reflective practice: session 2 of 2',
  },
];

describe('calendar files', () => {
  it('invite to a series with METHOD:REQUEST, one event per session, stable UIDs and the sessions’ SEQUENCE', () => {
    const { method, events } = parse(sessionInvitationCalendar({ organizer, recipient, stamp: new Date('2027-03-01T00:00:00Z'), sessions }));
    expect(method).toBe('REQUEST');
    expect(events.map((event) => event.getFirstPropertyValue('uid'))).toEqual([sessionEventUid(sessions[0]!.id), sessionEventUid(sessions[1]!.id)]);
    expect(events.map((event) => event.getFirstPropertyValue('sequence'))).toEqual([0, 3]);
    const first = new ICAL.Event(events[0]!);
    expect(first.startDate.toJSDate().toISOString()).toBe('2027-03-24T10:00:00.000Z');
    expect(first.startDate.zone.tzid).toBe('UTC');
    expect(first.endDate.toJSDate().toISOString()).toBe('2027-03-24T11:30:00.000Z');
    expect(first.location).toBe('Online');
  });

  it('lists the recipient as the only attendee', () => {
    const content = sessionInvitationCalendar({ organizer, recipient, stamp: new Date(), sessions });
    for (const event of parse(content).events) {
      expect(event.getAllProperties('attendee').map((attendee) => String(attendee.getFirstValue()).toLowerCase())).toEqual([`mailto:${recipient.email}`]);
    }
  });

  it('cancel one session with METHOD:CANCEL and the same UID', () => {
    const session = { ...sessions[0]!, calendarSequence: 1 };
    const { method, events } = parse(sessionCancellationCalendar({ organizer, recipient, stamp: new Date(), session, reason: 'The facilitator is unwell.' }));
    expect(method).toBe('CANCEL');
    expect(events).toHaveLength(1);
    expect(events[0]!.getFirstPropertyValue('uid')).toBe(sessionEventUid(session.id));
    expect(events[0]!.getFirstPropertyValue('sequence')).toBe(1);
    expect(events[0]!.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(String(events[0]!.getFirstPropertyValue('description'))).toContain('The facilitator is unwell.');
  });
});
