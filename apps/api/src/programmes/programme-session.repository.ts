import { Injectable } from '@nestjs/common';
import type { GroupSessionStatus, SessionMove } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** One stored session of a programme, as its page and its edits see it. */
export interface ProgrammeSessionRow {
  id: string;
  sequence: number;
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  status: GroupSessionStatus;
  statusReason: string | null;
  version: number;
}

type StoredRow = Omit<ProgrammeSessionRow, 'startsAt' | 'endsAt'> & { startsAt: Date; endsAt: Date };

const COLUMNS = `id, sequence, starts_at AS "startsAt", ends_at AS "endsAt", status, status_reason AS "statusReason", version`;

const toSession = (row: StoredRow): ProgrammeSessionRow => ({ ...row, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() });

/**
 * The stored sessions of a programme (`group_session`), as the programmes context changes them.
 * Every change raises `version` (a stale edit is refused) and `calendar_sequence` (the worker
 * emails each person the updated calendar entry); the database's triggers re-plan or drop the
 * session's reminders in the same transaction.
 */
@Injectable()
export class ProgrammeSessionRepository {
  async list(tenantId: string, programmeId: string): Promise<ProgrammeSessionRow[]> {
    const rows = await requestContext().uow.query<StoredRow>(`SELECT ${COLUMNS} FROM group_session WHERE tenant_id = $1 AND programme_id = $2 ORDER BY sequence`, [
      tenantId,
      programmeId,
    ]);
    return rows.map(toSession);
  }

  /** Every session of the programme, locked for this transaction: two edits of one series never interleave. */
  async lockSeries(tenantId: string, programmeId: string): Promise<ProgrammeSessionRow[]> {
    const rows = await requestContext().uow.query<StoredRow>(`SELECT ${COLUMNS} FROM group_session WHERE tenant_id = $1 AND programme_id = $2 ORDER BY sequence FOR UPDATE`, [
      tenantId,
      programmeId,
    ]);
    return rows.map(toSession);
  }

  async move(tenantId: string, moves: readonly SessionMove[], reason: string): Promise<void> {
    await requestContext().uow.query(
      `UPDATE group_session s
          SET starts_at = m.starts_at, ends_at = m.ends_at, status_reason = $5,
              version = s.version + 1, calendar_sequence = s.calendar_sequence + 1, updated_at = now()
         FROM unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS m (id, starts_at, ends_at)
        WHERE s.tenant_id = $1 AND s.id = m.id`,
      [tenantId, moves.map((move) => move.id), moves.map((move) => move.startsAt), moves.map((move) => move.endsAt), reason],
    );
  }

  async cancel(tenantId: string, sessionIds: readonly string[], reason: string): Promise<void> {
    await requestContext().uow.query(
      `UPDATE group_session
          SET status = 'CANCELLED', status_reason = $3, version = version + 1, calendar_sequence = calendar_sequence + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, sessionIds, reason],
    );
  }
}
