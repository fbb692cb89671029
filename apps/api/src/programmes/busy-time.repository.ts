import { Injectable } from '@nestjs/common';
import type { SeriesDraft } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** A facilitator's session somewhere: times and ids only, never a name or title. */
export interface BusyTime {
  userId: string;
  sessionId: string;
  tenantId: string;
  programmeId: string;
  startsAt: Date;
  endsAt: Date;
}

/** The series of a facilitator's programme that is agreed or proposed but has no sessions yet. */
export interface PendingSeries extends SeriesDraft {
  userId: string;
  tenantId: string;
  programmeId: string;
}

/**
 * Facilitators' sessions in every organisation, through `facilitator_busy_times` (migration
 * 1796400000000): row-level security hides other organisations' sessions, and this function shows
 * a platform admin their times alone.
 */
@Injectable()
export class BusyTimeRepository {
  async forFacilitators(userIds: readonly string[], from: Date, to: Date): Promise<BusyTime[]> {
    if (!userIds.length) return [];
    return requestContext().uow.query<BusyTime>(
      `SELECT user_id AS "userId", session_id AS "sessionId", tenant_id AS "tenantId", programme_id AS "programmeId", starts_at AS "startsAt", ends_at AS "endsAt"
         FROM facilitator_busy_times($1::uuid[], $2, $3)`,
      [userIds, from, to],
    );
  }

  async pendingSeries(userIds: readonly string[]): Promise<PendingSeries[]> {
    if (!userIds.length) return [];
    return requestContext().uow.query<PendingSeries>(
      `SELECT user_id AS "userId", tenant_id AS "tenantId", programme_id AS "programmeId", rrule, start_local AS "startLocal", start_slots AS "startSlots",
              time_zone AS "timeZone", session_minutes AS "sessionMinutes"
         FROM facilitator_pending_series($1::uuid[])`,
      [userIds],
    );
  }
}
