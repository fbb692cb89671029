import { DateTime, Interval } from 'luxon';
import { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';
import { timeZoneSchema } from '../tenancy/tenancy-schemas.js';
import { atWallTime, parseTimeOfDay, timeOfDaySchema, type FloatingDateTime } from './local-time.js';

/** One stretch of a facilitator's working week, in their own time zone. `24:00` ends at midnight. */
export interface WeeklyHours {
  /** ISO numbering, as Luxon counts: Monday = 1 … Sunday = 7. */
  weekday: number;
  start: string;
  end: string;
}

const MIDNIGHT_END = '24:00';

export const weeklyHoursSchema = z
  .object({
    weekday: z.number().int().min(1, { error: 'Choose a day of the week.' }).max(7, { error: 'Choose a day of the week.' }),
    start: timeOfDaySchema,
    end: z
      .string()
      .trim()
      .refine((end) => end === MIDNIGHT_END || parseTimeOfDay(end) !== null, {
        error: 'Enter a time on the 24-hour clock, like 17:00 (or 24:00 for midnight).',
      }),
  })
  // Compared only once both are times (zero-padded, so they order as text); a bad time has its own message.
  .refine((hours) => parseTimeOfDay(hours.start) === null || hours.end === MIDNIGHT_END || parseTimeOfDay(hours.end) === null || hours.end > hours.start, {
    error: 'Working hours must end after they start.',
    path: ['end'],
  });

export const availabilitySchema = z.object({
  timeZone: timeZoneSchema,
  weeklyHours: z
    .array(weeklyHoursSchema, { error: 'Give the working hours as a list.' })
    .refine((hours) => hours.length <= 28, { error: 'Give at most 28 stretches of working hours a week.' }),
});

export interface TimeSpan {
  /** ISO 8601 instants, e.g. `2027-03-16T10:00:00.000Z`. */
  startsAt: string;
  endsAt: string;
}

export interface BookedSession extends TimeSpan {
  sessionId: string;
  /** Whether the person asking may see which organisation and programme this session belongs to. */
  visibleToViewer: boolean;
  tenantName: string;
  programmeTitle: string;
}

export interface FacilitatorCalendar {
  name: string;
  timeZone: string;
  /** Null when the facilitator has not set working hours yet: then no session is outside them. */
  weeklyHours: readonly WeeklyHours[] | null;
  timeOff: readonly TimeSpan[];
  /** Their other sessions, in every organisation they serve. */
  bookedSessions: readonly BookedSession[];
}

export interface ProposedSession extends TimeSpan {
  /** Set when moving an existing session, so that it does not clash with itself. */
  sessionId?: string;
}

export const ConflictKind = {
  DOUBLE_BOOKING: 'DOUBLE_BOOKING',
  OUTSIDE_WORKING_HOURS: 'OUTSIDE_WORKING_HOURS',
  TIME_OFF: 'TIME_OFF',
} as const;
export type ConflictKind = (typeof ConflictKind)[keyof typeof ConflictKind];

export interface AvailabilityConflict {
  /** Which of the proposed sessions (its index in the list given). */
  proposedIndex: number;
  kind: ConflictKind;
  /** A sentence fit to show the person proposing, in their time zone. */
  message: string;
  /** What it clashes with; another organisation's session carries only its times unless the viewer may see it. */
  clash: (TimeSpan & { sessionId?: string; tenantName?: string; programmeTitle?: string }) | null;
}

const DAY_PLURALS = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];
const KIND_ORDER: ConflictKind[] = [ConflictKind.DOUBLE_BOOKING, ConflictKind.TIME_OFF, ConflictKind.OUTSIDE_WORKING_HOURS];

function interval(span: TimeSpan, what: string): Interval {
  const result = Interval.fromDateTimes(DateTime.fromISO(span.startsAt, { setZone: true }), DateTime.fromISO(span.endsAt, { setZone: true }));
  if (!result.isValid || result.isEmpty()) {
    const message = `${what} must have a valid start and an end after it.`;
    throw DomainError.badInput(message, [{ field: 'endsAt', message }]);
  }
  return result as Interval<true>;
}

/** "Tuesday 16 March 2027, 10:00–11:30 GMT", or across days "from … to …", in the viewer's zone. */
function describeSpan(span: Interval, timeZone: string): string {
  const start = (span.start as DateTime).setZone(timeZone).setLocale('en-GB');
  const end = (span.end as DateTime).setZone(timeZone).setLocale('en-GB');
  if (start.hasSame(end, 'day')) return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm ZZZZ')}`;
  return `from ${start.toFormat('cccc d LLLL yyyy, HH:mm ZZZZ')} to ${end.toFormat('cccc d LLLL yyyy, HH:mm ZZZZ')}`;
}

