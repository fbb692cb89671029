import { DateTime } from 'luxon';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';
import { parseInput } from '../errors/parse-input.js';
import { timeZoneSchema } from '../tenancy/tenancy-schemas.js';
import { localTimeSchema } from './availability-schemas.js';
import {
  atWallTime,
  instantAtWallTime,
  localDateSchema,
  localDateTimeSchema,
  parseLocalDate,
  parseLocalDateTime,
  parseTimeOfDay,
  wallTimeOf,
  type FloatingDateTime,
} from './local-time.js';
import { parseRecurrenceRule, recurrenceRuleSchema, SeriesLimits, type RecurrenceRule, type SeriesEnd } from './recurrence-rule.js';
import { RRule } from './rrule-library.js';

/** The most start times a programme may rotate among (early, late and night shifts). */
export const MAX_ROTATING_START_TIMES = 3;

// Lengths are checked with refine: zod 4.6 applies an array's min and max to a string given in its
// place too, which would add a second, misleading message to "expected a list".
export const startTimesSchema = z
  .array(localTimeSchema, { error: 'Give the start times as a list, like ["08:00", "14:00"].' })
  .refine((times) => times.length > 0, { error: 'Give at least one start time.' })
  .refine((times) => times.length <= MAX_ROTATING_START_TIMES, { error: `A programme can rotate among at most ${MAX_ROTATING_START_TIMES} start times.` })
  .refine((times) => new Set(times).size === times.length, { error: 'Give each start time once.' });

export const expandSeriesSchema = z.object({
  rrule: recurrenceRuleSchema,
  startLocal: localDateTimeSchema,
  timeZone: timeZoneSchema,
});
export interface ExpandSeriesInput {
  /** An RFC 5545 RRULE value, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10` (`RRULE:` prefix optional). */
  rrule: string;
  /** The first session's local date and time, without an offset: `2027-03-17T10:00:00`. */
  startLocal: string;
  /** An IANA time zone, e.g. `Europe/London`. */
  timeZone: string;
}

export const expandRotatingSeriesSchema = z.object({
  rrule: recurrenceRuleSchema,
  startDate: localDateSchema,
  startTimes: startTimesSchema,
  timeZone: timeZoneSchema,
});
export interface ExpandRotatingSeriesInput {
  rrule: string;
  /** The first session's local date: `2027-03-17`. */
  startDate: string;
  /** One to three local start times (`08:00`, `14:00`, `20:00`): session i starts at time i mod n. */
  startTimes: readonly string[];
  timeZone: string;
}

/** The instant after which no session of the series may start. */
function endInstant(end: SeriesEnd, timeZone: string): DateTime {
  switch (end.kind) {
    case 'INSTANT':
      return end.instant;
    case 'LOCAL_DATE_TIME':
      return atWallTime(end.wall, timeZone);
    case 'LOCAL_DATE':
      return atWallTime(end.wall.plus({ days: 1 }), timeZone).minus({ milliseconds: 1 });
  }
}

function refuse(message: string): never {
  throw DomainError.badInput(message, [{ field: 'rrule', message }]);
}

/**
 * The local dates the rule gives, as rrule's floating Dates (their UTC fields are the wall clock) at
 * the first session's time. Every rule `parseRecurrenceRule` accepts matches in each day, week or
 * month it covers, so rrule stops soon after the window asked for.
 */
function occurrenceDates(rule: RecurrenceRule, first: FloatingDateTime, until: DateTime | null, timeZone: string): Date[] {
  const expander = new RRule({ ...rule.options, dtstart: first.toJSDate() });
  const latestStart = first.plus({ years: SeriesLimits.maxSpanYears });
  if (rule.count !== null) {
    const dates = expander.all();
    const last = dates.at(-1);
    if (last && last > latestStart.toJSDate()) {
      refuse(`This repeat rule does not fit ${rule.count} sessions within ${SeriesLimits.maxSpanYears} years of the first.`);
    }
    return dates;
  }
  if (until) {
    if (until > atWallTime(latestStart, timeZone)) refuse(`UNTIL can be at most ${SeriesLimits.maxSpanYears} years after the first session.`);
    // A day's margin: with rotating start times a date can be in time although its first slot is not.
    return expander.between(first.toJSDate(), wallTimeOf(until, timeZone).plus({ days: 1 }).toJSDate(), true);
  }
  const horizon = first.plus({ years: SeriesLimits.openEndedYears }).toJSDate();
  return expander.between(first.toJSDate(), horizon, true).filter((date) => date < horizon);
}

