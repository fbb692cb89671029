import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';

/**
 * Times of day, dates and date-times as people type them: wall-clock values with no zone. They
 * become instants only with the time zone of the programme (or facilitator) they belong to, and
 * only through `atWallTime`, which is where the daylight-saving rules live.
 */
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/;
const TIME_OF_DAY = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/**
 * A wall-clock value held as a Luxon DateTime in UTC, so that its fields are exactly the ones
 * typed. rrule works on such "floating" dates too, which is why they convert to and from its Dates
 * without any shift.
 */
export type FloatingDateTime = DateTime;

/** `2027-03-17T10:00:00` (seconds optional) as a floating date-time, or null if it is not one. */
export function parseLocalDateTime(text: string): FloatingDateTime | null {
  if (!LOCAL_DATE_TIME.test(text)) return null;
  const parsed = DateTime.fromISO(text, { zone: 'utc' });
  return parsed.isValid ? parsed : null;
}

/** `2027-03-17` as a floating date at midnight, or null if it is not a real date. */
export function parseLocalDate(text: string): FloatingDateTime | null {
  if (!LOCAL_DATE.test(text)) return null;
  const parsed = DateTime.fromISO(text, { zone: 'utc' });
  return parsed.isValid ? parsed : null;
}

/** `08:00` as hours and minutes, or null if it is not a time of day on a 24-hour clock (as `localTimeSchema` checks). */
export function parseTimeOfDay(text: string): { hour: number; minute: number } | null {
  if (!TIME_OF_DAY.test(text)) return null;
  const [hour = 0, minute = 0] = text.split(':').map(Number);
  return { hour, minute };
}

export const localDateSchema = z
  .string()
  .trim()
  .refine((text) => parseLocalDate(text) !== null, { error: 'Enter a date like 2027-03-17.' });

export const localDateTimeSchema = z
  .string()
  .trim()
  .refine((text) => parseLocalDateTime(text) !== null, {
    error: 'Give a local date and time without a time zone offset, like 2027-03-17T10:00:00.',
  });

/** The fields of a wall-clock time; a FloatingDateTime has them, and so can a plain object. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const THREE_HOURS_MS = 3 * 60 * 60 * 1000;

/**
 * The instant at which a wall-clock time happens in a time zone, following RFC 5545 §3.3.5:
 * - a time that happens twice (the hour repeated when clocks go back) is the first of the two;
 * - a time that never happens (the hour skipped when clocks go forward) is read with the offset in
 *   force before the gap, which moves it forward by the gap: 01:30 in London on the last Sunday of
 *   March is 02:30 BST. The session keeps its length and nobody is sent to a time that is not there.
 */
export function atWallTime(wall: WallClock, timeZone: string): DateTime {
  const { year, month, day, hour, minute, second } = wall;
  const local = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: timeZone });
  // Only within hours after the clocks change can a time be ambiguous or skipped. Asking Luxon for
  // every candidate offset costs several times as much, and a series expands thousands at once.
  if (IANAZone.create(timeZone).offset(local.toMillis() - THREE_HOURS_MS) === local.offset) return local;
  const candidates = local.getPossibleOffsets();
  return candidates.reduce((earliest, candidate) => (candidate < earliest ? candidate : earliest), local);
}

/** The wall-clock time an instant shows in a time zone. */
export function wallTimeOf(instant: DateTime, timeZone: string): FloatingDateTime {
  return instant.setZone(timeZone).setZone('utc', { keepLocalTime: true });
}

/** UTC ISO 8601 with milliseconds and Z, exactly as `Date.prototype.toISOString` writes it. */
export function toUtcIso(instant: DateTime): string {
  return instant.toJSDate().toISOString();
}
