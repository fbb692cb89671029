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
