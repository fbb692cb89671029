import { DateTime } from 'luxon';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';
import { RRule, type RRuleOptions } from './rrule-library.js';
import type { FloatingDateTime } from './local-time.js';

/**
 * Bounds on every series, so that no rule (however it is written) can make the API or worker
 * expand thousands of sessions or search for a date that never comes.
 */
export const SeriesLimits = {
  /** Daily sessions for a year at most. */
  maxOccurrences: 366,
  /** No session of a series more than five years after its first. */
  maxSpanYears: 5,
  /** A rule with neither COUNT nor UNTIL is expanded for the year that follows its start. */
  openEndedYears: 1,
} as const;

/**
 * Where a series stops when its rule says UNTIL. RFC 5545 wants UNTIL in UTC when the start has a
 * time zone; a date alone or a date-time without Z is read as wall-clock time in the programme's
 * zone (a date alone meaning "up to the end of that day").
 */
export type SeriesEnd = { kind: 'INSTANT'; instant: DateTime } | { kind: 'LOCAL_DATE_TIME'; wall: FloatingDateTime } | { kind: 'LOCAL_DATE'; wall: FloatingDateTime };

/** A repeat rule that passed every check: rrule's options without the start or the end. */
export interface RecurrenceRule {
  /** The rule as written, less any `RRULE:` prefix, in capitals. */
  text: string;
  options: Partial<RRuleOptions>;
  count: number | null;
  until: SeriesEnd | null;
}

const WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
const list = (item: string) => new RegExp(`^${item}(?:,${item})*$`);

/**
 * The parts of RFC 5545 §3.3.10 a series may use, with what each may hold and what to tell a
 * person who got it wrong. Deliberately a subset: every rule it allows gives a session in every
 * day, week or month it repeats over (or every few months at worst). rrule searches up to the year
 * 9999 for a rule that never matches (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 took 30 s), whatever
 * bound it is given, so a rule that might never match is refused rather than run.
 */
const PARTS: Record<string, { pattern: RegExp; problem: string }> = {
  FREQ: { pattern: /^(?:DAILY|WEEKLY|MONTHLY)$/, problem: 'FREQ must be DAILY, WEEKLY or MONTHLY.' },
  INTERVAL: { pattern: /^[1-9]\d?$/, problem: 'INTERVAL must be a whole number from 1 to 99.' },
  COUNT: { pattern: /^[1-9]\d{0,5}$/, problem: 'COUNT must be a whole number of sessions, 1 or more.' },
  UNTIL: { pattern: /^\d{8}(?:T\d{6}Z?)?$/, problem: 'UNTIL must be a date like 20270601 or a UTC date-time like 20270601T170000Z.' },
  BYDAY: {
    pattern: list(`(?:[+-]?[1-4])?${WEEKDAY}`),
    problem: 'BYDAY must list days as MO, TU, WE, TH, FR, SA or SU, numbered from 1 to 4 (or -1 to -4 from the end of the month) for a monthly rule, like 3WE or -1FR.',
  },
  BYMONTHDAY: {
    pattern: list('[+-]?(?:[1-9]|1\\d|2[0-8])'),
    problem: 'BYMONTHDAY must list days from 1 to 28, which every month has (or -1 to -28, counting from the end: -1 is the last day).',
  },
  BYSETPOS: { pattern: list('[+-]?(?:[1-9]|1\\d|2[0-8])'), problem: 'BYSETPOS must list positions from 1 to 28 (or -1 to -28).' },
  WKST: { pattern: new RegExp(`^${WEEKDAY}$`), problem: 'WKST must be one day: MO, TU, WE, TH, FR, SA or SU.' },
};

/** Parts that only make sense with some frequencies; with another they could make a rule that never matches. */
const MONTHLY_ONLY = ['BYMONTHDAY', 'BYSETPOS'];
const SUB_DAILY = new Set(['HOURLY', 'MINUTELY', 'SECONDLY']);
const TIME_OF_DAY_PARTS = new Set(['BYHOUR', 'BYMINUTE', 'BYSECOND']);

function refuse(message: string): never {
  throw DomainError.badInput(message, [{ field: 'rrule', message }]);
}

