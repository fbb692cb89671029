import { Duration } from 'luxon';
import { cadenceToRrule, type Cadence } from '../scheduling/cadence.js';
import { expandRotatingSeries } from '../scheduling/series-expansion.js';

export interface ProgrammeScheduleInput {
  cadence: Cadence;
  startDate: string;
  startTimes: readonly string[];
  numberOfSessions: number;
  sessionLengthMinutes: number;
  timeZone: string;
}

export interface ScheduledSession {
  /** 1 for the first session. */
  sequence: number;
  startsAt: string;
  endsAt: string;
}

/**
 * A programme's repeat rule and every session it gives, start and end in UTC. A session lasts its
 * length in real time, so one that spans a change of the clocks still ends that many minutes on.
 */
export function programmeSchedule(input: ProgrammeScheduleInput): { rrule: string; sessions: ScheduledSession[] } {
  const rrule = cadenceToRrule(input);
  // A length in real time, added to the instant: no calendar or zone is involved.
  const lengthMs = Duration.fromObject({ minutes: input.sessionLengthMinutes }).toMillis();
  const starts = expandRotatingSeries({ rrule, startDate: input.startDate, startTimes: input.startTimes, timeZone: input.timeZone });
  return {
    rrule,
    sessions: starts.map((startsAt, index) => ({
      sequence: index + 1,
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + lengthMs).toISOString(),
    })),
  };
}

/**
 * How the programme row keeps its start (`start_local`, `start_slots`): the first session's local
 * date and time without an offset, and the rotating start times, empty when there is only one.
 */
export interface StoredSeriesStart {
  startLocal: string;
  startSlots: string[];
}

export function toStoredSeriesStart(start: { startDate: string; startTimes: readonly string[] }): StoredSeriesStart {
  return {
    startLocal: `${start.startDate}T${start.startTimes[0]}:00`,
    startSlots: start.startTimes.length > 1 ? [...start.startTimes] : [],
  };
}

/** Back from the row; `start_local` as ISO (`2027-03-16T10:00:00`) or as PostgreSQL writes it (`2027-03-16 10:00:00`). */
export function fromStoredSeriesStart(stored: StoredSeriesStart): { startDate: string; startTimes: string[] } {
  const [date = '', time = ''] = stored.startLocal.split(/[T ]/);
  return { startDate: date, startTimes: stored.startSlots.length > 0 ? stored.startSlots.map((slot) => slot.slice(0, 5)) : [time.slice(0, 5)] };
}

/** A programme's series as its row keeps it, once proposed: what the worker expands into sessions. */
export interface StoredSeries extends StoredSeriesStart {
  rrule: string;
  timeZone: string;
  sessionMinutes: number;
  /** The programme's number of sessions: the series never gives more, whatever its rule. */
  sessionCount: number;
}

/**
 * Every session of a stored series, numbered from 1, start and end in UTC: the rule expanded in
 * the programme's zone (rotating among its start times when it has several) and cut at the
 * programme's number of sessions, so a rule without COUNT or UNTIL still gives the sessions bought.
 */
export function storedSeriesSessions(series: StoredSeries): ScheduledSession[] {
  const { startDate, startTimes } = fromStoredSeriesStart(series);
  const lengthMs = Duration.fromObject({ minutes: series.sessionMinutes }).toMillis();
  const starts = expandRotatingSeries({ rrule: series.rrule, startDate, startTimes, timeZone: series.timeZone }).slice(0, series.sessionCount);
  return starts.map((startsAt, index) => ({ sequence: index + 1, startsAt, endsAt: new Date(Date.parse(startsAt) + lengthMs).toISOString() }));
}