/** The facilitator's working hours as instants, for every local day the session touches. */
function workingIntervalsAround(session: Interval, facilitator: FacilitatorCalendar, hours: readonly WeeklyHours[]): Interval[] {
  const zone = facilitator.timeZone;
  const firstDay = (session.start as DateTime).setZone(zone).startOf('day').minus({ days: 1 });
  const lastDay = (session.end as DateTime).setZone(zone).startOf('day');
  const intervals: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day = day.plus({ days: 1 })) {
    const floatingDay: FloatingDateTime = day.setZone('utc', { keepLocalTime: true });
    for (const stretch of hours.filter((entry) => entry.weekday === day.weekday)) {
      const start = atWallTime(floatingDay.set(parseTimeOfDay(stretch.start) as { hour: number; minute: number }), zone);
      const end =
        stretch.end === MIDNIGHT_END
          ? atWallTime(floatingDay.plus({ days: 1 }), zone)
          : atWallTime(floatingDay.set(parseTimeOfDay(stretch.end) as { hour: number; minute: number }), zone);
      intervals.push(Interval.fromDateTimes(start, end));
    }
  }
  // Back-to-back stretches (Monday 20:00–24:00 and Tuesday 00:00–02:00) cover a session across midnight.
  return Interval.merge(intervals);
}

function describeHoursOn(weekday: number, hours: readonly WeeklyHours[], facilitator: FacilitatorCalendar): string {
  const stretches = hours.filter((entry) => entry.weekday === weekday).sort((a, b) => a.start.localeCompare(b.start));
  const day = DAY_PLURALS[weekday - 1];
  if (stretches.length === 0) return `${facilitator.name} does not work on ${day}`;
  return `${facilitator.name} works ${stretches.map((entry) => `${entry.start}–${entry.end}`).join(' and ')} on ${day} (${facilitator.timeZone} time)`;
}

/**
 * Every reason one facilitator cannot take the proposed sessions: another session at the same time
 * (in any organisation), time off, or time outside their weekly working hours (read in their own
 * zone, so a facilitator in Sydney who works 09:00–17:00 is checked against Sydney's clock). Each
 * conflict names the clash; a session the viewer may not see is described by its times alone,
 * never by its organisation or programme. Times touching end to start do not clash.
 *
 * Messages give times in `displayTimeZone`, the zone of the person who will read them. Conflicts
 * come in the order of the proposed sessions, then double bookings, time off, working hours.
 */
export function findAvailabilityConflicts(input: {
  proposed: readonly ProposedSession[];
  facilitator: FacilitatorCalendar;
  displayTimeZone: string;
}): AvailabilityConflict[] {
  const { proposed, facilitator, displayTimeZone } = input;
  const booked = facilitator.bookedSessions.map((session) => ({ session, span: interval(session, 'A booked session') }));
  const timeOff = facilitator.timeOff.map((away) => ({ away, span: interval(away, 'Time off') }));
  const conflicts: AvailabilityConflict[] = [];

  proposed.forEach((candidate, proposedIndex) => {
    const span = interval(candidate, 'A session');
    const when = describeSpan(span, displayTimeZone);
    const found: AvailabilityConflict[] = [];

    for (const { session, span: other } of booked) {
      if (session.sessionId === candidate.sessionId || !span.overlaps(other)) continue;
      const times = { startsAt: session.startsAt, endsAt: session.endsAt };
      found.push(
        session.visibleToViewer
          ? {
              proposedIndex,
              kind: ConflictKind.DOUBLE_BOOKING,
              message: `${facilitator.name} is already running ${session.programmeTitle} (${session.tenantName}) ${describeSpan(other, displayTimeZone)}.`,
              clash: { ...times, sessionId: session.sessionId, tenantName: session.tenantName, programmeTitle: session.programmeTitle },
            }
          : {
              proposedIndex,
              kind: ConflictKind.DOUBLE_BOOKING,
              message: `${facilitator.name} already has another session ${describeSpan(other, displayTimeZone)}.`,
              clash: times,
            },
      );
    }

    for (const { away, span: awaySpan } of timeOff) {
      if (!span.overlaps(awaySpan)) continue;
      found.push({
        proposedIndex,
        kind: ConflictKind.TIME_OFF,
        message: `${facilitator.name} is away ${describeSpan(awaySpan, displayTimeZone)}.`,
        clash: { startsAt: away.startsAt, endsAt: away.endsAt },
      });
    }

    const hours = facilitator.weeklyHours;
    if (hours && !workingIntervalsAround(span, facilitator, hours).some((working) => working.engulfs(span))) {
      const weekday = (span.start as DateTime).setZone(facilitator.timeZone).weekday;
      found.push({
        proposedIndex,
        kind: ConflictKind.OUTSIDE_WORKING_HOURS,
        message: `The session ${when} is outside working hours: ${describeHoursOn(weekday, hours, facilitator)}.`,
        clash: null,
      });
    }

    const clashStart = (conflict: AvailabilityConflict) => (conflict.clash ? Date.parse(conflict.clash.startsAt) : 0);
    found.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || clashStart(a) - clashStart(b));
    conflicts.push(...found);
  });
  return conflicts;
}
