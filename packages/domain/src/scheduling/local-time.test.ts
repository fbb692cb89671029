import { DateTime, IANAZone } from 'luxon';
import { localTimeSchema } from './availability-schemas.js';
import {
  atWallTime,
  instantAtWallTime,
  localDateSchema,
  localDateTimeSchema,
  parseLocalDate,
  parseLocalDateTime,
  parseTimeOfDay,
  toUtcIso,
  wallTimeOf,
  type WallClock,
} from './local-time.js';

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

/**
 * atWallTime as it was before it remembered placements and started from the zone's last offset:
 * Luxon's own conversion, then the earliest of every offset the wall time could have. The faster
 * one must agree with it everywhere, whatever order times are asked in.
 */
function referenceAtWallTime(wall: WallClock, timeZone: string): DateTime {
  const { year, month, day, hour, minute, second } = wall;
  const local = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: timeZone });
  return local.getPossibleOffsets().reduce((earliest, candidate) => (candidate < earliest ? candidate : earliest), local);
}

const wallOf = (localMs: number): WallClock => {
  const date = new Date(localMs);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
};

/** The local days (as UTC milliseconds of their midnight) on which the zone's offset changes in a year. */
function changeDays(timeZone: string, year: number): number[] {
  const zone = IANAZone.create(timeZone);
  const days: number[] = [];
  for (let day = Date.UTC(year, 0, 1); day < Date.UTC(year + 1, 0, 1); day += DAY_MS) {
    if (zone.offset(day - zone.offset(day) * 60_000) !== zone.offset(day + DAY_MS - zone.offset(day + DAY_MS) * 60_000)) days.push(day);
  }
  return days;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ZONES = ['Europe/London', 'Australia/Sydney', 'America/New_York', 'America/St_Johns', 'Australia/Lord_Howe'];

describe('atWallTime across daylight-saving changes', () => {
  const at = (text: string, zone: string) => toUtcIso(atWallTime(parseLocalDateTime(text) as DateTime, zone));
  const shows = (text: string, zone: string) => atWallTime(parseLocalDateTime(text) as DateTime, zone).toFormat('HH:mm ZZ');

  it.each([
    // Gaps: a time that never happens is read with the offset before the gap (moved on by the gap).
    ['London, spring gap', '2027-03-28T01:30', 'Europe/London', '2027-03-28T01:30:00.000Z', '02:30 +01:00'],
    ['Sydney, spring gap (October)', '2027-10-03T02:30', 'Australia/Sydney', '2027-10-02T16:30:00.000Z', '03:30 +11:00'],
    ['New York, spring gap', '2027-03-14T02:30', 'America/New_York', '2027-03-14T07:30:00.000Z', '03:30 -04:00'],
    ['St John’s, spring gap (half-hour zone)', '2027-03-14T02:30', 'America/St_Johns', '2027-03-14T06:00:00.000Z', '03:30 -02:30'],
    ['Lord Howe, spring gap of half an hour', '2027-10-03T02:15', 'Australia/Lord_Howe', '2027-10-02T15:45:00.000Z', '02:45 +11:00'],
    // Overlaps: a time that happens twice is the first of the two.
    ['London, autumn overlap', '2027-10-31T01:30', 'Europe/London', '2027-10-31T00:30:00.000Z', '01:30 +01:00'],
    ['Sydney, autumn overlap (April)', '2027-04-04T02:30', 'Australia/Sydney', '2027-04-03T15:30:00.000Z', '02:30 +11:00'],
    ['New York, autumn overlap', '2027-11-07T01:30', 'America/New_York', '2027-11-07T05:30:00.000Z', '01:30 -04:00'],
    ['St John’s, autumn overlap', '2027-11-07T01:30', 'America/St_Johns', '2027-11-07T04:00:00.000Z', '01:30 -02:30'],
    ['Lord Howe, overlap of half an hour', '2027-04-04T01:45', 'Australia/Lord_Howe', '2027-04-03T14:45:00.000Z', '01:45 +11:00'],
    // Either side of each change.
    ['Lord Howe, just before its overlap', '2027-04-04T01:29', 'Australia/Lord_Howe', '2027-04-03T14:29:00.000Z', '01:29 +11:00'],
    ['Lord Howe, just after its overlap', '2027-04-04T02:00', 'Australia/Lord_Howe', '2027-04-03T15:30:00.000Z', '02:00 +10:30'],
    ['St John’s, the first minute after its gap', '2027-03-14T03:00', 'America/St_Johns', '2027-03-14T05:30:00.000Z', '03:00 -02:30'],
    ['St John’s, the last minute before its gap', '2027-03-14T01:59', 'America/St_Johns', '2027-03-14T05:29:00.000Z', '01:59 -03:30'],
  ])('%s: %s in %s is %s (%s there)', (_label, wall, zone, utc, local) => {
    expect(at(wall, zone)).toBe(utc);
    expect(shows(wall, zone)).toBe(local);
    // Asked again (remembered now), the answer is the same.
    expect(at(wall, zone)).toBe(utc);
  });

  it.each(ZONES)('agrees with Luxon’s full conversion around each change in %s, 2027 and 2028, in any order', (zone) => {
    const minutes: number[] = [];
    for (const year of [2027, 2028]) {
      const days = changeDays(zone, year);
      expect(days.length).toBe(2);
      // Every minute of the day the clocks change, every quarter of an hour of the days either side.
      for (const day of days) for (let minute = -24 * 60; minute < 48 * 60; minute += minute >= 0 && minute < 24 * 60 ? 1 : 15) minutes.push(day + minute * 60_000);
    }
    // Backwards, then forwards (half a minute on, so nothing is remembered yet): the first guess,
    // the zone's last offset, differs between the two.
    const asked = [...minutes].reverse().concat(minutes.map((localMs) => localMs + 30_000));
    const wrong = asked.map(wallOf).filter((wall) => instantAtWallTime(wall, zone) !== referenceAtWallTime(wall, zone).toMillis());
    expect(wrong).toEqual([]);
  });

  it('agrees with Luxon’s full conversion where a change is not on a quarter hour in UTC (St John’s at 00:01 until 2011; London’s local mean time)', () => {
    const cases: Array<[string, number]> = [
      ['America/St_Johns', Date.UTC(2006, 3, 2, 0, 0)],
      ['America/St_Johns', Date.UTC(2006, 9, 29, 0, 0)],
      ['Europe/London', Date.UTC(1847, 11, 1, 0, 0)],
      ['Africa/Monrovia', Date.UTC(1972, 0, 7, 0, 0)],
    ];
    for (const [zone, around] of cases) {
      for (let second = -3 * 3600; second <= 3 * 3600; second += 30) {
        const wall = wallOf(around + second * 1000);
        expect([zone, wall, instantAtWallTime(wall, zone)]).toEqual([zone, wall, referenceAtWallTime(wall, zone).toMillis()]);
      }
    }
  });

  it('gives NaN for a date that does not exist or a zone that is not one, and atWallTime Luxon’s invalid DateTime', () => {
    const wall = { year: 2027, month: 2, day: 29, hour: 10, minute: 0, second: 0 };
    expect(instantAtWallTime(wall, 'Europe/London')).toBeNaN();
    expect(atWallTime(wall, 'Europe/London').isValid).toBe(false);
    const real = { ...wall, day: 28 };
    expect(instantAtWallTime(real, 'Europe/Atlantis')).toBeNaN();
    expect(atWallTime(real, 'Europe/Atlantis').isValid).toBe(false);
  });

  it('reads the years before 100 as themselves, as Luxon does', () => {
    const wall = { year: 50, month: 6, day: 1, hour: 12, minute: 0, second: 0 };
    expect(instantAtWallTime(wall, 'Europe/London')).toBe(referenceAtWallTime(wall, 'Europe/London').toMillis());
    expect(atWallTime(wall, 'Europe/London').year).toBe(50);
  });
});
