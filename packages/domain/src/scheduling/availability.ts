import { DateTime, Interval } from 'luxon';
import { DomainError } from '../errors/domain-error.js';
import { weekdayName, type WorkingHoursSpan } from './availability-schemas.js';
import { atWallTime, type FloatingDateTime } from './local-time.js';

export interface TimeSpan {
  /** Instants: a Date, or ISO 8601 with an offset or Z (`2027-03-16T10:00:00.000Z`). */
  startsAt: string | Date;
  endsAt: string | Date;
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
  /** Their own zone (`facilitator_profile.time_zone`), which their working hours are in. */
  timeZone: string;
  /**
   * Their usual week, as `workingHoursSchema` keeps it (`HH:MM`, or `HH:MM:SS` as PostgreSQL's
   * time type reads back). Null when they have not set it yet: then no session is outside it.
   */
  workingHours: readonly Pick<WorkingHoursSpan, 'isoWeekday' | 'startsLocal' | 'endsLocal'>[] | null;
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
  clash: { startsAt: string; endsAt: string; sessionId?: string; tenantName?: string; programmeTitle?: string } | null;
}

type WorkingSpan = FacilitatorCalendar['workingHours'] extends readonly (infer S)[] | null ? S : never;

const KIND_ORDER: ConflictKind[] = [ConflictKind.DOUBLE_BOOKING, ConflictKind.TIME_OFF, ConflictKind.OUTSIDE_WORKING_HOURS];

const instant = (value: string | Date) => (typeof value === 'string' ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromJSDate(value));
const isoOf = (value: string | Date) => (typeof value === 'string' ? value : value.toISOString());

function interval(span: TimeSpan, what: string): Interval<true> {
  const result = Interval.fromDateTimes(instant(span.startsAt), instant(span.endsAt));
  if (!result.isValid || result.isEmpty()) {
    const message = `${what} must have a valid start and an end after it.`;
    throw DomainError.badInput(message, [{ field: 'endsAt', message }]);
  }
  return result;
}

/** "Tuesday 16 March 2027, 10:00–11:30 GMT", or across days "from … to …", in the viewer's zone. */
function describeSpan(span: Interval<true>, timeZone: string): string {
  const start = span.start.setZone(timeZone).setLocale('en-GB');
  const end = span.end.setZone(timeZone).setLocale('en-GB');
  if (start.hasSame(end, 'day')) return `${start.toFormat('cccc d LLLL yyyy, HH:mm')}–${end.toFormat('HH:mm ZZZZ')}`;
  return `from ${start.toFormat('cccc d LLLL yyyy, HH:mm ZZZZ')} to ${end.toFormat('cccc d LLLL yyyy, HH:mm ZZZZ')}`;
}

/** `09:30`, or `09:30:00` as PostgreSQL reads a time back, on the given floating day. */
function onDay(day: FloatingDateTime, localTime: string): FloatingDateTime {
  const [hour, minute, second = 0] = localTime.split(':').map(Number);
  return day.set({ hour, minute, second });
}

/** The facilitator's working hours as instants, for every local day the session touches. */
function workingIntervalsAround(session: Interval<true>, zone: string, hours: readonly WorkingSpan[]): Interval[] {
  const firstDay = session.start.setZone(zone).startOf('day');
  const lastDay = session.end.setZone(zone).startOf('day');
  const intervals: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day = day.plus({ days: 1 })) {
    const floatingDay: FloatingDateTime = day.setZone('utc', { keepLocalTime: true });
    for (const span of hours.filter((entry) => entry.isoWeekday === day.weekday)) {
      intervals.push(Interval.fromDateTimes(atWallTime(onDay(floatingDay, span.startsLocal), zone), atWallTime(onDay(floatingDay, span.endsLocal), zone)));
    }
  }
  // Spans that touch (09:00–12:00 and 12:00–17:00) cover a session across the join.
  return Interval.merge(intervals);
}

const hhmm = (localTime: string) => localTime.slice(0, 5);

function describeHoursOn(weekday: number, hours: readonly WorkingSpan[], facilitator: FacilitatorCalendar): string {
  const spans = hours.filter((entry) => entry.isoWeekday === weekday).sort((a, b) => a.startsLocal.localeCompare(b.startsLocal));
  const days = `${weekdayName(weekday)}s`;
  if (spans.length === 0) return `${facilitator.name} does not work on ${days}`;
  return `${facilitator.name} works ${spans.map((span) => `${hhmm(span.startsLocal)}–${hhmm(span.endsLocal)}`).join(' and ')} on ${days} (${facilitator.timeZone} time)`;
}

/**
 * Every reason one facilitator cannot take the proposed sessions: another session at the same time
 * (in any organisation), time off, or time outside their weekly working hours (read in their own
 * zone, so a facilitator in Sydney who works 09:00–17:00 is checked against Sydney's clock; a span
 * ends on the day it starts, so a session across midnight is outside them). Each conflict names the
 * clash; a session the viewer may not see is described by its times alone, never by its
 * organisation or programme. Times touching end to start do not clash.
 *
 * Messages give times in `displayTimeZone`, the zone of the person who will read them. Conflicts
 * come in the order of the proposed sessions, then double bookings, time off, working hours.
 */
export function findAvailabilityConflicts(input: { proposed: readonly ProposedSession[]; facilitator: FacilitatorCalendar; displayTimeZone: string }): AvailabilityConflict[] {
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
      const times = { startsAt: isoOf(session.startsAt), endsAt: isoOf(session.endsAt) };
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
        clash: { startsAt: isoOf(away.startsAt), endsAt: isoOf(away.endsAt) },
      });
    }

    const hours = facilitator.workingHours;
    if (hours && !workingIntervalsAround(span, facilitator.timeZone, hours).some((working) => working.engulfs(span))) {
      const weekday = span.start.setZone(facilitator.timeZone).weekday;
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
