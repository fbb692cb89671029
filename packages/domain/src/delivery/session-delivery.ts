import { GroupSessionStatus } from '../scheduling/agenda.js';

export const DeliveryPolicy = {
  /** A delivered session can be reopened (to correct attendance) for this long after it was delivered. */
  reopenWindowHours: 48,
  /** The register and the notes open a little before the start, so the facilitator can set up. */
  opensMinutesBeforeStart: 30,
} as const;

/** What a facilitator can do with a session on its delivery page. */
export const DeliveryAction = {
  MARK_ATTENDANCE: 'MARK_ATTENDANCE',
  WRITE_NOTES: 'WRITE_NOTES',
  COMPLETE: 'COMPLETE',
  REOPEN: 'REOPEN',
} as const;
export type DeliveryAction = (typeof DeliveryAction)[keyof typeof DeliveryAction];

export interface DeliverySession {
  status: GroupSessionStatus;
  startsAt: Date;
  endsAt: Date;
  /** When it became delivered; null unless DELIVERED. */
  deliveredAt: Date | null;
  /** When it was last reopened; null if never. */
  reopenedAt: Date | null;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The last moment a delivered session can be reopened. */
export function reopenDeadline(deliveredAt: Date): Date {
  return new Date(deliveredAt.getTime() + DeliveryPolicy.reopenWindowHours * HOUR);
}

function opened(session: DeliverySession, now: Date): boolean {
  return now.getTime() >= session.startsAt.getTime() - DeliveryPolicy.opensMinutesBeforeStart * MINUTE;
}

/**
 * Why `action` is refused for this session now, in words fit to show the facilitator; null when it
 * is allowed. The register is taken while the session runs (from shortly before its start) and
 * closes when it is delivered: reopening it is how attendance is corrected. Notes can be written
 * from the same moment, and after delivery too (sessions are usually written up afterwards). A
 * cancelled session allows nothing.
 */
export function deliveryRefusal(action: DeliveryAction, session: DeliverySession, now: Date): string | null {
  if (session.status === GroupSessionStatus.CANCELLED) return 'This session was cancelled, so there is nothing to record for it.';
  const delivered = session.status === GroupSessionStatus.DELIVERED;
  switch (action) {
    case DeliveryAction.MARK_ATTENDANCE:
      if (delivered) return `This session has been completed. Reopen it (within ${DeliveryPolicy.reopenWindowHours} hours of completion) to correct attendance.`;
      return opened(session, now) ? null : `The register opens ${DeliveryPolicy.opensMinutesBeforeStart} minutes before the session starts.`;
    case DeliveryAction.WRITE_NOTES:
      return delivered || opened(session, now) ? null : `Notes can be written from ${DeliveryPolicy.opensMinutesBeforeStart} minutes before the session starts.`;
    case DeliveryAction.COMPLETE:
      if (delivered) return 'This session has already been completed.';
      return now.getTime() >= session.startsAt.getTime() ? null : 'A session can be completed once it has started.';
    case DeliveryAction.REOPEN:
      if (!delivered || !session.deliveredAt) return 'This session has not been completed, so there is nothing to reopen.';
      return now.getTime() < reopenDeadline(session.deliveredAt).getTime()
        ? null
        : `Sessions can be reopened within ${DeliveryPolicy.reopenWindowHours} hours of being completed, and that time has passed.`;
  }
}

/** Every action allowed now, for the page to offer. */
export function deliveryActionsFor(session: DeliverySession, now: Date): DeliveryAction[] {
  return Object.values(DeliveryAction).filter((action) => deliveryRefusal(action, session, now) === null);
}

/**
 * Whether the organisation's sweep should mark the session delivered by itself: still scheduled
 * after its end. A session the facilitator reopened is left to them for the reopening window, so
 * the sweep does not close it again a minute later; after that it is delivered as if forgotten.
 */
export function dueForAutomaticDelivery(session: DeliverySession, now: Date): boolean {
  if (session.status !== GroupSessionStatus.SCHEDULED || session.endsAt.getTime() > now.getTime()) return false;
  return session.reopenedAt === null || now.getTime() >= session.reopenedAt.getTime() + DeliveryPolicy.reopenWindowHours * HOUR;
}