function expand(rule: RecurrenceRule, first: FloatingDateTime, startTimes: readonly { hour: number; minute: number }[], timeZone: string): string[] {
  const until = rule.until ? endInstant(rule.until, timeZone) : null;
  const dates = occurrenceDates(rule, first, until, timeZone);
  const untilMs = until?.toMillis() ?? null;
  // Plain fields and epoch milliseconds rather than a Luxon DateTime per step: this runs for every
  // session of every series.
  const instants = dates
    .map((date, index) => {
      const { hour, minute } = startTimes[index % startTimes.length] ?? { hour: first.hour, minute: first.minute };
      const wall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute, second: first.second };
      return instantAtWallTime(wall, timeZone);
    })
    .filter((instant) => untilMs === null || instant <= untilMs);
  if (instants.length === 0) refuse('This repeat rule gives no sessions on or after the start. Check its UNTIL date.');
  if (instants.length > SeriesLimits.maxOccurrences) refuse(`A series can have at most ${SeriesLimits.maxOccurrences} sessions.`);
  return instants.map((instant) => new Date(instant).toISOString());
}

/**
 * The start of every session in a series, as UTC ISO strings ending in Z, in order.
 *
 * The rule runs over wall-clock time in the programme's zone (rrule's "floating" dates) and each
 * occurrence is only then placed in the zone by Luxon, so a 10:00 Europe/London session is at 10:00
 * local on both sides of every daylight-saving change. A start that does not exist that day (the
 * spring-forward gap) moves forward by the gap; one that happens twice is the first (see
 * `atWallTime`). As in RFC 5545 and python-dateutil, a start that the rule does not match (a
 * Wednesday start with BYDAY=TU) is not itself a session: keep them in step (`cadenceToRrule` does).
 *
 * Bounds (`SeriesLimits`): COUNT at most 366, all within five years of the first session; UNTIL at
 * most five years on (and 366 sessions); a rule with neither gives the sessions starting within one
 * year of the first, a rolling horizon that a later expansion from a later start extends. Bad
 * input (an invalid or unsupported rule, start or zone) is BAD_USER_INPUT by field.
 */
export function expandSeries(input: ExpandSeriesInput): string[] {
  const { rrule, startLocal, timeZone } = parseInput(expandSeriesSchema, input);
  const rule = parseRecurrenceRule(rrule);
  const first = parseLocalDateTime(startLocal) as FloatingDateTime;
  return expand(rule, first, [{ hour: first.hour, minute: first.minute }], timeZone);
}

/**
 * Like `expandSeries`, for a programme that rotates its start time so staff on every shift pattern
 * can attend some sessions: the rule gives the dates, and session i starts at `startTimes[i mod n]`
 * in the programme's zone (each placed by the same daylight-saving rules). The first session is on
 * `startDate` at the first start time.
 */
export function expandRotatingSeries(input: ExpandRotatingSeriesInput): string[] {
  const { rrule, startDate, startTimes, timeZone } = parseInput(expandRotatingSeriesSchema, input);
  const rule = parseRecurrenceRule(rrule);
  const times = startTimes.map((time) => parseTimeOfDay(time) as { hour: number; minute: number });
  const [firstTime = { hour: 0, minute: 0 }] = times;
  const first = (parseLocalDate(startDate) as FloatingDateTime).set(firstTime);
  return expand(rule, first, times, timeZone);
}
