import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@lena/database';

/** A reminder that is due, with what its email says about the session. */
export interface DueReminder {
  sessionId: string;
  offsetMinutes: number;
  programmeId: string;
  programmeTitle: string;
  sequence: number;
  sessionCount: number;
  startsAt: Date;
  timeZone: string;
  deliveryMode: 'ONLINE' | 'IN_PERSON' | 'HYBRID';
  videoLink: string | null;
  location: string | null;
}

/**
 * `session_reminder` as the worker works it. The rows are planned by triggers on group_session
 * (migration 1796500000000): the API's session edits re-plan or drop them with no call of their own.
 */
@Injectable()
export class ReminderRepository {
  /**
   * Locks up to `limit` unsent reminders that are due, for the job's transaction. SKIP LOCKED:
   * a second worker running at the same time takes other rows, never these, and the rows are
   * marked sent in the transaction that queues their emails, so each is sent once. Only a
   * reminder still true to its session is taken: the session scheduled, not yet started, and
   * the reminder due exactly its offset before the session's current start. So a reminder for a
   * cancelled or moved session never fires, even one the triggers somehow missed.
   */
  async claimDue(uow: UnitOfWork, tenantId: string, limit: number): Promise<DueReminder[]> {
    return uow.query<DueReminder>(
      `SELECT r.session_id AS "sessionId", r.offset_minutes AS "offsetMinutes", s.programme_id AS "programmeId", p.title AS "programmeTitle",
              s.sequence, p.session_count AS "sessionCount", s.starts_at AS "startsAt", p.time_zone AS "timeZone",
              p.delivery_mode AS "deliveryMode", p.video_link AS "videoLink", p.location
         FROM session_reminder r
         JOIN group_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
         JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
        WHERE r.tenant_id = $1 AND r.sent_at IS NULL AND r.due_at <= now()
          AND s.status = 'SCHEDULED' AND s.starts_at > now() AND r.due_at = s.starts_at - make_interval(mins => r.offset_minutes)
          AND p.status IN ('ACCEPTED', 'ACTIVE')
        ORDER BY r.due_at
        LIMIT $2
          FOR UPDATE OF r SKIP LOCKED`,
      [tenantId, limit],
    );
  }

  async markSent(uow: UnitOfWork, tenantId: string, reminders: ReadonlyArray<{ sessionId: string; offsetMinutes: number }>): Promise<void> {
    await uow.query(
      `UPDATE session_reminder r SET sent_at = now()
         FROM unnest($2::uuid[], $3::int[]) AS sent (session_id, offset_minutes)
        WHERE r.tenant_id = $1 AND r.session_id = sent.session_id AND r.offset_minutes = sent.offset_minutes`,
      [tenantId, reminders.map((reminder) => reminder.sessionId), reminders.map((reminder) => reminder.offsetMinutes)],
    );
  }

  /** Organisations the scheduling sweep looks after: the active ones (platform table). */
  async activeTenantIds(uow: UnitOfWork): Promise<string[]> {
    const rows = await uow.query<{ id: string }>("SELECT id FROM tenant WHERE status = 'ACTIVE' ORDER BY id");
    return rows.map((row) => row.id);
  }
}
