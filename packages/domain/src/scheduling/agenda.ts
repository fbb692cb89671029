import { DateTime } from 'luxon';
import { z } from 'zod';
import { isFacilitator, type Principal } from '../identity/roles.js';

/** A page of someone's sessions: 50 by default (what the portal shows), never more than 100. */
export const DEFAULT_AGENDA_PAGE_SIZE = 50;
export const MAX_AGENDA_PAGE_SIZE = 100;
/** A window wider than a year is nearly always a slip, and would make one request read years of sessions. */
export const MAX_AGENDA_WINDOW_DAYS = 370;

/**
 * Whose sessions a person's agenda lists. A facilitator acting in no organisation sees the
 * sessions of the programmes they are assigned to, in every organisation; anyone acting in an
 * organisation sees the sessions of the programmes they are enrolled in there. Anyone else (a
 * platform admin with no facilitator role) has no agenda.
 */
export type AgendaAudience = { kind: 'FACILITATOR'; userId: string } | { kind: 'PARTICIPANT'; userId: string; tenantId: string };

export function agendaAudience(principal: Principal): AgendaAudience | null {
  if (principal.tenantId !== null) return { kind: 'PARTICIPANT', userId: principal.userId, tenantId: principal.tenantId };
  if (isFacilitator(principal)) return { kind: 'FACILITATOR', userId: principal.userId };
  return null;
}

/** Where a page ends: the last session's start and id, so pages stay stable as sessions are added. */
export interface AgendaCursor {
  startsAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Compact and opaque enough: the start in milliseconds (base 36) and the id. No Buffer: the portals import the domain too. */
export function encodeAgendaCursor(cursor: AgendaCursor): string {
  return `${cursor.startsAt.getTime().toString(36)}.${cursor.id}`;
}

/** Null for anything that is not a marker this API handed out. */
export function decodeAgendaCursor(value: string): AgendaCursor | null {
  const match = /^([0-9a-z]{1,12})\.([0-9a-f-]{36})$/i.exec(value);
  if (!match || !UUID.test(match[2]!)) return null;
  const startsAt = new Date(parseInt(match[1]!, 36));
  return Number.isNaN(startsAt.getTime()) ? null : { startsAt, id: match[2]!.toLowerCase() };
}

const instantSchema = z.iso.datetime({ offset: true, error: 'Enter a date and time with its offset, for example 2027-03-17T10:00:00Z.' }).transform((value) => new Date(value));
const bothInstants = (window: { from: unknown; to: unknown }) => window.from instanceof Date && window.to instanceof Date;

export const agendaQuerySchema = z
  .object({
    from: instantSchema,
    to: instantSchema,
    first: z
      .int({ error: 'Choose how many sessions to show.' })
      .min(1, { error: `Ask for between 1 and ${MAX_AGENDA_PAGE_SIZE} sessions at a time.` })
      .max(MAX_AGENDA_PAGE_SIZE, { error: `Ask for between 1 and ${MAX_AGENDA_PAGE_SIZE} sessions at a time.` })
      .default(DEFAULT_AGENDA_PAGE_SIZE),
    after: z
      .string()
      .max(200, { error: 'That page marker is not valid.' })
      .nullish()
      .transform((value, context) => {
        if (!value) return null;
        const cursor = decodeAgendaCursor(value);
        if (!cursor) context.addIssue({ code: 'custom', message: 'That page marker is not valid.' });
        return cursor;
      }),
  })
  .refine((window) => !bothInstants(window) || window.to > window.from, { error: 'The end of the period must come after its start.', path: ['to'] })
  .refine((window) => !bothInstants(window) || DateTime.fromJSDate(window.to).diff(DateTime.fromJSDate(window.from), 'days').days <= MAX_AGENDA_WINDOW_DAYS, {
    error: `Choose a period of at most ${MAX_AGENDA_WINDOW_DAYS} days.`,
    path: ['to'],
  });

export type AgendaQuery = z.output<typeof agendaQuerySchema>;

/**
 * What a calendar subscription lists: the last three months (so a calendar keeps recent history)
 * and the year ahead. Calendar apps poll the feed, so it is computed afresh each time.
 */
export function calendarFeedWindow(now: Date): { from: Date; to: Date } {
  const today = DateTime.fromJSDate(now, { zone: 'utc' });
  return { from: today.minus({ months: 3 }).toJSDate(), to: today.plus({ years: 1 }).toJSDate() };
}

/** Most sessions a feed carries: a year of weekly programmes for a busy facilitator, with room to spare. */
export const MAX_CALENDAR_FEED_SESSIONS = 1000;

/**
 * A session happens as planned, has been called off (it stays listed, marked cancelled), or has
 * been delivered: completed by its facilitator, or its end passed without that (the delivery
 * context's rules). Feedback opens for delivered sessions only.
 */
export const GroupSessionStatus = { SCHEDULED: 'SCHEDULED', CANCELLED: 'CANCELLED', DELIVERED: 'DELIVERED' } as const;
export type GroupSessionStatus = (typeof GroupSessionStatus)[keyof typeof GroupSessionStatus];
