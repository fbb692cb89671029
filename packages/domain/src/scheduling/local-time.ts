import { DateTime, Info, type Zone } from 'luxon';
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

const MINUTE_MS = 60 * 1000;
const THREE_HOURS_MS = 3 * 60 * MINUTE_MS;

/**
 * Instants already placed, per zone and wall-clock time (as the UTC milliseconds of its fields).
 * Each placement costs Intl lookups (Luxon's `formatToParts`), the most expensive step of a series
 * expansion, and the worker places the same Monday 10:00 in London for many programmes. A zone's
 * rules do not change while a process runs, so a placement remembered is exactly the one it would
 * compute again. Bounded: cleared when it grows past the limit rather than kept as an LRU.
 */
const placed = new Map<string, Map<number, number>>();
const MAX_PLACED_PER_ZONE = 20_000;
/** The offset of the zone's last placement: the right first guess for the next one nearly always. */
const lastOffset = new Map<string, number>();

/**
 * Luxon's own conversion of a wall-clock time to an instant (its `fixOffset`), started from a
 * guessed offset: the instant and its offset, or in a gap the time read with the offset before it.
 */
function fixOffset(localMs: number, guess: number, zone: Zone): [number, number] {
  let utc = localMs - guess * MINUTE_MS;
  const o2 = zone.offset(utc);
  if (o2 === guess) return [utc, guess];
  utc -= (o2 - guess) * MINUTE_MS;
  const o3 = zone.offset(utc);
  if (o2 === o3) return [utc, o2];
  return [localMs - Math.min(o2, o3) * MINUTE_MS, Math.max(o2, o3)];
}

function place(localMs: number, timeZone: string): number {
  // The zone as Luxon reads the name everywhere else (an IANA zone, or UTC and fixed offsets).
  const zone = Info.normalizeZone(timeZone);
  if (!zone.isValid) return Number.NaN;
  const [instant, offset] = fixOffset(localMs, lastOffset.get(timeZone) ?? zone.offset(localMs), zone);
  lastOffset.set(timeZone, offset);
  // Only within hours after the clocks change can a time be ambiguous or skipped: otherwise the
  // instant found is the only one. Asking Luxon for every candidate offset costs several times as
  // much, and a series places hundreds of times at once.
  if (zone.offset(instant - THREE_HOURS_MS) === offset) return instant;
  const candidates = DateTime.fromMillis(instant, { zone }).getPossibleOffsets();
  return Math.min(instant, ...candidates.map((candidate) => candidate.toMillis()));
}

/** A wall-clock time's fields as UTC milliseconds, or NaN when they are not a real date and time. */
function localMillisOf({ year, month, day, hour, minute, second }: WallClock): number {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  // setUTCFullYear, not Date.UTC alone, which would read the years 0 to 99 as 1900 to 1999.
  date.setUTCFullYear(year, month - 1, day);
  const real =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return real ? date.getTime() : Number.NaN;
}

/**
 * `atWallTime` as epoch milliseconds, for the hot path that places hundreds of times at once (a
 * series' sessions) and needs no Luxon DateTime for each. NaN when the fields are not a real date
 * and time, or the zone is not one.
 */
export function instantAtWallTime(wall: WallClock, timeZone: string): number {
  const localMs = localMillisOf(wall);
  if (Number.isNaN(localMs)) return localMs;
  let zonePlaced = placed.get(timeZone);
  const known = zonePlaced?.get(localMs);
  if (known !== undefined) return known;
  const instant = place(localMs, timeZone);
  if (Number.isNaN(instant)) return instant;
  if (!zonePlaced || zonePlaced.size >= MAX_PLACED_PER_ZONE) placed.set(timeZone, (zonePlaced = new Map<number, number>()));
  zonePlaced.set(localMs, instant);
  return instant;
}

/**
 * The instant at which a wall-clock time happens in a time zone, following RFC 5545 §3.3.5:
 * - a time that happens twice (the hour repeated when clocks go back) is the first of the two;
 * - a time that never happens (the hour skipped when clocks go forward) is read with the offset in
 *   force before the gap, which moves it forward by the gap: 01:30 in London on the last Sunday of
 *   March is 02:30 BST. The session keeps its length and nobody is sent to a time that is not there.
 */
export function atWallTime(wall: WallClock, timeZone: string): DateTime {
  const instant = instantAtWallTime(wall, timeZone);
  if (Number.isNaN(instant)) {
    // Not a real time, or no such zone: Luxon's own invalid DateTime, with its reason.
    const { year, month, day, hour, minute, second } = wall;
    return DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: timeZone });
  }
  return DateTime.fromMillis(instant, { zone: timeZone });
}

/** The wall-clock time an instant shows in a time zone. */
export function wallTimeOf(instant: DateTime, timeZone: string): FloatingDateTime {
  return instant.setZone(timeZone).setZone('utc', { keepLocalTime: true });
}

/** UTC ISO 8601 with milliseconds and Z, exactly as `Date.prototype.toISOString` writes it. */
export function toUtcIso(instant: DateTime): string {
  return instant.toJSDate().toISOString();
}
