import { DateTime } from 'luxon';
import { programmeSchedule } from '../programmes/programme-schedule.js';
import { Cadence } from './cadence.js';
import { planSessionCancellation, planSessionMove, SessionEditRefusal, SessionEditScope, type SeriesSession } from './session-edits.js';

/** A weekly series of `count` 90-minute sessions from `startDate` at `times` (rotating) in `timeZone`. */
function series(startDate: string, times: string[], timeZone: string, count = 6): SeriesSession[] {
  const { sessions } = programmeSchedule({ cadence: Cadence.WEEKLY, startDate, startTimes: times, numberOfSessions: count, sessionLengthMinutes: 90, timeZone });
  return sessions.map((session) => ({ id: `s${session.sequence}`, sequence: session.sequence, startsAt: session.startsAt, endsAt: session.endsAt, status: 'SCHEDULED' }));
}

const localTimes = (moves: { startsAt: string }[], zone: string) => moves.map((move) => DateTime.fromISO(move.startsAt).setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm"));
const BEFORE_ALL = new Date('2027-01-01T00:00:00Z');

describe('planSessionMove', () => {
  it('moves only the one session for THIS, keeping its length', () => {
    const sessions = series('2027-03-02', ['10:00'], 'Europe/London');
    const moves = planSessionMove({ sessions, sessionId: 's3', scope: SessionEditScope.THIS, newStartLocal: '2027-03-17T14:00', timeZone: 'Europe/London', now: BEFORE_ALL });
    expect(moves.map((move) => move.id)).toEqual(['s3']);
    expect(localTimes(moves, 'Europe/London')).toEqual(['2027-03-17T14:00']);
    expect(Date.parse(moves[0]!.endsAt) - Date.parse(moves[0]!.startsAt)).toBe(90 * 60_000);
  });

  it('moves this and the following sessions by the same wall-clock shift and never an earlier one', () => {
    const sessions = series('2027-03-02', ['10:00'], 'Europe/London');
    const moves = planSessionMove({ sessions, sessionId: 's3', scope: SessionEditScope.FOLLOWING, newStartLocal: '2027-03-17T11:00', timeZone: 'Europe/London', now: BEFORE_ALL });
    expect(moves.map((move) => move.id)).toEqual(['s3', 's4', 's5', 's6']);
    // London's clocks go forward on 28 March 2027: every session stays 11:00 local.
    expect(localTimes(moves, 'Europe/London')).toEqual(['2027-03-17T11:00', '2027-03-24T11:00', '2027-03-31T11:00', '2027-04-07T11:00']);
  });

  it.each([
    // zone, first session, the shift's target for session 1, what every session reads afterwards (local)
    ['Europe/London', '2027-10-19', '2027-10-19T09:00', ['09:00', '09:00', '09:00', '09:00', '09:00', '09:00']],
    ['America/New_York', '2027-03-02', '2027-03-02T18:30', ['18:30', '18:30', '18:30', '18:30', '18:30', '18:30']],
    ['Australia/Sydney', '2027-03-23', '2027-03-24T10:00', ['10:00', '10:00', '10:00', '10:00', '10:00', '10:00']],
  ])('keeps every session of the series at its local time across the clocks changing in %s', (zone, startDate, newStartLocal, expected) => {
    const sessions = series(startDate, ['10:00'], zone);
    const moves = planSessionMove({ sessions, sessionId: 's1', scope: SessionEditScope.SERIES, newStartLocal, timeZone: zone, now: BEFORE_ALL });
    expect(moves).toHaveLength(6);
    expect(localTimes(moves, zone).map((local) => local.slice(11))).toEqual(expected);
  });

  it('keeps rotating start times rotating when the series moves', () => {
    const sessions = series('2027-03-01', ['08:00', '14:00', '20:00'], 'Europe/London');
    const moves = planSessionMove({ sessions, sessionId: 's1', scope: SessionEditScope.SERIES, newStartLocal: '2027-03-02T08:00', timeZone: 'Europe/London', now: BEFORE_ALL });
    expect(localTimes(moves, 'Europe/London')).toEqual(['2027-03-02T08:00', '2027-03-09T14:00', '2027-03-16T20:00', '2027-03-23T08:00', '2027-03-30T14:00', '2027-04-06T20:00']);
  });

  it('leaves sessions that have begun and cancelled sessions where they are', () => {
    const sessions = series('2027-03-02', ['10:00'], 'Europe/London').map((session) => (session.id === 's5' ? { ...session, status: 'CANCELLED' as const } : session));
    const now = new Date('2027-03-10T09:00:00Z'); // sessions 1 and 2 are past
    const moves = planSessionMove({ sessions, sessionId: 's3', scope: SessionEditScope.SERIES, newStartLocal: '2027-03-17T10:00', timeZone: 'Europe/London', now });
    expect(moves.map((move) => move.id)).toEqual(['s3', 's4', 's6']);
  });

  it.each([
    ['an unknown session', { sessionId: 'nope' }, 'NOT_FOUND', 'That session is not part of this programme.'],
    ['a session that has begun', { sessionId: 's1', now: new Date('2027-03-02T10:30:00Z') }, 'CONFLICT', 'That session has already begun, so it cannot be changed.'],
    ['a time that is not a date-time', { newStartLocal: 'next Tuesday' }, 'BAD_INPUT', 'Give the new start as a date and time, like 2027-03-17T10:00.'],
    ['the time it already has', { newStartLocal: '2027-03-16T10:00' }, 'BAD_INPUT', 'That is the time the session already has.'],
    ['a time in the past', { newStartLocal: '2026-12-01T10:00' }, 'BAD_INPUT', 'That would move a session into the past. Choose a later time.'],
    ['onto the next session', { newStartLocal: '2027-03-23T10:30' }, 'CONFLICT', 'That would make two sessions of this group overlap. Choose another time.'],
  ])('refuses %s', (_case, override, kind, message) => {
    const sessions = series('2027-03-02', ['10:00'], 'Europe/London');
    const attempt = () =>
      planSessionMove({ sessions, sessionId: 's3', scope: SessionEditScope.THIS, newStartLocal: '2027-03-17T10:00', timeZone: 'Europe/London', now: BEFORE_ALL, ...override });
    expect(attempt).toThrow(SessionEditRefusal);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as SessionEditRefusal).kind).toBe(kind);
    }
  });

  it('refuses a cancelled session', () => {
    const sessions = series('2027-03-02', ['10:00'], 'Europe/London').map((session) => (session.id === 's3' ? { ...session, status: 'CANCELLED' as const } : session));
    expect(() =>
      planSessionMove({ sessions, sessionId: 's3', scope: SessionEditScope.THIS, newStartLocal: '2027-03-17T10:00', timeZone: 'Europe/London', now: BEFORE_ALL }),
    ).toThrow('That session has been cancelled, so it cannot be changed.');
  });
});

describe('planSessionCancellation', () => {
  const sessions = series('2027-03-02', ['10:00'], 'Europe/London');
  const now = new Date('2027-03-03T00:00:00Z'); // session 1 is past

  it.each([
    [SessionEditScope.THIS, ['s3']],
    [SessionEditScope.FOLLOWING, ['s3', 's4', 's5', 's6']],
    [SessionEditScope.SERIES, ['s2', 's3', 's4', 's5', 's6']],
  ])('cancels %s: only sessions in scope that have not begun', (scope, expected) => {
    expect(planSessionCancellation({ sessions, sessionId: 's3', scope, now })).toEqual(expected);
  });
});
