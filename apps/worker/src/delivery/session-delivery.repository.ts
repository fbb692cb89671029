import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@lena/database';
import { AuditAction, DeliveryPolicy } from '@lena/domain';

/**
 * Sessions whose end has passed without their facilitator completing them become delivered by
 * themselves (`dueForAutomaticDelivery` in @lena/domain, here on the database clock): still
 * scheduled, ended, and not reopened within the reopening window. Each is audited with no actor
 * (the system) in the statement that delivers it. Delivering only what is still SCHEDULED makes a
 * second sweep (a retry, another replica) find nothing to do.
 */
@Injectable()
export class SessionDeliveryRepository {
  /** Delivers every ended session of the tenant that is due; their ids. */
  async deliverEnded(uow: UnitOfWork, tenantId: string): Promise<string[]> {
    const rows = await uow.query<{ id: string }>(
      `WITH delivered AS (
         UPDATE group_session s SET status = 'DELIVERED', delivered_at = now(), version = s.version + 1, updated_at = now()
          WHERE s.tenant_id = $1 AND s.status = 'SCHEDULED' AND s.ends_at <= now()
            AND (s.reopened_at IS NULL OR s.reopened_at <= now() - make_interval(hours => $2))
         RETURNING s.id, s.programme_id, s.sequence)
       INSERT INTO audit_event (action, tenant_id, target_type, target_id, detail)
       SELECT $3, $1, 'group_session', delivered.id::text, jsonb_build_object('programmeId', delivered.programme_id, 'sequence', delivered.sequence, 'by', 'SYSTEM')
         FROM delivered
       RETURNING target_id AS id`,
      [tenantId, DeliveryPolicy.reopenWindowHours, AuditAction.SESSION_DELIVERED],
    );
    return rows.map((row) => row.id);
  }
}
