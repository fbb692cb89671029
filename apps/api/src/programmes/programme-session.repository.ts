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
  /**
   * The sessions of each of several programmes, in one statement (for the per-request loader). The
   * programmes may belong to different organisations (a facilitator's, in every one they serve):
   * each pair names its tenant, and row-level security shows only what the reader may see.
   */
  async listByProgrammes(programmes: readonly { tenantId: string; programmeId: string }[]): Promise<Map<string, ProgrammeSessionRow[]>> {
    const rows = await requestContext().uow.query<StoredRow & { programmeId: string }>(
      `SELECT s.programme_id AS "programmeId", s.id, s.sequence, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.status,
              s.status_reason AS "statusReason", s.version
         FROM group_session s JOIN unnest($1::uuid[], $2::uuid[]) AS wanted (tenant_id, programme_id)
           ON s.tenant_id = wanted.tenant_id AND s.programme_id = wanted.programme_id
        ORDER BY s.programme_id, s.sequence`,
      [programmes.map((p) => p.tenantId), programmes.map((p) => p.programmeId)],
    );
    const byProgramme = new Map<string, ProgrammeSessionRow[]>(programmes.map((p) => [p.programmeId, []]));
    for (const { programmeId, ...row } of rows) byProgramme.get(programmeId)?.push(toSession(row));
    return byProgramme;
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
