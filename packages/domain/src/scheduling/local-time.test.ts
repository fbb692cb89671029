import { DateTime } from 'luxon';
import { localTimeSchema } from './availability-schemas.js';
import { atWallTime, localDateSchema, localDateTimeSchema, parseLocalDate, parseLocalDateTime, parseTimeOfDay, toUtcIso, wallTimeOf } from './local-time.js';

describe('parsing wall-clock values', () => {
  it.each([
    ['2027-03-17T10:00:00', '2027-03-17T10:00:00.000Z'],
    ['2027-03-17T10:00', '2027-03-17T10:00:00.000Z'],
    ['2028-02-29T23:59:59', '2028-02-29T23:59:59.000Z'],
  ])('reads the local date-time %s field for field', (text, floating) => {
    expect(parseLocalDateTime(text)?.toISO()).toBe(floating);
  });

  it.each(['2027-03-17T10:00:00Z', '2027-03-17T10:00:00+01:00', '2027-03-17', '2027-03-17 10:00', '2027-02-29T10:00', '2027-03-17T24:30', ''])(
    'refuses %j as a local date-time',
    (text) => {
      expect(parseLocalDateTime(text)).toBeNull();
      expect(localDateTimeSchema.safeParse(text).success).toBe(false);
    },
  );

  it.each([
    ['2027-03-17', true],
    ['2028-02-29', true],
    ['2027-02-29', false],
    ['17/03/2027', false],
    ['2027-03-17T00:00', false],
  ])('reads %s as a date: %p', (text, valid) => {
    expect(parseLocalDate(text) !== null).toBe(valid);
    expect(localDateSchema.safeParse(text).success).toBe(valid);
  });

  it.each([
    ['00:00', { hour: 0, minute: 0 }],
    ['09:30', { hour: 9, minute: 30 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['24:00', null],
    ['9:30', null],
    ['12:60', null],
    ['noon', null],
  ])('reads %s as a time of day: %p', (text, time) => {
    expect(parseTimeOfDay(text)).toEqual(time);
  });

  it('agrees with localTimeSchema on what a time of day is', () => {
    for (const text of ['00:00', '09:30', '23:59', '24:00', '9:30', '12:60', 'noon']) {
      expect([text, localTimeSchema.safeParse(text).success]).toEqual([text, parseTimeOfDay(text) !== null]);
    }
  });
});

describe('atWallTime', () => {
  const at = (text: string, zone: string) => toUtcIso(atWallTime(parseLocalDateTime(text) as DateTime, zone));

  it.each([
    ['an ordinary winter time', '2027-01-12T10:00', 'Europe/London', '2027-01-12T10:00:00.000Z'],
    ['an ordinary summer time', '2027-07-12T10:00', 'Europe/London', '2027-07-12T09:00:00.000Z'],
    ['a time in the London spring gap: moved on by the hour skipped', '2027-03-28T01:30', 'Europe/London', '2027-03-28T01:30:00.000Z'],
    ['a time in the New York spring gap', '2027-03-14T02:30', 'America/New_York', '2027-03-14T07:30:00.000Z'],
    ['the London hour that happens twice: the first', '2027-10-31T01:30', 'Europe/London', '2027-10-31T00:30:00.000Z'],
    ['the New York hour that happens twice: the first', '2027-11-07T01:30', 'America/New_York', '2027-11-07T05:30:00.000Z'],
    ['the Sydney hour that happens twice: the first', '2027-04-04T02:30', 'Australia/Sydney', '2027-04-03T15:30:00.000Z'],
    ['the moment just after the repeated hour', '2027-10-31T02:00', 'Europe/London', '2027-10-31T02:00:00.000Z'],
    ['Lord Howe’s half-hour change', '2027-04-04T01:45', 'Australia/Lord_Howe', '2027-04-03T14:45:00.000Z'],
  ])('places %s', (_label, wall, zone, utc) => {
    expect(at(wall, zone)).toBe(utc);
  });

  it('wallTimeOf reads an instant back as the clock shows it', () => {
    const wall = wallTimeOf(DateTime.fromISO('2027-07-12T09:00:00Z'), 'Europe/London');
    expect(wall.toISO()).toBe('2027-07-12T10:00:00.000Z');
  });
});