function readParts(text: string): Map<string, string> {
  if (text === '') refuse('Enter a repeat rule, for example FREQ=WEEKLY;COUNT=10.');
  if (/[\r\n]/.test(text) || text.startsWith('DTSTART')) {
    refuse('Give only the RRULE line: the first session comes from the start date and time.');
  }
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const [name, value, ...rest] = part.split('=');
    if (!name || value === undefined || value === '' || rest.length > 0) refuse(`"${part}" is not a NAME=VALUE part of a repeat rule.`);
    if (parts.has(name)) refuse(`${name} appears more than once in the repeat rule.`);
    if (TIME_OF_DAY_PARTS.has(name)) refuse(`Leave ${name} out: sessions start at the programme's start time.`);
    if (name === 'FREQ' && SUB_DAILY.has(value)) refuse(`Sessions can repeat at most once a day, so FREQ cannot be ${value}.`);
    if (name === 'FREQ' && value === 'YEARLY') refuse('Sessions repeat daily, weekly or monthly, so FREQ cannot be YEARLY.');
    const rule = PARTS[name];
    if (!rule) refuse(`${name} is not a part of a repeat rule that Lena supports.`);
    if (!rule.pattern.test(value)) refuse(rule.problem);
    parts.set(name, value);
  }
  return parts;
}

/** The combinations that could leave a rule with no session in some day, week or month it covers. */
function checkCombination(parts: Map<string, string>): void {
  const freq = parts.get('FREQ');
  const byDay = parts.get('BYDAY');
  if (freq !== 'MONTHLY') {
    const monthlyPart = MONTHLY_ONLY.find((name) => parts.has(name));
    if (monthlyPart) refuse(`${monthlyPart} only works with FREQ=MONTHLY.`);
    if (/\d/.test(byDay ?? '')) refuse('A numbered day such as 3WE only works with FREQ=MONTHLY.');
  }
  if (freq === 'DAILY' && byDay && (parts.get('INTERVAL') ?? '1') !== '1') {
    refuse('For certain days every few weeks, use FREQ=WEEKLY with INTERVAL and BYDAY.');
  }
  if (byDay && parts.has('BYMONTHDAY')) refuse('Give BYDAY or BYMONTHDAY in a monthly rule, not both.');
  const positions = parts.get('BYSETPOS');
  if (positions !== undefined) {
    if (!byDay || /\d/.test(byDay)) refuse('BYSETPOS needs BYDAY with plain days, like BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1.');
    // Each weekday comes at least four times a month, so these positions always exist.
    const setSize = 4 * byDay.split(',').length;
    if (positions.split(',').some((position) => Math.abs(Number(position)) > setSize)) {
      refuse(
        `With ${byDay.split(',').length === 1 ? 'one day' : 'these days'} in BYDAY, BYSETPOS can be at most ${setSize} (or -${setSize}), so that every month has that session.`,
      );
    }
  }
}

function readUntil(value: string): SeriesEnd {
  if (value.length === 8) {
    const date = DateTime.fromFormat(value, 'yyyyLLdd', { zone: 'utc' });
    if (!date.isValid) refuse(`UNTIL=${value} is not a real date.`);
    return { kind: 'LOCAL_DATE', wall: date };
  }
  const utc = value.endsWith('Z');
  const dateTime = DateTime.fromFormat(value.replace('Z', ''), "yyyyLLdd'T'HHmmss", { zone: 'utc' });
  if (!dateTime.isValid) refuse(`UNTIL=${value} is not a real date and time.`);
  return utc ? { kind: 'INSTANT', instant: dateTime } : { kind: 'LOCAL_DATE_TIME', wall: dateTime };
}

/**
 * Reads an RFC 5545 RRULE value (with or without the `RRULE:` prefix). rrule's own parser accepts
 * nonsense silently (FREQ=BOGUS, COUNT=abc, INTERVAL=0), so every part is checked here first;
 * anything wrong is BAD_USER_INPUT on the field `rrule`, in words a person can act on.
 */
export function parseRecurrenceRule(rule: string): RecurrenceRule {
  const text = rule
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  const parts = readParts(text);
  if (!parts.has('FREQ')) refuse('A repeat rule needs FREQ, for example FREQ=WEEKLY.');
  if (parts.has('COUNT') && parts.has('UNTIL')) refuse('Give COUNT or UNTIL in a repeat rule, not both.');
  checkCombination(parts);
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  if (count !== null && count > SeriesLimits.maxOccurrences) {
    refuse(`A series can have at most ${SeriesLimits.maxOccurrences} sessions.`);
  }
  const untilValue = parts.get('UNTIL');
  parts.delete('UNTIL');
  const withoutUntil = [...parts].map(([name, value]) => `${name}=${value}`).join(';');
  return {
    text,
    options: RRule.parseString(withoutUntil),
    count,
    until: untilValue === undefined ? null : readUntil(untilValue),
  };
}

/** The message `parseRecurrenceRule` would give, or null when the rule is fine. */
export function recurrenceRuleProblem(rule: string): string | null {
  try {
    parseRecurrenceRule(rule);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

export const recurrenceRuleSchema = z
  .string({ error: 'Enter a repeat rule.' })
  .max(500, { error: 'Repeat rules can be at most 500 characters.' })
  .superRefine((rule, context) => {
    const problem = recurrenceRuleProblem(rule);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
