import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { ConflictKind, findAvailabilityConflicts, type BookedSession, type FacilitatorCalendar, type ProposedSession } from './availability.js';
import type { WorkingHoursSpan } from './availability-schemas.js';

const span = (isoWeekday: number, startsLocal: string, endsLocal: string): WorkingHoursSpan => ({ isoWeekday, startsLocal, endsLocal });
const weekdays9to5 = [1, 2, 3, 4, 5].map((isoWeekday) => span(isoWeekday, '09:00', '17:00'));

/** Sam works 09:00–17:00 London time, Monday to Friday. */
const sam = (changes: Partial<FacilitatorCalendar> = {}): FacilitatorCalendar => ({
  name: 'Sam Okafor',
  timeZone: 'Europe/London',
  workingHours: weekdays9to5,
  timeOff: [],
  bookedSessions: [],
  ...changes,
});

const booked = (changes: Partial<BookedSession>): BookedSession => ({
  sessionId: 'session-other',
  startsAt: '2027-03-16T10:00:00.000Z',
  endsAt: '2027-03-16T11:30:00.000Z',
  visibleToViewer: true,
  tenantName: 'North Ambulance',
  programmeTitle: 'Night shift reflective practice',
  ...changes,
});

const check = (facilitator: FacilitatorCalendar, proposed: ProposedSession[], displayTimeZone = 'Europe/London') =>
  findAvailabilityConflicts({ proposed, facilitator, displayTimeZone });

// Tuesday 16 March 2027, 10:00–11:30 GMT.
const tuesdayMorning = { startsAt: '2027-03-16T10:00:00.000Z', endsAt: '2027-03-16T11:30:00.000Z' };

