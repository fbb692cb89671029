import { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';
import { weekdayName } from './availability-schemas.js';
import { parseLocalDate, type FloatingDateTime } from './local-time.js';
import { parseRecurrenceRule, SeriesLimits } from './recurrence-rule.js';
import { RRule, Weekday, type RRuleOptions, type RRuleWeekday } from './rrule-library.js';

/**
 * The repeat patterns a person picks from when setting up a programme. Each is anchored on the
 * start date, so the rule and the first session can never disagree: a programme starting on
 * Tuesday 16 March 2027 "fortnightly" meets every other Tuesday; "monthly on the nth weekday" on the
 * third Tuesday; "monthly on a date" on the 16th.
 */
export const Cadence = {
  WEEKLY: 'WEEKLY',
  FORTNIGHTLY: 'FORTNIGHTLY',
  MONTHLY_NTH_WEEKDAY: 'MONTHLY_NTH_WEEKDAY',
  MONTHLY_LAST_WEEKDAY: 'MONTHLY_LAST_WEEKDAY',
  MONTHLY_DAY: 'MONTHLY_DAY',
} as const;
export type Cadence = (typeof Cadence)[keyof typeof Cadence];

export const cadenceSchema = z.enum(Cadence, { error: 'Choose how often the sessions repeat.' });

export interface CadenceForm {
  cadence: Cadence;
  /** The first session's local date, `2027-03-16`. */
  startDate: string;
  numberOfSessions: number;
}

/** The latest day of the month that every month has. */
const LAST_DAY_IN_EVERY_MONTH = 28;
const ORDINAL_WORDS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', [-1]: 'last', [-2]: 'second to last' };

/** rrule numbers weekdays from Monday = 0; Luxon from Monday = 1. */
const rruleWeekdayOf = (date: FloatingDateTime): RRuleWeekday => new Weekday(date.weekday - 1);
const weekOfMonth = (date: FloatingDateTime) => Math.ceil(date.day / 7);
const isInLastWeekOfMonth = (date: FloatingDateTime) => date.day + 7 > (date.daysInMonth ?? 31);

/** Why this cadence cannot start on this date (a message fit to show), or null when it can. */
export function cadenceProblem(cadence: Cadence, startDate: string): string | null {
  const date = parseLocalDate(startDate);
  if (!date) return 'Enter a date like 2027-03-17.';
  const dayName = weekdayName(date.weekday);
  switch (cadence) {
    case Cadence.MONTHLY_NTH_WEEKDAY:
      return weekOfMonth(date) > 4 ? `Not every month has a fifth ${dayName}. Choose "monthly on the last ${dayName}" instead.` : null;
    case Cadence.MONTHLY_LAST_WEEKDAY:
      return isInLastWeekOfMonth(date) ? null : `${date.toFormat('d LLLL yyyy')} is not the last ${dayName} of its month.`;
    case Cadence.MONTHLY_DAY:
      return date.day > LAST_DAY_IN_EVERY_MONTH ? `Not every month has a ${ordinalDay(date.day)}. Start on or before the 28th, or choose "monthly on the last ${dayName}".` : null;
    default:
      return null;
  }
}

/**
 * The RFC 5545 RRULE value for a cadence, e.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10`, with
 * COUNT from the number of sessions. A cadence that cannot start on the date is BAD_USER_INPUT.
 */
export function cadenceToRrule(form: CadenceForm): string {
  const problem = cadenceProblem(form.cadence, form.startDate);
  if (problem) throw DomainError.badInput(problem, [{ field: 'cadence', message: problem }]);
  if (!Number.isInteger(form.numberOfSessions) || form.numberOfSessions < 1 || form.numberOfSessions > SeriesLimits.maxOccurrences) {
    const message = `The number of sessions must be a whole number from 1 to ${SeriesLimits.maxOccurrences}.`;
    throw DomainError.badInput(message, [{ field: 'numberOfSessions', message }]);
  }
  const date = parseLocalDate(form.startDate) as FloatingDateTime;
  const weekday = rruleWeekdayOf(date);
  const count = form.numberOfSessions;
  const options: Record<Cadence, Partial<RRuleOptions>> = {
    WEEKLY: { freq: RRule.WEEKLY, byweekday: [weekday], count },
    FORTNIGHTLY: { freq: RRule.WEEKLY, interval: 2, byweekday: [weekday], count },
    MONTHLY_NTH_WEEKDAY: { freq: RRule.MONTHLY, byweekday: [weekday.nth(weekOfMonth(date))], count },
    MONTHLY_LAST_WEEKDAY: { freq: RRule.MONTHLY, byweekday: [weekday.nth(-1)], count },
    MONTHLY_DAY: { freq: RRule.MONTHLY, bymonthday: [date.day], count },
  };
  return RRule.optionsToString(options[form.cadence]).replace(/^RRULE:/, '');
}

export interface RecurrenceSummary {
  /** The cadence the rule was built from, or null for a rule written some other way. */
  cadence: Cadence | null;
  /** British English, for people: "Every other Tuesday, 10 sessions". */
  summary: string;
  count: number | null;
}

function ordinalDay(day: number): string {
  const suffix = day % 10 === 1 && day !== 11 ? 'st' : day % 10 === 2 && day !== 12 ? 'nd' : day % 10 === 3 && day !== 13 ? 'rd' : 'th';
  return `${day}${suffix}`;
}

function joinWords(words: string[]): string {
  const last = words.at(-1) ?? '';
  return words.length <= 1 ? last : `${words.slice(0, -1).join(', ')} and ${last}`;
}

const asArray = <T>(value: T | T[] | null | undefined): T[] => (value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** "Every Tuesday", "Every other day", "Every 3 months": how often, with the unit. */
function every(interval: number, unit: string, unitPlural: string): string {
  if (interval === 1) return `Every ${unit}`;
  if (interval === 2) return `Every other ${unit}`;
  return `Every ${interval} ${unitPlural}`;
}

/** The pattern of a rule `parseRecurrenceRule` accepted: daily, weekly or monthly. */
function describePattern(options: Partial<RRuleOptions>): { cadence: Cadence | null; pattern: string } {
  const interval = options.interval ?? 1;
  const days = asArray(options.byweekday) as RRuleWeekday[];
  const monthDays = asArray(options.bymonthday);
  const custom = { cadence: null, pattern: 'A custom repeat pattern' };

  if (options.freq === RRule.DAILY) return days.length > 0 ? custom : { cadence: null, pattern: every(interval, 'day', 'days') };

  if (options.freq === RRule.WEEKLY) {
    if (days.length === 0) return { cadence: null, pattern: every(interval, 'week', 'weeks') };
    const names = joinWords(days.map((day) => weekdayName(day.weekday + 1)));
    const cadence = days.length === 1 && interval <= 2 ? (interval === 1 ? Cadence.WEEKLY : Cadence.FORTNIGHTLY) : null;
    return { cadence, pattern: interval <= 2 ? every(interval, names, names) : `Every ${interval} weeks on ${names}` };
  }

  const monthly = interval === 1 ? 'Monthly' : every(interval, 'month', 'months');
  if (options.bysetpos) return custom;
  const [onlyDay] = days.length === 1 ? days : [];
  const ordinal = onlyDay?.n !== undefined ? ORDINAL_WORDS[onlyDay.n] : undefined;
  if (onlyDay?.n !== undefined && ordinal) {
    const n = onlyDay.n;
    const cadence = interval !== 1 ? null : n === -1 ? Cadence.MONTHLY_LAST_WEEKDAY : n > 0 ? Cadence.MONTHLY_NTH_WEEKDAY : null;
    return { cadence, pattern: `${monthly} on the ${ordinal} ${weekdayName(onlyDay.weekday + 1)}` };
  }
  const [day] = monthDays.length === 1 ? monthDays : [];
  if (day !== undefined && (day > 0 || day === -1)) {
    return day > 0
      ? { cadence: interval === 1 ? Cadence.MONTHLY_DAY : null, pattern: `${monthly} on the ${ordinalDay(day)}` }
      : { cadence: null, pattern: `${monthly} on the last day` };
  }
  return days.length === 0 && monthDays.length === 0 ? { cadence: null, pattern: every(interval, 'month', 'months') } : custom;
}

/**
 * Reads a rule back: which cadence it came from, and a summary for people in British English,
 * e.g. "Every other Tuesday, 10 sessions" or "Monthly on the last Friday, until 30 June 2027" (the
 * UNTIL date as the rule writes it).
 * An invalid rule is BAD_USER_INPUT, as in `parseRecurrenceRule`.
 */
export function describeRecurrence(rrule: string): RecurrenceSummary {
  const rule = parseRecurrenceRule(rrule);
  const { cadence, pattern } = describePattern(rule.options);
  let summary = pattern;
  if (rule.count !== null) summary += `, ${rule.count} ${rule.count === 1 ? 'session' : 'sessions'}`;
  if (rule.until) {
    const lastDay = rule.until.kind === 'INSTANT' ? rule.until.instant : rule.until.wall;
    summary += `, until ${lastDay.setLocale('en-GB').toFormat('d LLLL yyyy')}`;
  }
  return { cadence, summary, count: rule.count };
}
