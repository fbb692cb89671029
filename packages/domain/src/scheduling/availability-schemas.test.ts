import { parseInput } from '../errors/parse-input.js';
import { MAX_WORKING_HOURS_SPANS, timeOffSchema, weekdayName, workingHoursSchema } from './availability-schemas.js';

const problemsOf = (schema: { safeParse: (input: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown) =>
  (schema.safeParse(input).error?.issues ?? []).map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));

describe('workingHoursSchema', () => {
  it('accepts touching spans and returns them in week order', () => {
    expect(
      workingHoursSchema.parse({
        timeZone: 'Australia/Sydney',
        spans: [
          { isoWeekday: 3, startsLocal: '13:00', endsLocal: '17:00' },
          { isoWeekday: 1, startsLocal: '09:00', endsLocal: '12:00' },
          { isoWeekday: 3, startsLocal: '09:00', endsLocal: '13:00' },
        ],
      }),
    ).toEqual({
      timeZone: 'Australia/Sydney',
      spans: [
        { isoWeekday: 1, startsLocal: '09:00', endsLocal: '12:00' },
        { isoWeekday: 3, startsLocal: '09:00', endsLocal: '13:00' },
        { isoWeekday: 3, startsLocal: '13:00', endsLocal: '17:00' },
      ],
    });
  });

  it('accepts an empty week (a facilitator who has not said yet)', () => {
    expect(workingHoursSchema.parse({ timeZone: 'Europe/London', spans: [] }).spans).toEqual([]);
  });

  it.each([
    [
      'an overlap on one day',
      {
        timeZone: 'Europe/London',
        spans: [
          { isoWeekday: 2, startsLocal: '09:00', endsLocal: '13:00' },
          { isoWeekday: 2, startsLocal: '12:00', endsLocal: '14:00' },
        ],
      },
      [{ field: 'spans.1.startsLocal', message: 'Tuesday 12:00–14:00 overlaps 09:00–13:00.' }],
    ],
    [
      'a span ending before it starts',
      { timeZone: 'Europe/London', spans: [{ isoWeekday: 5, startsLocal: '17:00', endsLocal: '09:00' }] },
      [{ field: 'spans.0.endsLocal', message: 'Each span must end after it starts, on the same day.' }],
    ],
    [
      'a time that is not HH:MM',
      { timeZone: 'Europe/London', spans: [{ isoWeekday: 1, startsLocal: '9am', endsLocal: '24:00' }] },
      [
        { field: 'spans.0.startsLocal', message: 'Write times as HH:MM on the 24-hour clock, for example 09:30.' },
        { field: 'spans.0.endsLocal', message: 'Write times as HH:MM on the 24-hour clock, for example 09:30.' },
      ],
    ],
    [
      'a day that is not a weekday',
      { timeZone: 'Europe/London', spans: [{ isoWeekday: 8, startsLocal: '09:00', endsLocal: '10:00' }] },
      [{ field: 'spans.0.isoWeekday', message: 'Choose a day of the week.' }],
    ],
    ['an unknown time zone', { timeZone: 'Mars/Olympus', spans: [] }, [{ field: 'timeZone', message: 'Choose a time zone from the list, for example Europe/London.' }]],
  ])('refuses %s, naming the field', (_case, input, problems) => {
    expect(problemsOf(workingHoursSchema, input)).toEqual(problems);
  });

  it(`refuses more than ${MAX_WORKING_HOURS_SPANS} spans`, () => {
    const spans = Array.from({ length: MAX_WORKING_HOURS_SPANS + 1 }, (_, index) => ({
      isoWeekday: (index % 7) + 1,
      startsLocal: `${String(index).padStart(2, '0')}:00`,
      endsLocal: `${String(index).padStart(2, '0')}:30`,
    }));
    expect(() => parseInput(workingHoursSchema, { timeZone: 'Europe/London', spans })).toThrow(`Enter at most ${MAX_WORKING_HOURS_SPANS} spans of working hours.`);
  });
});

describe('timeOffSchema', () => {
  it('reads instants with their offsets and trims the note', () => {
    expect(timeOffSchema.parse({ startsAt: '2027-08-02T00:00:00+01:00', endsAt: '2027-08-16T00:00:00+01:00', note: '  Summer leave ' })).toEqual({
      startsAt: new Date('2027-08-01T23:00:00Z'),
      endsAt: new Date('2027-08-15T23:00:00Z'),
      note: 'Summer leave',
    });
  });

  it.each([
    ['an end before the start', { startsAt: '2027-08-02T10:00:00Z', endsAt: '2027-08-02T09:00:00Z' }, [{ field: 'endsAt', message: 'Time off must end after it starts.' }]],
    [
      'more than a year at once',
      { startsAt: '2027-01-01T00:00:00Z', endsAt: '2028-01-03T00:00:00Z' },
      [{ field: 'endsAt', message: 'Enter time off of at most 366 days at a time.' }],
    ],
    ['a date without a time or offset', { startsAt: '2027-08-02', endsAt: '2027-08-03T00:00:00Z' }, [{ field: 'startsAt', message: 'Enter a date and time.' }]],
    [
      'a note over two lines',
      { startsAt: '2027-08-02T10:00:00Z', endsAt: '2027-08-02T12:00:00Z', note: 'Away\nall day' },
      [{ field: 'note', message: 'Notes must be on one line, without line breaks or tabs.' }],
    ],
  ])('refuses %s', (_case, input, problems) => {
    expect(problemsOf(timeOffSchema, input)).toEqual(problems);
  });
});

describe('weekdayName', () => {
  it('names ISO weekdays from Monday', () => {
    expect([1, 7].map(weekdayName)).toEqual(['Monday', 'Sunday']);
  });
});
