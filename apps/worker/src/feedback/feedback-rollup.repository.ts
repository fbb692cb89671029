import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@lena/database';

/** Which sessions' feedback aggregates need recomputing (`feedback_rollup`). */
@Injectable()
export class FeedbackRollupRepository {
  /**
   * Marks the session of feedback request `requestId` stale (its programme's rollup is stale while
   * any of its sessions' is). Idempotent; false when the request is not this tenant's (or is gone).
   */
  async markStale(uow: UnitOfWork, tenantId: string, requestId: string): Promise<boolean> {
    const rows = await uow.query(
      `INSERT INTO feedback_rollup (tenant_id, session_id, stale)
       SELECT r.tenant_id, r.session_id, true FROM feedback_request r WHERE r.tenant_id = $1 AND r.id = $2
       ON CONFLICT (tenant_id, session_id) DO UPDATE SET stale = true
       RETURNING session_id`,
      [tenantId, requestId],
    );
    return rows.length > 0;
  }
}
