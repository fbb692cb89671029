import { DateTime } from 'luxon';
import { z } from 'zod';
import { GroupSessionStatus } from './agenda.js';
import { atWallTime, parseLocalDateTime, toUtcIso, wallTimeOf } from './local-time.js';

/**
 * Which sessions of a series an edit touches, as calendar apps ask: this one, this one and every
 * later one, or every one. Sessions that have begun are history and are never moved or cancelled,
 * whatever the scope.
 */
export const SessionEditScope = {
  THIS: 'THIS',
  FOLLOWING: 'FOLLOWING',
  SERIES: 'SERIES',
} as const;
export type SessionEditScope = (typeof SessionEditScope)[keyof typeof SessionEditScope];

export const sessionEditScopeSchema = z.enum(SessionEditScope);

/** One session of a series as an edit sees it. */
export interface SeriesSession {
  id: string;
  /** 1 for the first session of the programme. */
  sequence: number;
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  status: GroupSessionStatus;
}

export interface SessionMove {
  id: string;
  startsAt: string;
  endsAt: string;
}

/** Why an edit cannot be made (a message fit for BAD_USER_INPUT or CONFLICT). */
export class SessionEditRefusal extends Error {
  constructor(
    message: string,
    readonly kind: 'NOT_FOUND' | 'BAD_INPUT' | 'CONFLICT',
  ) {
    super(message);
    this.name = 'SessionEditRefusal';
  }
}

export const rescheduleReasonSchema = z.string().trim().min(1, 'Say why the session is moving: participants are told.').max(500, 'Keep the reason under 500 characters.');
export const cancellationReasonSchema = z.string().trim().min(1, 'Say why the session is cancelled: participants are told.').max(500, 'Keep the reason under 500 characters.');

function targetOf(sessions: readonly SeriesSession[], sessionId: string, now: Date): SeriesSession {
  const target = sessions.find((session) => session.id === sessionId);
  if (!target) throw new SessionEditRefusal('That session is not part of this programme.', 'NOT_FOUND');
  if (target.status === GroupSessionStatus.CANCELLED) throw new SessionEditRefusal('That session has been cancelled, so it cannot be changed.', 'CONFLICT');
  if (Date.parse(target.startsAt) <= now.getTime()) throw new SessionEditRefusal('That session has already begun, so it cannot be changed.', 'CONFLICT');
  return target;
}

/** The sessions an edit of `target` with `scope` touches: scheduled, not yet begun, and in scope. */
function inScope(sessions: readonly SeriesSession[], target: SeriesSession, scope: SessionEditScope, now: Date): SeriesSession[] {
  const touchable = (session: SeriesSession) => session.status === GroupSessionStatus.SCHEDULED && Date.parse(session.startsAt) > now.getTime();
  switch (scope) {
    case SessionEditScope.THIS:
      return [target];
    case SessionEditScope.FOLLOWING:
      return sessions.filter((session) => session.sequence >= target.sequence && touchable(session));
    case SessionEditScope.SERIES:
      return sessions.filter(touchable);
  }
}

/**
 * Where each touched session goes when `target` moves to `newStartLocal` (a wall-clock date-time
 * in the programme's zone). The others move by the same wall-clock shift (so many days, so many
 * hours and minutes), which keeps each at its own local time of day across a change of the clocks
 * and keeps rotating start times rotating. Each keeps its own length. Sessions out of scope,
 * cancelled or already begun are not in the answer: nothing else changes.
 */
export function planSessionMove(input: {
  sessions: readonly SeriesSession[];
  sessionId: string;
  scope: SessionEditScope;
  newStartLocal: string;
  timeZone: string;
  now: Date;
}): SessionMove[] {
  const { sessions, scope, timeZone, now } = input;
  const target = targetOf(sessions, input.sessionId, now);
  const newStart = parseLocalDateTime(input.newStartLocal);
  if (!newStart) throw new SessionEditRefusal('Give the new start as a date and time, like 2027-03-17T10:00.', 'BAD_INPUT');
  const targetWall = wallTimeOf(DateTime.fromISO(target.startsAt, { zone: 'utc' }), timeZone);
  // The shift on the wall clock, in whole minutes: floating date-times are in UTC, so no zone rule
  // enters the difference.
  const shiftMinutes = Math.round(newStart.diff(targetWall, 'minutes').minutes);
  if (shiftMinutes === 0) throw new SessionEditRefusal('That is the time the session already has.', 'BAD_INPUT');

  const moves = inScope(sessions, target, scope, now).map((session) => {
    const wall = wallTimeOf(DateTime.fromISO(session.startsAt, { zone: 'utc' }), timeZone).plus({ minutes: shiftMinutes });
    const startsAt = atWallTime(wall, timeZone);
    const lengthMs = Date.parse(session.endsAt) - Date.parse(session.startsAt);
    return { id: session.id, startsAt: toUtcIso(startsAt), endsAt: new Date(startsAt.toMillis() + lengthMs).toISOString() };
  });
  if (moves.some((move) => Date.parse(move.startsAt) <= now.getTime())) {
    throw new SessionEditRefusal('That would move a session into the past. Choose a later time.', 'BAD_INPUT');
  }
  // Two sessions of one group at once would be the same meeting twice.
  const moved = new Map(moves.map((move) => [move.id, move]));
  const after = sessions.filter((session) => session.status === GroupSessionStatus.SCHEDULED).map((session) => moved.get(session.id) ?? session);
  const byStart = [...after].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (let index = 1; index < byStart.length; index++) {
    const [previous, current] = [byStart[index - 1]!, byStart[index]!];
    if (Date.parse(current.startsAt) < Date.parse(previous.endsAt)) {
      throw new SessionEditRefusal('That would make two sessions of this group overlap. Choose another time.', 'CONFLICT');
    }
  }
  return moves;
}

/** The sessions cancelling `target` with `scope` cancels: scheduled, not yet begun, in scope. */
export function planSessionCancellation(input: { sessions: readonly SeriesSession[]; sessionId: string; scope: SessionEditScope; now: Date }): string[] {
  const target = targetOf(input.sessions, input.sessionId, input.now);
  return inScope(input.sessions, target, input.scope, input.now).map((session) => session.id);
}
