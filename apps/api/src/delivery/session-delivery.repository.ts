import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import type { AttendanceStatus, GroupSessionStatus, ServiceType } from '@lena/domain';
import { requestContext } from '../common/request-context';
import type { AttendanceEntry } from './dtos/delivery.types';

export interface DeliverySessionRow {
  id: string;
  tenantId: string;
  tenantName: string;
  programmeId: string;
  programmeTitle: string;
  serviceType: ServiceType;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  status: GroupSessionStatus;
  deliveredAt: Date | null;
  reopenedAt: Date | null;
  timeZone: string;
}

const SESSION_COLUMNS = `s.id, s.tenant_id AS "tenantId", t.name AS "tenantName", s.programme_id AS "programmeId", p.title AS "programmeTitle",
       p.service_type AS "serviceType", s.sequence, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.status,
       s.delivered_at AS "deliveredAt", s.reopened_at AS "reopenedAt", p.time_zone AS "timeZone"`;

interface AttendanceRow {
  userId: string;
  displayName: string;
  status: AttendanceStatus | null;
  markedAt: Date | null;
}

/**
 * A session as its facilitators run it: which sessions are theirs, its register, and its move to
 * delivered and back. Reads go through the assignment (the `assigned_facilitators` policies let
 * a facilitator acting in no organisation see exactly these rows, and the join says the same in
 * SQL); the session's own row is changed in its organisation, which the service enters first.
 */
@Injectable()
export class SessionDeliveryRepository {
  /** The session, if `userId` is assigned to its programme; null otherwise (or if there is none). */
  async assignedSession(userId: string, sessionId: string): Promise<DeliverySessionRow | null> {
    const rows = await requestContext().uow.query<DeliverySessionRow>(
      `SELECT ${SESSION_COLUMNS}
         FROM programme_facilitator pf
         JOIN group_session s ON s.tenant_id = pf.tenant_id AND s.programme_id = pf.programme_id
         JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
         JOIN tenant t ON t.id = s.tenant_id
        WHERE pf.user_id = $1 AND s.id = $2`,
      [userId, sessionId],
    );
    return rows[0] ?? null;
  }

  /** The session's row locked for this transaction (its organisation entered), so two completions queue. */
  async lockSession(tenantId: string, sessionId: string): Promise<DeliverySessionRow> {
    const rows = await requestContext().uow.query<DeliverySessionRow>(
      `SELECT ${SESSION_COLUMNS}
         FROM group_session s
         JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
         JOIN tenant t ON t.id = s.tenant_id
        WHERE s.tenant_id = $1 AND s.id = $2
          FOR UPDATE OF s`,
      [tenantId, sessionId],
    );
    return oneRow(rows, 'group_session');
  }

  async markDelivered(tenantId: string, sessionId: string): Promise<void> {
    await requestContext().uow.query(
      `UPDATE group_session SET status = 'DELIVERED', delivered_at = now(), version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'SCHEDULED'`,
      [tenantId, sessionId],
    );
  }

  async markReopened(tenantId: string, sessionId: string): Promise<void> {
    await requestContext().uow.query(
      `UPDATE group_session SET status = 'SCHEDULED', delivered_at = NULL, reopened_at = now(), version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'DELIVERED'`,
      [tenantId, sessionId],
    );
  }

  /**
   * Everyone on the session's register: those enrolled before it ended (a later joiner starts with
   * later sessions), and anyone already marked (a person withdrawn since keeps their mark), by name.
   */
  async register(tenantId: string, sessionId: string): Promise<AttendanceEntry[]> {
    return requestContext().uow.query<AttendanceRow>(
      `WITH people AS (
         SELECT e.user_id FROM group_session s
           JOIN enrolment e ON e.tenant_id = s.tenant_id AND e.programme_id = s.programme_id AND e.enrolled_at < s.ends_at
          WHERE s.tenant_id = $1 AND s.id = $2
         UNION
         SELECT a.user_id FROM attendance a WHERE a.tenant_id = $1 AND a.session_id = $2)
       SELECT u.id AS "userId", u.display_name AS "displayName", a.status, a.marked_at AS "markedAt"
         FROM people
         JOIN user_account u ON u.id = people.user_id
         LEFT JOIN attendance a ON a.tenant_id = $1 AND a.session_id = $2 AND a.user_id = people.user_id
        ORDER BY lower(u.display_name), u.id`,
      [tenantId, sessionId],
    );
  }

  /** One person's line of the register, or null when they are not on it. */
  async registerEntry(tenantId: string, sessionId: string, userId: string): Promise<AttendanceEntry | null> {
    return (await this.register(tenantId, sessionId)).find((entry) => entry.userId === userId) ?? null;
  }

  /**
   * Marks one person, idempotently: the primary key makes a second mark (a double tap, a retry
   * after a lost response, two at once) the same row, and the same value again changes nothing.
   * Returns whether anything changed and the status it changed from (null: not marked before).
   *
   * Marks of one person at one session queue on a transaction-level advisory lock first, so the
   * status read as "before" is the one the change replaced, even when two marks race (the app
   * role may not lock `group_session` rows, and a missing attendance row cannot be locked).
   */
  async mark(tenantId: string, sessionId: string, userId: string, status: AttendanceStatus, markedBy: string): Promise<{ changed: boolean; previous: AttendanceStatus | null }> {
    const uow = requestContext().uow;
    await uow.query(`SELECT pg_advisory_xact_lock(hashtextextended('attendance:' || $1 || ':' || $2 || ':' || $3, 0))`, [tenantId, sessionId, userId]);
    const rows = await uow.query<{ previous: AttendanceStatus | null; changed: boolean }>(
      `WITH previous AS (
         SELECT status FROM attendance WHERE tenant_id = $1 AND session_id = $2 AND user_id = $3
       ), marked AS (
         INSERT INTO attendance (tenant_id, session_id, user_id, status, marked_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, session_id, user_id) DO UPDATE SET status = EXCLUDED.status, marked_by = EXCLUDED.marked_by, marked_at = now()
          WHERE attendance.status IS DISTINCT FROM EXCLUDED.status
         RETURNING 1
       )
       SELECT (SELECT status FROM previous) AS previous, EXISTS (SELECT 1 FROM marked) AS changed`,
      [tenantId, sessionId, userId, status, markedBy],
    );
    const row = oneRow(rows, 'attendance mark');
    return { changed: row.changed, previous: row.previous };
  }
}
