import { DateTime } from 'luxon';
import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { Cadence, cadenceProblem, cadenceSchema, cadenceToRrule, describeRecurrence } from './cadence.js';
import { expandSeries } from './series-expansion.js';

function refusalOf(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError to be thrown.');
}

// Tuesday 16 March 2027 is the third Tuesday; Tuesday 30 March the fifth and last.
describe('cadenceToRrule', () => {
  it.each([
    [Cadence.WEEKLY, '2027-03-16', 'FREQ=WEEKLY;BYDAY=TU;COUNT=10', 'Every Tuesday, 10 sessions'],
    [Cadence.FORTNIGHTLY, '2027-03-16', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10', 'Every other Tuesday, 10 sessions'],
    [Cadence.MONTHLY_NTH_WEEKDAY, '2027-03-16', 'FREQ=MONTHLY;BYDAY=+3TU;COUNT=10', 'Monthly on the third Tuesday, 10 sessions'],
    [Cadence.MONTHLY_NTH_WEEKDAY, '2027-03-01', 'FREQ=MONTHLY;BYDAY=+1MO;COUNT=10', 'Monthly on the first Monday, 10 sessions'],
    [Cadence.MONTHLY_LAST_WEEKDAY, '2027-03-30', 'FREQ=MONTHLY;BYDAY=-1TU;COUNT=10', 'Monthly on the last Tuesday, 10 sessions'],
    [Cadence.MONTHLY_DAY, '2027-03-16', 'FREQ=MONTHLY;BYMONTHDAY=16;COUNT=10', 'Monthly on the 16th, 10 sessions'],
    [Cadence.WEEKLY, '2027-03-21', 'FREQ=WEEKLY;BYDAY=SU;COUNT=10', 'Every Sunday, 10 sessions'],
  ])('%s from %s is %s, read back as "%s"', (cadence, startDate, rrule, summary) => {
    expect(cadenceToRrule({ cadence, startDate, numberOfSessions: 10 })).toBe(rrule);
    expect(describeRecurrence(rrule)).toEqual({ cadence, summary, count: 10 });
  });

  it.each(Object.values(Cadence))('%s makes the start date the first session and gives exactly the number asked for', (cadence) => {
    const startDate = cadence === Cadence.MONTHLY_LAST_WEEKDAY ? '2027-03-30' : '2027-03-16';
    const sessions = expandSeries({ rrule: cadenceToRrule({ cadence, startDate, numberOfSessions: 6 }), startLocal: `${startDate}T10:00:00`, timeZone: 'Europe/London' });
    expect(sessions).toHaveLength(6);
    expect(DateTime.fromISO(sessions[0]!).setZone('Europe/London').toFormat("yyyy-MM-dd'T'HH:mm")).toBe(`${startDate}T10:00`);
  });

  it('says "1 session" for one', () => {
    expect(describeRecurrence(cadenceToRrule({ cadence: Cadence.WEEKLY, startDate: '2027-03-16', numberOfSessions: 1 })).summary).toBe('Every Tuesday, 1 session');
  });

  it('refuses a cadence that cannot start on the date, on the field cadence', () => {
    const error = refusalOf(() => cadenceToRrule({ cadence: Cadence.MONTHLY_DAY, startDate: '2027-03-30', numberOfSessions: 6 }));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.fieldProblems).toEqual([{ field: 'cadence', message: cadenceProblem(Cadence.MONTHLY_DAY, '2027-03-30') }]);
  });

  it.each([0, 367, 2.5, Number.NaN])('refuses %p sessions, on the field numberOfSessions', (numberOfSessions) => {
    const error = refusalOf(() => cadenceToRrule({ cadence: Cadence.WEEKLY, startDate: '2027-03-16', numberOfSessions }));
    expect(error.fieldProblems).toEqual([{ field: 'numberOfSessions', message: 'The number of sessions must be a whole number from 1 to 366.' }]);
  });
});

describe('cadenceProblem', () => {
  it.each([
    [Cadence.WEEKLY, '2027-03-30', null],
    [Cadence.FORTNIGHTLY, '2027-03-31', null],
    [Cadence.MONTHLY_NTH_WEEKDAY, '2027-03-28', null], // the fourth Sunday
    [Cadence.MONTHLY_NTH_WEEKDAY, '2027-03-30', 'Not every month has a fifth Tuesday. Choose "monthly on the last Tuesday" instead.'],
    [Cadence.MONTHLY_LAST_WEEKDAY, '2027-03-25', null], // 25 March is also the last Thursday
    [Cadence.MONTHLY_LAST_WEEKDAY, '2027-02-22', null], // the fourth and last Monday of a 28-day February
    [Cadence.MONTHLY_LAST_WEEKDAY, '2027-03-16', '16 March 2027 is not the last Tuesday of its month.'],
    [Cadence.MONTHLY_DAY, '2027-02-28', null],
    [Cadence.MONTHLY_DAY, '2027-03-29', 'Not every month has a 29th. Start on or before the 28th, or choose "monthly on the last Monday".'],
    [Cadence.MONTHLY_DAY, '2027-03-31', 'Not every month has a 31st. Start on or before the 28th, or choose "monthly on the last Wednesday".'],
    [Cadence.WEEKLY, '2027-02-30', 'Enter a date like 2027-03-17.'],
    [Cadence.WEEKLY, '16/03/2027', 'Enter a date like 2027-03-17.'],
  ])('%s starting %s: %p', (cadence, startDate, problem) => {
    expect(cadenceProblem(cadence, startDate)).toBe(problem);
  });

  it('cadenceSchema accepts the five cadences only', () => {
    expect(Object.values(Cadence).every((cadence) => cadenceSchema.safeParse(cadence).success)).toBe(true);
    expect(cadenceSchema.safeParse('DAILY').error?.issues[0]?.message).toBe('Choose how often the sessions repeat.');
  });
});

