import { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';
import { singleLine } from '../identity/identity-schemas.js';
import { isPlatformAdmin, TenantRole, PlatformRole, type Principal } from '../identity/roles.js';
import { storedSeriesSessions, type ScheduledSession } from './programme-schedule.js';
import { ProgrammeLimits } from './programme-schemas.js';
import type { ProgrammeActor } from './programme-lifecycle.js';

const reason = (what: string, max: number) =>
  singleLine(
    z
      .string({ error: `Give a reason ${what}.` })
      .trim()
      .min(3, { error: `Give a reason ${what}.` })
      .max(max, { error: `Reasons can be at most ${max} characters.` }),
    'Reasons',
  );

/** Why a programme is cancelled: kept on the programme and in the audit log. */
export const cancelReasonSchema = reason('for cancelling the programme', 500);

/** Why a platform admin proposes a schedule despite its conflicts: audited with the conflicts. */
export const overrideReasonSchema = reason('for scheduling despite the conflicts', 500);

/** The version a change was made against (optimistic concurrency). */
export const programmeVersionSchema = z
  .int({ error: 'Send the version of the programme you are changing.' })
  .min(1, { error: 'Send the version of the programme you are changing.' });

/**
 * Refuses a change made against an older version of the programme: someone else changed it since
 * it was read. CONFLICT, so the screen reloads it rather than overwriting their change.
 */
export function assertCurrentVersion(current: number, given: number): void {
  if (current !== given) {
    throw DomainError.conflict('Someone else changed this programme since you opened it. Reload it to see their changes, then try again.');
  }
}

/**
 * Who acts on a programme, as the lifecycle knows them: a platform admin as such, an organisation
 * admin acting in the programme's organisation, or nobody who may change it (null).
 */
export function programmeActorOf(principal: Principal, programmeTenantId: string): ProgrammeActor | null {
  if (isPlatformAdmin(principal)) return PlatformRole.PLATFORM_ADMIN;
  if (principal.tenantId === programmeTenantId && principal.tenantRole === TenantRole.ORG_ADMIN) return TenantRole.ORG_ADMIN;
  return null;
}

/** A programme's series as its row keeps it, possibly before a rule or start has been set. */
export interface SeriesDraft {
  rrule: string | null;
  /** `2027-03-16T10:00:00` or `2027-03-16 10:00:00`; null when no start has been set. */
  startLocal: string | null;
  startSlots: readonly string[];
  timeZone: string;
  sessionMinutes: number;
}

/**
 * The first `limit` sessions of a stored series, start and end in UTC, for display: the very
 * expansion the worker stores (`storedSeriesSessions`), so a preview never disagrees with the
 * sessions that follow acceptance. Empty when the series has no rule or start yet.
 */
export function previewStoredSeries(series: SeriesDraft, limit: number): ScheduledSession[] {
  if (!series.rrule || !series.startLocal || limit < 1) return [];
  return storedSeriesSessions({ ...series, rrule: series.rrule, startLocal: series.startLocal, startSlots: [...series.startSlots], sessionCount: limit });
}

const groupSize = (what: string) =>
  z
    .number({ error: `Enter the ${what}.` })
    .int({ error: `The ${what} must be a whole number.` })
    .min(ProgrammeLimits.smallestGroup, { error: `The ${what} must be at least ${ProgrammeLimits.smallestGroup}.` })
    .max(ProgrammeLimits.largestGroup, { error: `The ${what} can be at most ${ProgrammeLimits.largestGroup}.` });

/** A change to a programme's group size bounds once it is agreed (the people enrolled are checked separately). */
export const groupSizeSchema = z
  .object({ minGroupSize: groupSize('smallest group size'), maxGroupSize: groupSize('largest group size') })
  .refine((sizes) => !Number.isInteger(sizes.minGroupSize) || !Number.isInteger(sizes.maxGroupSize) || sizes.minGroupSize <= sizes.maxGroupSize, {
    error: 'The largest group size cannot be smaller than the smallest.',
    path: ['maxGroupSize'],
  });
