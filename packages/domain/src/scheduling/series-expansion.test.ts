import { DateTime } from 'luxon';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { SeriesLimits } from './recurrence-rule.js';
import { expandRotatingSeries, expandSeries, MAX_ROTATING_START_TIMES } from './series-expansion.js';

function refusalOf(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError to be thrown.');
}

/** The wall-clock time each instant shows in a zone, to check what people there see. */
const localTimes = (instants: string[], zone: string) => instants.map((instant) => DateTime.fromISO(instant).setZone(zone).toFormat('ccc d LLL HH:mm'));

describe('expandSeries keeps the local time across daylight-saving changes', () => {
  it.each([
    {
      label: 'London in March (clocks go forward on 28 March 2027)',
      input: { rrule: 'FREQ=WEEKLY;COUNT=4', startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London' },
      utc: ['2027-03-17T10:00:00.000Z', '2027-03-24T10:00:00.000Z', '2027-03-31T09:00:00.000Z', '2027-04-07T09:00:00.000Z'],
      local: ['Wed 17 Mar 10:00', 'Wed 24 Mar 10:00', 'Wed 31 Mar 10:00', 'Wed 7 Apr 10:00'],
    },
    {
      label: 'London in October (clocks go back on 31 October 2027)',
      input: { rrule: 'FREQ=WEEKLY;COUNT=3', startLocal: '2027-10-20T10:00:00', timeZone: 'Europe/London' },
      utc: ['2027-10-20T09:00:00.000Z', '2027-10-27T09:00:00.000Z', '2027-11-03T10:00:00.000Z'],
      local: ['Wed 20 Oct 10:00', 'Wed 27 Oct 10:00', 'Wed 3 Nov 10:00'],
    },
    {
      label: 'New York in March (clocks go forward on 14 March 2027)',
      input: { rrule: 'FREQ=WEEKLY;COUNT=2', startLocal: '2027-03-10T18:30:00', timeZone: 'America/New_York' },
      utc: ['2027-03-10T23:30:00.000Z', '2027-03-17T22:30:00.000Z'],
      local: ['Wed 10 Mar 18:30', 'Wed 17 Mar 18:30'],
    },
    {
      label: 'New York in November (clocks go back on 7 November 2027)',
      input: { rrule: 'FREQ=WEEKLY;COUNT=2', startLocal: '2027-11-01T09:00', timeZone: 'America/New_York' },
      utc: ['2027-11-01T13:00:00.000Z', '2027-11-08T14:00:00.000Z'],
      local: ['Mon 1 Nov 09:00', 'Mon 8 Nov 09:00'],
    },
    {
      label: 'Sydney in April (clocks go back on 4 April 2027)',
      input: { rrule: 'FREQ=WEEKLY;COUNT=2', startLocal: '2027-03-31T09:00:00', timeZone: 'Australia/Sydney' },
      utc: ['2027-03-30T22:00:00.000Z', '2027-04-06T23:00:00.000Z'],
      local: ['Wed 31 Mar 09:00', 'Wed 7 Apr 09:00'],
    },
  ])('$label', ({ input, utc, local }) => {
    const sessions = expandSeries(input);
    expect(sessions).toEqual(utc);
    expect(localTimes(sessions, input.timeZone)).toEqual(local);
  });

  it('moves a start in the spring-forward gap forward by the gap, and keeps the usual time on other days', () => {
    // 01:30 does not exist in London on 28 March 2027 (01:00 GMT becomes 02:00 BST).
    const sessions = expandSeries({ rrule: 'FREQ=DAILY;COUNT=3', startLocal: '2027-03-27T01:30:00', timeZone: 'Europe/London' });
    expect(sessions).toEqual(['2027-03-27T01:30:00.000Z', '2027-03-28T01:30:00.000Z', '2027-03-29T00:30:00.000Z']);
    expect(localTimes(sessions, 'Europe/London')).toEqual(['Sat 27 Mar 01:30', 'Sun 28 Mar 02:30', 'Mon 29 Mar 01:30']);
  });

  it('takes the first of the two 01:30s when the clocks go back (RFC 5545)', () => {
    const [first] = expandSeries({ rrule: 'FREQ=DAILY;COUNT=1', startLocal: '2027-10-31T01:30:00', timeZone: 'Europe/London' });
    expect(first).toBe('2027-10-31T00:30:00.000Z'); // 01:30 BST, not the later 01:30 GMT
  });
});

describe('expandSeries', () => {
  it('answers UTC ISO strings ending in Z, in order, as Date#toISOString writes them', () => {
    const sessions = expandSeries({ rrule: 'FREQ=MONTHLY;BYDAY=+3WE;COUNT=12', startLocal: '2027-03-17T14:15:00', timeZone: 'Europe/London' });
    expect(sessions).toHaveLength(12);
    for (const session of sessions) expect(session).toBe(new Date(session).toISOString());
    expect([...sessions].sort()).toEqual(sessions);
    expect(new Set(sessions).size).toBe(12);
  });

  it.each([
    ['an RRULE: prefix', 'RRULE:FREQ=WEEKLY;COUNT=2'],
    ['lower case', 'freq=weekly;count=2'],
    ['spaces around it', '  FREQ=WEEKLY;COUNT=2 '],
  ])('accepts a rule with %s', (_label, rrule) => {
    expect(expandSeries({ rrule, startLocal: '2027-01-06T10:00', timeZone: 'UTC' })).toEqual(['2027-01-06T10:00:00.000Z', '2027-01-13T10:00:00.000Z']);
  });

  it.each([
    ['fortnightly', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=3', ['Wed 17 Mar 10:00', 'Wed 31 Mar 10:00', 'Wed 14 Apr 10:00']],
    ['the third Wednesday', 'FREQ=MONTHLY;BYDAY=3WE;COUNT=3', ['Wed 17 Mar 10:00', 'Wed 21 Apr 10:00', 'Wed 19 May 10:00']],
    ['the last Wednesday', 'FREQ=MONTHLY;BYDAY=-1WE;COUNT=3', ['Wed 31 Mar 10:00', 'Wed 28 Apr 10:00', 'Wed 26 May 10:00']],
    ['the 17th', 'FREQ=MONTHLY;BYMONTHDAY=17;COUNT=3', ['Wed 17 Mar 10:00', 'Sat 17 Apr 10:00', 'Mon 17 May 10:00']],
    ['the last working day (BYSETPOS)', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3', ['Wed 31 Mar 10:00', 'Fri 30 Apr 10:00', 'Mon 31 May 10:00']],
    ['a Wednesday start with BYDAY=TU (the start is not itself a session)', 'FREQ=WEEKLY;BYDAY=TU;COUNT=2', ['Tue 23 Mar 10:00', 'Tue 30 Mar 10:00']],
  ])('follows %s', (_label, rrule, local) => {
    expect(localTimes(expandSeries({ rrule, startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London' }), 'Europe/London')).toEqual(local);
  });

  describe('UNTIL', () => {
    const start = { startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London' };

    it('includes a session that starts exactly at a UTC UNTIL, and none after it', () => {
      expect(expandSeries({ ...start, rrule: 'FREQ=WEEKLY;UNTIL=20270331T090000Z' })).toEqual(['2027-03-17T10:00:00.000Z', '2027-03-24T10:00:00.000Z', '2027-03-31T09:00:00.000Z']);
      expect(expandSeries({ ...start, rrule: 'FREQ=WEEKLY;UNTIL=20270331T085959Z' })).toHaveLength(2);
    });

    it('reads a date-only UNTIL as the end of that local day', () => {
      expect(expandSeries({ ...start, rrule: 'FREQ=WEEKLY;UNTIL=20270331' })).toHaveLength(3);
      expect(expandSeries({ ...start, rrule: 'FREQ=WEEKLY;UNTIL=20270330' })).toHaveLength(2);
    });

    it('reads an UNTIL without Z as local time in the programme zone', () => {
      expect(expandSeries({ ...start, rrule: 'FREQ=WEEKLY;UNTIL=20270331T100000' })).toHaveLength(3);
      expect(expandSeries({ ...start, rrule: 'FREQ=WEEKLY;UNTIL=20270331T095959' })).toHaveLength(2);
    });

    it('refuses an UNTIL before the start and one more than five years on', () => {
      expect(refusalOf(() => expandSeries({ ...start, rrule: 'FREQ=WEEKLY;UNTIL=20270301' })).message).toMatch(/gives no sessions on or after the start/);
      expect(refusalOf(() => expandSeries({ ...start, rrule: 'FREQ=MONTHLY;UNTIL=20330101' })).message).toBe('UNTIL can be at most 5 years after the first session.');
    });

    it('refuses an UNTIL series of more than the most sessions a series may have', () => {
      expect(refusalOf(() => expandSeries({ ...start, rrule: 'FREQ=DAILY;UNTIL=20290101' })).message).toBe(`A series can have at most ${SeriesLimits.maxOccurrences} sessions.`);
    });
  });

  describe('bounds', () => {
    it('expands a rule with neither COUNT nor UNTIL for one year from the start', () => {
      const weekly = expandSeries({ rrule: 'FREQ=WEEKLY', startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London' });
      expect(weekly).toHaveLength(53);
      expect(weekly[weekly.length - 1]).toBe('2028-03-15T10:00:00.000Z');
      // Daily for a year, leap day included, is exactly the most a series may have.
      const daily = expandSeries({ rrule: 'FREQ=DAILY', startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London' });
      expect(daily).toHaveLength(SeriesLimits.maxOccurrences);
      expect(daily[daily.length - 1]).toBe('2028-03-16T10:00:00.000Z');
    });

    it('refuses a COUNT above the limit, and one the rule cannot reach within five years', () => {
      const start = { startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London' };
      expect(refusalOf(() => expandSeries({ ...start, rrule: 'FREQ=DAILY;COUNT=367' })).message).toBe('A series can have at most 366 sessions.');
      expect(refusalOf(() => expandSeries({ ...start, rrule: 'FREQ=MONTHLY;INTERVAL=12;COUNT=7' })).message).toBe(
        'This repeat rule does not fit 7 sessions within 5 years of the first.',
      );
    });

    it('refuses, before running it, a rule that might never give a session', () => {
      const start = { startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London' };
      // Unchecked, rrule searches to the year 9999 for these (over 30 s for the first).
      expect(refusalOf(() => expandSeries({ ...start, rrule: 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30' })).message).toBe('BYMONTH is not a part of a repeat rule that Lena supports.');
      expect(refusalOf(() => expandSeries({ ...start, rrule: 'FREQ=MONTHLY;BYMONTHDAY=30;COUNT=3' })).message).toMatch(/^BYMONTHDAY must list days from 1 to 28/);
    });
  });

  describe('bad input is BAD_USER_INPUT naming the field', () => {
    it.each([
      ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 'timeZone', /time zone/],
      ['a start with a Z', { startLocal: '2027-03-17T10:00:00Z' }, 'startLocal', /without a time zone offset/],
      ['a start with an offset', { startLocal: '2027-03-17T10:00:00+01:00' }, 'startLocal', /without a time zone offset/],
      ['a date without a time', { startLocal: '2027-03-17' }, 'startLocal', /without a time zone offset/],
      ['a date that does not exist', { startLocal: '2027-02-30T10:00:00' }, 'startLocal', /without a time zone offset/],
      ['a rule that is not a rule', { rrule: 'every tuesday' }, 'rrule', /NAME=VALUE/],
      ['a rule with no FREQ', { rrule: 'COUNT=3' }, 'rrule', /needs FREQ/],
    ])('%s', (_label, change, field, message) => {
      const error = refusalOf(() => expandSeries({ rrule: 'FREQ=WEEKLY;COUNT=2', startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London', ...change }));
      expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(error.fieldProblems).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it('reports every bad field at once, and a missing input without crashing', () => {
      const error = refusalOf(() => expandSeries({ rrule: 'FREQ=WEEKLY', startLocal: 'soon', timeZone: 'Nowhere' }));
      expect(error.fieldProblems.map((problem) => problem.field)).toEqual(['startLocal', 'timeZone']);
      expect(refusalOf(() => expandSeries(undefined as never)).code).toBe(ErrorCode.BAD_USER_INPUT);
      expect(refusalOf(() => expandSeries({} as never)).fieldProblems).toEqual([
        { field: 'rrule', message: 'Enter a repeat rule.' },
        { field: 'startLocal', message: expect.any(String) },
        { field: 'timeZone', message: expect.any(String) },
      ]);
      expect(refusalOf(() => expandSeries({ rrule: 'FREQ=FORTNIGHTLY', startLocal: '2027-03-17T10:00', timeZone: 'Nowhere' })).fieldProblems).toEqual([
        { field: 'rrule', message: 'FREQ must be DAILY, WEEKLY or MONTHLY.' },
        { field: 'timeZone', message: 'Choose a time zone from the list, for example Europe/London.' },
      ]);
    });
  });
});

describe('expandRotatingSeries', () => {
  const shifts = { rrule: 'FREQ=DAILY;COUNT=6', startDate: '2027-03-26', startTimes: ['08:00', '14:00', '20:00'], timeZone: 'Europe/London' };

  it('starts session i at start time i mod n, still at local time across the March change', () => {
    const sessions = expandRotatingSeries(shifts);
    expect(localTimes(sessions, 'Europe/London')).toEqual(['Fri 26 Mar 08:00', 'Sat 27 Mar 14:00', 'Sun 28 Mar 20:00', 'Mon 29 Mar 08:00', 'Tue 30 Mar 14:00', 'Wed 31 Mar 20:00']);
    expect(sessions[2]).toBe('2027-03-28T19:00:00.000Z'); // 20:00 BST on the day the clocks change
  });

  it('rotates weekly sessions in a US zone too', () => {
    const sessions = expandRotatingSeries({ rrule: 'FREQ=WEEKLY;COUNT=4', startDate: '2027-03-09', startTimes: ['07:00', '19:00'], timeZone: 'America/New_York' });
    expect(sessions).toEqual(['2027-03-09T12:00:00.000Z', '2027-03-16T23:00:00.000Z', '2027-03-23T11:00:00.000Z', '2027-03-30T23:00:00.000Z']);
  });

  it('with one start time gives exactly what expandSeries gives', () => {
    const rrule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=8';
    expect(expandRotatingSeries({ rrule, startDate: '2027-03-17', startTimes: ['10:00'], timeZone: 'Europe/London' })).toEqual(
      expandSeries({ rrule, startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London' }),
    );
  });

  it('applies UNTIL to each session at its own start time', () => {
    const sessions = expandRotatingSeries({ ...shifts, rrule: 'FREQ=DAILY;UNTIL=20270327T150000Z' });
    expect(localTimes(sessions, 'Europe/London')).toEqual(['Fri 26 Mar 08:00', 'Sat 27 Mar 14:00']);
  });

  it.each([
    ['more than three start times', ['06:00', '10:00', '14:00', '20:00'], `A programme can rotate among at most ${MAX_ROTATING_START_TIMES} start times.`],
    ['no start time', [], 'Give at least one start time.'],
    ['the same time twice', ['08:00', '08:00'], 'Give each start time once.'],
    ['a time that is not on the 24-hour clock', ['8am'], 'Write times as HH:MM on the 24-hour clock, for example 09:30.'],
    ['24:00', ['24:00'], 'Write times as HH:MM on the 24-hour clock, for example 09:30.'],
  ])('refuses %s', (_label, startTimes, message) => {
    const error = refusalOf(() => expandRotatingSeries({ ...shifts, startTimes }));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.fieldProblems).toEqual([{ field: expect.stringMatching(/^startTimes/), message }]);
  });

  it('refuses start times that are not a list with one message', () => {
    expect(refusalOf(() => expandRotatingSeries({ ...shifts, startTimes: '08:00' as never })).fieldProblems).toEqual([
      { field: 'startTimes', message: 'Give the start times as a list, like ["08:00", "14:00"].' },
    ]);
  });

  it('refuses a start date that does not exist', () => {
    expect(refusalOf(() => expandRotatingSeries({ ...shifts, startDate: '2027-02-29' })).fieldProblems).toEqual([{ field: 'startDate', message: 'Enter a date like 2027-03-17.' }]);
  });
});