describe('describeRecurrence', () => {
  it.each([
    ['FREQ=DAILY', null, 'Every day'],
    ['FREQ=DAILY;INTERVAL=2', null, 'Every other day'],
    ['FREQ=DAILY;INTERVAL=3;COUNT=5', null, 'Every 3 days, 5 sessions'],
    ['FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', null, 'A custom repeat pattern'],
    ['FREQ=WEEKLY', null, 'Every week'],
    ['FREQ=WEEKLY;INTERVAL=2', null, 'Every other week'],
    ['FREQ=WEEKLY;INTERVAL=4', null, 'Every 4 weeks'],
    ['FREQ=WEEKLY;BYDAY=MO,TH', null, 'Every Monday and Thursday'],
    ['FREQ=WEEKLY;BYDAY=MO,WE,FR;WKST=SU', null, 'Every Monday, Wednesday and Friday'],
    ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', null, 'Every other Monday and Thursday'],
    ['FREQ=WEEKLY;INTERVAL=3;BYDAY=TU', null, 'Every 3 weeks on Tuesday'],
    ['FREQ=MONTHLY', null, 'Every month'],
    ['FREQ=MONTHLY;INTERVAL=2', null, 'Every other month'],
    ['FREQ=MONTHLY;BYDAY=2FR', Cadence.MONTHLY_NTH_WEEKDAY, 'Monthly on the second Friday'],
    ['FREQ=MONTHLY;BYDAY=4SA', Cadence.MONTHLY_NTH_WEEKDAY, 'Monthly on the fourth Saturday'],
    ['FREQ=MONTHLY;BYDAY=-2FR', null, 'Monthly on the second to last Friday'],
    ['FREQ=MONTHLY;BYDAY=-3FR', null, 'A custom repeat pattern'],
    ['FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE', null, 'Every other month on the third Wednesday'],
    ['FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR', null, 'Every 3 months on the last Friday'],
    ['FREQ=MONTHLY;BYDAY=1MO,3MO', null, 'A custom repeat pattern'],
    ['FREQ=MONTHLY;BYDAY=MO', null, 'A custom repeat pattern'],
    ['FREQ=MONTHLY;BYMONTHDAY=1', Cadence.MONTHLY_DAY, 'Monthly on the 1st'],
    ['FREQ=MONTHLY;BYMONTHDAY=2', Cadence.MONTHLY_DAY, 'Monthly on the 2nd'],
    ['FREQ=MONTHLY;BYMONTHDAY=3', Cadence.MONTHLY_DAY, 'Monthly on the 3rd'],
    ['FREQ=MONTHLY;BYMONTHDAY=11', Cadence.MONTHLY_DAY, 'Monthly on the 11th'],
    ['FREQ=MONTHLY;BYMONTHDAY=12', Cadence.MONTHLY_DAY, 'Monthly on the 12th'],
    ['FREQ=MONTHLY;BYMONTHDAY=13', Cadence.MONTHLY_DAY, 'Monthly on the 13th'],
    ['FREQ=MONTHLY;BYMONTHDAY=21', Cadence.MONTHLY_DAY, 'Monthly on the 21st'],
    ['FREQ=MONTHLY;BYMONTHDAY=22', Cadence.MONTHLY_DAY, 'Monthly on the 22nd'],
    ['FREQ=MONTHLY;BYMONTHDAY=23', Cadence.MONTHLY_DAY, 'Monthly on the 23rd'],
    ['FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15', null, 'Every other month on the 15th'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', null, 'Monthly on the last day'],
    ['FREQ=MONTHLY;BYMONTHDAY=-2', null, 'A custom repeat pattern'],
    ['FREQ=MONTHLY;BYMONTHDAY=1,15', null, 'A custom repeat pattern'],
    ['FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', null, 'A custom repeat pattern'],
    ['FREQ=WEEKLY;BYDAY=TU;UNTIL=20270601T160000Z', Cadence.WEEKLY, 'Every Tuesday, until 1 June 2027'],
    ['RRULE:FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270630', Cadence.MONTHLY_LAST_WEEKDAY, 'Monthly on the last Friday, until 30 June 2027'],
  ])('%s reads as "%s"', (rrule, cadence, summary) => {
    expect(describeRecurrence(rrule)).toMatchObject({ cadence, summary });
  });

  it('refuses an invalid rule as parseRecurrenceRule does', () => {
    expect(refusalOf(() => describeRecurrence('FREQ=SOMETIMES')).fieldProblems).toEqual([{ field: 'rrule', message: 'FREQ must be DAILY, WEEKLY or MONTHLY.' }]);
  });
});