describe('findAvailabilityConflicts', () => {
  it('finds nothing for a session inside working hours with nothing else on', () => {
    expect(check(sam(), [tuesdayMorning])).toEqual([]);
  });

  describe('double bookings', () => {
    it('names the other session when the viewer may see it', () => {
      expect(check(sam({ bookedSessions: [booked({ startsAt: '2027-03-16T11:00:00.000Z', endsAt: '2027-03-16T12:00:00.000Z' })] }), [tuesdayMorning])).toEqual([
        {
          proposedIndex: 0,
          kind: ConflictKind.DOUBLE_BOOKING,
          message: 'Sam Okafor is already running Night shift reflective practice (North Ambulance) Tuesday 16 March 2027, 11:00–12:00 GMT.',
          clash: {
            sessionId: 'session-other',
            startsAt: '2027-03-16T11:00:00.000Z',
            endsAt: '2027-03-16T12:00:00.000Z',
            tenantName: 'North Ambulance',
            programmeTitle: 'Night shift reflective practice',
          },
        },
      ]);
    });

    it('gives only the times of a session in an organisation the viewer may not see', () => {
      const conflicts = check(sam({ bookedSessions: [booked({ visibleToViewer: false })] }), [tuesdayMorning]);
      expect(conflicts).toEqual([
        {
          proposedIndex: 0,
          kind: ConflictKind.DOUBLE_BOOKING,
          message: 'Sam Okafor already has another session Tuesday 16 March 2027, 10:00–11:30 GMT.',
          clash: { startsAt: '2027-03-16T10:00:00.000Z', endsAt: '2027-03-16T11:30:00.000Z' },
        },
      ]);
      expect(JSON.stringify(conflicts)).not.toMatch(/North Ambulance|Night shift|session-other/);
    });

    it('lets sessions touch end to start, and a moved session not clash with itself', () => {
      const before = booked({ sessionId: 'before', startsAt: '2027-03-16T09:00:00.000Z', endsAt: '2027-03-16T10:00:00.000Z' });
      const after = booked({ sessionId: 'after', startsAt: '2027-03-16T11:30:00.000Z', endsAt: '2027-03-16T12:30:00.000Z' });
      const itself = booked({ sessionId: 'moving', startsAt: '2027-03-16T10:30:00.000Z', endsAt: '2027-03-16T12:00:00.000Z' });
      expect(check(sam({ bookedSessions: [before, after, itself] }), [{ ...tuesdayMorning, sessionId: 'moving' }])).toEqual([]);
    });

    it('compares instants, whatever offset each time is written with', () => {
      const sydneyWritten = booked({ startsAt: '2027-03-16T21:30:00+11:00', endsAt: '2027-03-16T22:30:00+11:00' }); // 10:30–11:30 GMT
      expect(check(sam({ bookedSessions: [sydneyWritten] }), [tuesdayMorning]).map((conflict) => conflict.kind)).toEqual([ConflictKind.DOUBLE_BOOKING]);
    });
  });

  describe('time off', () => {
    it('names the time away in the viewer’s zone, across days when it spans them, without its reason', () => {
      const away = { startsAt: '2027-03-15T00:00:00.000Z', endsAt: '2027-03-20T00:00:00.000Z' };
      expect(check(sam({ timeOff: [away] }), [tuesdayMorning], 'America/New_York')).toEqual([
        {
          proposedIndex: 0,
          kind: ConflictKind.TIME_OFF,
          message: 'Sam Okafor is away from Sunday 14 March 2027, 20:00 GMT-4 to Friday 19 March 2027, 20:00 GMT-4.',
          clash: away,
        },
      ]);
    });

    it('does not count time off that ends as the session starts', () => {
      expect(check(sam({ timeOff: [{ startsAt: '2027-03-16T08:00:00.000Z', endsAt: '2027-03-16T10:00:00.000Z' }] }), [tuesdayMorning])).toEqual([]);
    });
  });

  describe('working hours, in the facilitator’s own zone', () => {
    it('names the hours that day when a session runs past them', () => {
      expect(check(sam(), [{ startsAt: '2027-03-16T16:30:00.000Z', endsAt: '2027-03-16T18:00:00.000Z' }])).toEqual([
        {
          proposedIndex: 0,
          kind: ConflictKind.OUTSIDE_WORKING_HOURS,
          message: 'The session Tuesday 16 March 2027, 16:30–18:00 GMT is outside working hours: Sam Okafor works 09:00–17:00 on Tuesdays (Europe/London time).',
          clash: null,
        },
      ]);
    });

    it('says when the facilitator does not work that day, and lists split hours in order', () => {
      const split = [span(3, '13:00', '17:00'), span(3, '08:00', '12:00')];
      const saturday = { startsAt: '2027-03-20T10:00:00.000Z', endsAt: '2027-03-20T11:00:00.000Z' };
      const wednesdayLunch = { startsAt: '2027-03-17T11:30:00.000Z', endsAt: '2027-03-17T13:30:00.000Z' };
      expect(check(sam({ workingHours: split }), [saturday, wednesdayLunch]).map((conflict) => conflict.message)).toEqual([
        'The session Saturday 20 March 2027, 10:00–11:00 GMT is outside working hours: Sam Okafor does not work on Saturdays.',
        'The session Wednesday 17 March 2027, 11:30–13:30 GMT is outside working hours: Sam Okafor works 08:00–12:00 and 13:00–17:00 on Wednesdays (Europe/London time).',
      ]);
    });

    it('reads the hours on the facilitator’s clock through a change to summer time', () => {
      // 09:00 BST on Monday 29 March is 08:00 UTC: inside; 08:00 GMT on Friday 26 March is before 09:00.
      expect(check(sam(), [{ startsAt: '2027-03-29T08:00:00.000Z', endsAt: '2027-03-29T09:00:00.000Z' }])).toEqual([]);
      expect(check(sam(), [{ startsAt: '2027-03-26T08:00:00.000Z', endsAt: '2027-03-26T09:00:00.000Z' }]).map((conflict) => conflict.kind)).toEqual([
        ConflictKind.OUTSIDE_WORKING_HOURS,
      ]);
    });

    it('checks a facilitator in Sydney against Sydney’s clock, and writes times for a viewer in London', () => {
      const sydney = sam({ name: 'Priya Nair', timeZone: 'Australia/Sydney' });
      // 10:00–11:00 AEDT on Wednesday 17 March is 23:00–00:00 GMT on the Tuesday.
      expect(check(sydney, [{ startsAt: '2027-03-16T23:00:00.000Z', endsAt: '2027-03-17T00:00:00.000Z' }])).toEqual([]);
      // 21:00 AEDT on the Tuesday: fine in London, outside hours in Sydney.
      expect(check(sydney, [tuesdayMorning]).map((conflict) => conflict.message)).toEqual([
        'The session Tuesday 16 March 2027, 10:00–11:30 GMT is outside working hours: Priya Nair works 09:00–17:00 on Tuesdays (Australia/Sydney time).',
      ]);
    });

    it('covers a session across spans that touch, and not across a gap', () => {
      const morningAndAfternoon = [span(2, '09:00', '12:00'), span(2, '12:00', '17:00')];
      const overLunch = { startsAt: '2027-03-16T11:00:00.000Z', endsAt: '2027-03-16T13:00:00.000Z' };
      expect(check(sam({ workingHours: morningAndAfternoon }), [overLunch])).toEqual([]);
      expect(check(sam({ workingHours: [span(2, '09:00', '12:00'), span(2, '12:30', '17:00')] }), [overLunch]).map((conflict) => conflict.kind)).toEqual([
        ConflictKind.OUTSIDE_WORKING_HOURS,
      ]);
    });

    it('puts a session across midnight outside working hours, since each span ends on the day it starts', () => {
      const night = { startsAt: '2027-03-15T23:00:00.000Z', endsAt: '2027-03-16T01:00:00.000Z' };
      expect(check(sam({ workingHours: [span(1, '20:00', '23:59'), span(2, '00:00', '02:00')] }), [night]).map((conflict) => conflict.message)).toEqual([
        'The session from Monday 15 March 2027, 23:00 GMT to Tuesday 16 March 2027, 01:00 GMT is outside working hours: Sam Okafor works 20:00–23:59 on Mondays (Europe/London time).',
      ]);
    });

    it('reads hours as PostgreSQL gives them back (HH:MM:SS) and instants as Dates', () => {
      const fromDatabase = sam({
        workingHours: [span(2, '09:00:00', '17:00:00')],
        timeOff: [{ startsAt: new Date('2027-03-16T11:00:00Z'), endsAt: new Date('2027-03-16T12:00:00Z') }],
      });
      expect(check(fromDatabase, [{ startsAt: new Date('2027-03-16T09:00:00Z'), endsAt: new Date('2027-03-16T10:00:00Z') }])).toEqual([]);
      expect(check(fromDatabase, [{ startsAt: new Date('2027-03-16T16:30:00Z'), endsAt: new Date('2027-03-16T17:30:00Z') }]).map((conflict) => conflict.message)).toEqual([
        'The session Tuesday 16 March 2027, 16:30–17:30 GMT is outside working hours: Sam Okafor works 09:00–17:00 on Tuesdays (Europe/London time).',
      ]);
      expect(check(fromDatabase, [tuesdayMorning])).toEqual([
        expect.objectContaining({ kind: ConflictKind.TIME_OFF, clash: { startsAt: '2027-03-16T11:00:00.000Z', endsAt: '2027-03-16T12:00:00.000Z' } }),
      ]);
    });

    it('skips the check for a facilitator who has not set working hours', () => {
      expect(check(sam({ workingHours: null }), [{ startsAt: '2027-03-20T22:00:00.000Z', endsAt: '2027-03-20T23:00:00.000Z' }])).toEqual([]);
    });

    it('treats an empty week as working no day', () => {
      expect(check(sam({ workingHours: [] }), [tuesdayMorning]).map((conflict) => conflict.message)).toEqual([
        'The session Tuesday 16 March 2027, 10:00–11:30 GMT is outside working hours: Sam Okafor does not work on Tuesdays.',
      ]);
    });
  });

  it('lists conflicts by proposed session, then double bookings by time, time off and working hours', () => {
    const facilitator = sam({
      timeOff: [{ startsAt: '2027-03-23T00:00:00.000Z', endsAt: '2027-03-24T00:00:00.000Z' }],
      bookedSessions: [
        booked({ sessionId: 'late', startsAt: '2027-03-23T18:30:00.000Z', endsAt: '2027-03-23T19:30:00.000Z' }),
        booked({ sessionId: 'early', startsAt: '2027-03-23T17:00:00.000Z', endsAt: '2027-03-23T18:30:00.000Z' }),
      ],
    });
    const conflicts = check(facilitator, [tuesdayMorning, { startsAt: '2027-03-23T17:30:00.000Z', endsAt: '2027-03-23T19:00:00.000Z' }]);
    expect(conflicts.map((conflict) => [conflict.proposedIndex, conflict.kind, conflict.clash?.sessionId])).toEqual([
      [1, ConflictKind.DOUBLE_BOOKING, 'early'],
      [1, ConflictKind.DOUBLE_BOOKING, 'late'],
      [1, ConflictKind.TIME_OFF, undefined],
      [1, ConflictKind.OUTSIDE_WORKING_HOURS, undefined],
    ]);
  });

  it.each([
    ['a proposed session that ends before it starts', { proposed: [{ startsAt: '2027-03-16T11:00:00Z', endsAt: '2027-03-16T10:00:00Z' }] }, 'A session'],
    ['a proposed session with no length', { proposed: [{ startsAt: '2027-03-16T11:00:00Z', endsAt: '2027-03-16T11:00:00Z' }] }, 'A session'],
    ['a proposed session with an unreadable time', { proposed: [{ startsAt: 'tomorrow', endsAt: '2027-03-16T11:00:00Z' }] }, 'A session'],
    ['time off that ends before it starts', { facilitator: sam({ timeOff: [{ startsAt: '2027-03-16T11:00:00Z', endsAt: '2027-03-15T11:00:00Z' }] }) }, 'Time off'],
  ])('refuses %s as BAD_USER_INPUT', (_label, change, what) => {
    let error: unknown;
    try {
      findAvailabilityConflicts({ proposed: [tuesdayMorning], facilitator: sam(), displayTimeZone: 'Europe/London', ...change });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: `${what} must have a valid start and an end after it.` });
  });
});
