import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@lena/database';
import { AuditAction, type ProgrammeStatus } from '@lena/domain';

/** Which programmes a step of their lifecycle is due for, judged on the database clock. */
const DUE: Record<'ACTIVATE' | 'COMPLETE', string> = {
  // Accepted, its sessions written, and one of them has begun (it may already have been delivered).
  ACTIVATE: `p.sessions_expanded_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM group_session s WHERE s.tenant_id = p.tenant_id AND s.programme_id = p.id AND s.status <> 'CANCELLED' AND s.starts_at <= now())`,
  // Running, a session has been held (delivered, or still marked scheduled after its end), and none is still to end.
  COMPLETE: `EXISTS (SELECT 1 FROM group_session s WHERE s.tenant_id = p.tenant_id AND s.programme_id = p.id AND s.status <> 'CANCELLED' AND s.ends_at <= now())
    AND NOT EXISTS (SELECT 1 FROM group_session s WHERE s.tenant_id = p.tenant_id AND s.programme_id = p.id AND s.status = 'SCHEDULED' AND s.ends_at > now())`,
};

const AUDITED = { ACTIVATE: AuditAction.PROGRAMME_ACTIVATED, COMPLETE: AuditAction.PROGRAMME_COMPLETED } as const;

/**
 * Programmes moving on by themselves: active once their first session begins, completed once their
 * last has ended. Each move raises the version (an admin's change made against the old one is
 * refused) and is audited with no actor (the system), in the statement that makes it.
 */
@Injectable()
export class ProgrammeProgressRepository {
  /** Moves every programme of the tenant in `from` that `step` is due for to `to`; their ids. */
  async advance(uow: UnitOfWork, tenantId: string, step: 'ACTIVATE' | 'COMPLETE', from: ProgrammeStatus, to: ProgrammeStatus): Promise<string[]> {
    const rows = await uow.query<{ id: string }>(
      `WITH moved AS (
         UPDATE programme p SET status = $3, version = p.version + 1, updated_at = now()
          WHERE p.tenant_id = $1 AND p.status = $2 AND ${DUE[step]}
         RETURNING p.id, p.title, p.version)
       INSERT INTO audit_event (action, tenant_id, target_type, target_id, detail)
       SELECT $4, $1, 'programme', moved.id::text, jsonb_build_object('title', moved.title, 'from', $2::text, 'to', $3::text, 'version', moved.version, 'by', 'SYSTEM')
         FROM moved
       RETURNING target_id AS id`,
      [tenantId, from, to, AUDITED[step]],
    );
    return rows.map((row) => row.id);
  }
}
