import { DateTime } from 'luxon';
import { DomainError } from '../errors/domain-error.js';
import { storedSeriesSessions } from './programme-schedule.js';

const londonTimes = (instants: string[]) => instants.map((instant) => DateTime.fromISO(instant).setZone('Europe/London').toFormat('ccc d LLL HH:mm'));

describe('storedSeriesSessions', () => {
  it('expands a weekly 10:00 London series across the spring change, keeping 10:00 local and the length in real time', () => {
    const sessions = storedSeriesSessions({
      rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=3',
      startLocal: '2027-03-24 10:00:00',
      startSlots: [],
      timeZone: 'Europe/London',
      sessionMinutes: 90,
      sessionCount: 3,
    });
    expect(sessions).toEqual([
      { sequence: 1, startsAt: '2027-03-24T10:00:00.000Z', endsAt: '2027-03-24T11:30:00.000Z' },
      { sequence: 2, startsAt: '2027-03-31T09:00:00.000Z', endsAt: '2027-03-31T10:30:00.000Z' },
      { sequence: 3, startsAt: '2027-04-07T09:00:00.000Z', endsAt: '2027-04-07T10:30:00.000Z' },
    ]);
    expect(londonTimes(sessions.map((session) => session.startsAt))).toEqual(['Wed 24 Mar 10:00', 'Wed 31 Mar 10:00', 'Wed 7 Apr 10:00']);
  });

  it('rotates among the stored start times', () => {
    const sessions = storedSeriesSessions({
      rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=4',
      startLocal: '2027-01-04T08:00:00',
      startSlots: ['08:00', '14:00', '20:00'],
      timeZone: 'Europe/London',
      sessionMinutes: 60,
      sessionCount: 4,
    });
    expect(londonTimes(sessions.map((session) => session.startsAt))).toEqual(['Mon 4 Jan 08:00', 'Mon 11 Jan 14:00', 'Mon 18 Jan 20:00', 'Mon 25 Jan 08:00']);
  });

  it("gives no more sessions than the programme's number, even from a rule without an end", () => {
    const sessions = storedSeriesSessions({
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU',
      startLocal: '2027-01-05T13:00:00',
      startSlots: [],
      timeZone: 'Australia/Sydney',
      sessionMinutes: 90,
      sessionCount: 6,
    });
    expect(sessions.map((session) => session.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sessions.at(-1)?.startsAt).toBe(DateTime.fromISO('2027-03-16T13:00:00', { zone: 'Australia/Sydney' }).toUTC().toISO());
  });

  it('refuses a stored rule that is not valid, as BAD_USER_INPUT', () => {
    expect(() =>
      storedSeriesSessions({ rrule: 'FREQ=SOMETIMES', startLocal: '2027-01-05T13:00:00', startSlots: [], timeZone: 'Europe/London', sessionMinutes: 90, sessionCount: 6 }),
    ).toThrow(DomainError);
  });
});
