import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { parseRecurrenceRule, recurrenceRuleProblem, recurrenceRuleSchema, SeriesLimits } from './recurrence-rule.js';

function refusalOf(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError to be thrown.');
}

describe('parseRecurrenceRule', () => {
  it('reads the rule into rrule options, keeping COUNT and leaving UNTIL to the expansion', () => {
    const rule = parseRecurrenceRule('RRULE:freq=weekly;interval=2;byday=tu;count=10');
    expect(rule.text).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10');
    expect(rule.count).toBe(10);
    expect(rule.until).toBeNull();
    expect(rule.options).toMatchObject({ freq: 2, interval: 2, count: 10 });
    expect(rule.options).not.toHaveProperty('until');
  });

  it.each([
    ['a UTC date-time', 'FREQ=WEEKLY;UNTIL=20270601T170000Z', { kind: 'INSTANT', iso: '2027-06-01T17:00:00.000Z' }],
    ['a local date-time', 'FREQ=WEEKLY;UNTIL=20270601T170000', { kind: 'LOCAL_DATE_TIME', iso: '2027-06-01T17:00:00.000Z' }],
    ['a date', 'FREQ=WEEKLY;UNTIL=20270601', { kind: 'LOCAL_DATE', iso: '2027-06-01T00:00:00.000Z' }],
  ])('reads UNTIL as %s', (_label, text, expected) => {
    const { until } = parseRecurrenceRule(text);
    expect(until?.kind).toBe(expected.kind);
    expect((until?.kind === 'INSTANT' ? until.instant : until?.wall)?.toISO()).toBe(expected.iso);
  });

  it.each([
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3;COUNT=10',
    'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR',
    'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,TH;WKST=SU',
    'FREQ=MONTHLY;BYDAY=1MO,-1FR',
    'FREQ=MONTHLY;BYDAY=+4SU',
    'FREQ=MONTHLY;BYMONTHDAY=1,15,-1',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=4',
    `FREQ=WEEKLY;COUNT=${SeriesLimits.maxOccurrences}`,
  ])('accepts %s', (text) => {
    expect(recurrenceRuleProblem(text)).toBeNull();
  });

  it.each([
    ['nothing', '', 'Enter a repeat rule, for example FREQ=WEEKLY;COUNT=10.'],
    ['a DTSTART line', 'DTSTART:20270317T100000Z\nRRULE:FREQ=WEEKLY', 'Give only the RRULE line: the first session comes from the start date and time.'],
    ['a DTSTART alone', 'DTSTART=20270317', 'Give only the RRULE line: the first session comes from the start date and time.'],
    ['a part without a value', 'FREQ=WEEKLY;COUNT', '"COUNT" is not a NAME=VALUE part of a repeat rule.'],
    ['a part with an empty value', 'FREQ=WEEKLY;COUNT=', '"COUNT=" is not a NAME=VALUE part of a repeat rule.'],
    ['a part with two values', 'FREQ=WEEKLY;COUNT=2=3', '"COUNT=2=3" is not a NAME=VALUE part of a repeat rule.'],
    ['a trailing semicolon', 'FREQ=WEEKLY;', '"" is not a NAME=VALUE part of a repeat rule.'],
    ['a part given twice', 'FREQ=WEEKLY;FREQ=DAILY', 'FREQ appears more than once in the repeat rule.'],
    ['a time of day', 'FREQ=DAILY;BYHOUR=9', "Leave BYHOUR out: sessions start at the programme's start time."],
    ['minutes', 'FREQ=DAILY;BYMINUTE=30', "Leave BYMINUTE out: sessions start at the programme's start time."],
    ['an hourly rule', 'FREQ=HOURLY', 'Sessions can repeat at most once a day, so FREQ cannot be HOURLY.'],
    ['a yearly rule', 'FREQ=YEARLY', 'Sessions repeat daily, weekly or monthly, so FREQ cannot be YEARLY.'],
    ['an unknown part', 'FREQ=WEEKLY;FOO=1', 'FOO is not a part of a repeat rule that Lena supports.'],
    ['BYMONTH', 'FREQ=MONTHLY;BYMONTH=3', 'BYMONTH is not a part of a repeat rule that Lena supports.'],
    ['an unknown frequency', 'FREQ=BOGUS', 'FREQ must be DAILY, WEEKLY or MONTHLY.'],
    ['INTERVAL=0', 'FREQ=WEEKLY;INTERVAL=0', 'INTERVAL must be a whole number from 1 to 99.'],
    ['INTERVAL=100', 'FREQ=WEEKLY;INTERVAL=100', 'INTERVAL must be a whole number from 1 to 99.'],
    ['COUNT=abc', 'FREQ=WEEKLY;COUNT=abc', 'COUNT must be a whole number of sessions, 1 or more.'],
    ['COUNT=0', 'FREQ=WEEKLY;COUNT=0', 'COUNT must be a whole number of sessions, 1 or more.'],
    ['COUNT=-2', 'FREQ=WEEKLY;COUNT=-2', 'COUNT must be a whole number of sessions, 1 or more.'],
    ['too many sessions', `FREQ=WEEKLY;COUNT=${SeriesLimits.maxOccurrences + 1}`, `A series can have at most ${SeriesLimits.maxOccurrences} sessions.`],
    ['UNTIL=2027', 'FREQ=WEEKLY;UNTIL=2027', 'UNTIL must be a date like 20270601 or a UTC date-time like 20270601T170000Z.'],
    ['an UNTIL date that does not exist', 'FREQ=WEEKLY;UNTIL=20270230', 'UNTIL=20270230 is not a real date.'],
    ['an UNTIL time that does not exist', 'FREQ=WEEKLY;UNTIL=20270301T250000Z', 'UNTIL=20270301T250000Z is not a real date and time.'],
    ['COUNT and UNTIL', 'FREQ=WEEKLY;COUNT=3;UNTIL=20270601', 'Give COUNT or UNTIL in a repeat rule, not both.'],
    ['no FREQ', 'COUNT=3', 'A repeat rule needs FREQ, for example FREQ=WEEKLY.'],
    ['an unknown day', 'FREQ=WEEKLY;BYDAY=XX', expect.stringMatching(/^BYDAY must list days as MO, TU/)],
    ['a fifth weekday', 'FREQ=MONTHLY;BYDAY=5MO', expect.stringMatching(/^BYDAY must list days .* numbered from 1 to 4/)],
    ['a numbered day in a weekly rule', 'FREQ=WEEKLY;BYDAY=2TU', 'A numbered day such as 3WE only works with FREQ=MONTHLY.'],
    ['a day of the month in a weekly rule', 'FREQ=WEEKLY;BYMONTHDAY=3', 'BYMONTHDAY only works with FREQ=MONTHLY.'],
    ['BYSETPOS in a daily rule', 'FREQ=DAILY;BYSETPOS=1', 'BYSETPOS only works with FREQ=MONTHLY.'],
    ['days of the week every few days', 'FREQ=DAILY;INTERVAL=7;BYDAY=TU', 'For certain days every few weeks, use FREQ=WEEKLY with INTERVAL and BYDAY.'],
    ['the 30th', 'FREQ=MONTHLY;BYMONTHDAY=30', expect.stringMatching(/^BYMONTHDAY must list days from 1 to 28, which every month has/)],
    ['BYMONTHDAY=0', 'FREQ=MONTHLY;BYMONTHDAY=0', expect.stringMatching(/^BYMONTHDAY must list/)],
    ['days of the week and of the month', 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', 'Give BYDAY or BYMONTHDAY in a monthly rule, not both.'],
    ['BYSETPOS without BYDAY', 'FREQ=MONTHLY;BYSETPOS=1', 'BYSETPOS needs BYDAY with plain days, like BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1.'],
    ['BYSETPOS with numbered days', 'FREQ=MONTHLY;BYDAY=1MO;BYSETPOS=1', 'BYSETPOS needs BYDAY with plain days, like BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1.'],
    ['a fifth Monday by position', 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5', 'With one day in BYDAY, BYSETPOS can be at most 4 (or -4), so that every month has that session.'],
    ['a position past two days', 'FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=-9', 'With these days in BYDAY, BYSETPOS can be at most 8 (or -8), so that every month has that session.'],
    ['BYSETPOS=0', 'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0', 'BYSETPOS must list positions from 1 to 28 (or -1 to -28).'],
    ['an unknown week start', 'FREQ=WEEKLY;WKST=XX', 'WKST must be one day: MO, TU, WE, TH, FR, SA or SU.'],
  ])('refuses %s with a message a person can act on, on the field rrule', (_label, text, message) => {
    const error = refusalOf(() => parseRecurrenceRule(text));
    expect(error.code).toBe(ErrorCode.BAD_USER_INPUT);
    expect(error.message).toEqual(message);
    expect(error.fieldProblems).toEqual([{ field: 'rrule', message }]);
  });
});

describe('recurrenceRuleProblem and recurrenceRuleSchema', () => {
  it('give the same message as parseRecurrenceRule, or none', () => {
    expect(recurrenceRuleProblem('FREQ=WEEKLY')).toBeNull();
    expect(recurrenceRuleProblem('FREQ=BOGUS')).toBe('FREQ must be DAILY, WEEKLY or MONTHLY.');
    expect(recurrenceRuleSchema.safeParse('FREQ=WEEKLY;COUNT=3').success).toBe(true);
    expect(recurrenceRuleSchema.safeParse('FREQ=BOGUS').error?.issues.map((issue) => issue.message)).toEqual(['FREQ must be DAILY, WEEKLY or MONTHLY.']);
    expect(recurrenceRuleSchema.safeParse(`FREQ=WEEKLY;${'BYDAY=MO;'.repeat(60)}`).error?.issues[0]?.message).toBe('Repeat rules can be at most 500 characters.');
  });
});
