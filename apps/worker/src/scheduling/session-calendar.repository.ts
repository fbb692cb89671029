import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@lena/database';

/** A session whose calendar has changed since people were last told, with what its email says. */
export interface ChangedSession {
  id: string;
  programmeId: string;
  programmeTitle: string;
  serviceType: 'GRP' | 'GTS';
  sequence: number;
  sessionCount: number;
  startsAt: Date;
  endsAt: Date;
  status: 'SCHEDULED' | 'CANCELLED';
  statusReason: string | null;
  calendarSequence: number;
  timeZone: string;
  deliveryMode: 'ONLINE' | 'IN_PERSON' | 'HYBRID';
  videoLink: string | null;
  location: string | null;
}

/**
 * Sessions whose `calendar_sequence` is ahead of the `calendar_sent_sequence` people's calendars
 * were sent: whoever changes a session (the API's edits) raises the first; the worker emails the
 * change and catches the second up in the same transaction.
 */
@Injectable()
export class SessionCalendarRepository {
  /** Locks up to `limit` changed sessions (SKIP LOCKED: another worker takes others, never these). */
  async claimChanged(uow: UnitOfWork, tenantId: string, limit: number): Promise<ChangedSession[]> {
    return uow.query<ChangedSession>(
      `SELECT s.id, s.programme_id AS "programmeId", p.title AS "programmeTitle", p.service_type AS "serviceType", s.sequence,
              p.session_count AS "sessionCount", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.status, s.status_reason AS "statusReason",
              s.calendar_sequence AS "calendarSequence", p.time_zone AS "timeZone", p.delivery_mode AS "deliveryMode", p.video_link AS "videoLink", p.location
         FROM group_session s
         JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
        WHERE s.tenant_id = $1 AND s.calendar_sequence > s.calendar_sent_sequence
        ORDER BY s.updated_at
        LIMIT $2
          FOR UPDATE OF s SKIP LOCKED`,
      [tenantId, limit],
    );
  }

  async markSent(uow: UnitOfWork, tenantId: string, sessions: ReadonlyArray<{ id: string; calendarSequence: number }>): Promise<void> {
    await uow.query(
      `UPDATE group_session s SET calendar_sent_sequence = sent.calendar_sequence
         FROM unnest($2::uuid[], $3::int[]) AS sent (id, calendar_sequence)
        WHERE s.tenant_id = $1 AND s.id = sent.id`,
      [tenantId, sessions.map((session) => session.id), sessions.map((session) => session.calendarSequence)],
    );
  }
}
