import { Injectable } from '@nestjs/common';
import { DomainError, uuidSchema } from '@lena/domain';
import { requestContext } from '../common/request-context';
import type { AuditEventPage } from './dtos/audit-event.type';

const MAX_BIGINT = 9223372036854775807n;

@Injectable()
export class AuditQueryService {
  /** Newest first, keyset-paginated by id so pages stay stable while events arrive. */
  async page(filter: { tenantId?: string | null; action?: string | null; cursor?: string | null; limit?: number | null }): Promise<AuditEventPage> {
    const limit = filter.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw DomainError.badInput('Ask for between 1 and 200 events at a time.', [{ field: 'limit', message: 'Choose a number from 1 to 200.' }]);
    if (filter.cursor && (!/^\d{1,19}$/.test(filter.cursor) || BigInt(filter.cursor) > MAX_BIGINT)) throw DomainError.badInput('That page marker is not valid.', [{ field: 'cursor', message: 'Not a valid page marker.' }]);
    if (filter.tenantId && !uuidSchema.safeParse(filter.tenantId).success) throw DomainError.badInput('That organisation id is not valid.', [{ field: 'tenantId', message: 'Not a valid id.' }]);
    const rows = await requestContext().uow.query<{ id: string; occurredAt: Date; action: string; actorUserId: string | null; actorEmail: string | null; tenantId: string | null; tenantName: string | null; targetType: string | null; targetId: string | null; ipAddress: string | null }>(
      `SELECT e.id::text, e.occurred_at AS "occurredAt", e.action, e.actor_user_id AS "actorUserId", u.email AS "actorEmail",
              e.tenant_id AS "tenantId", t.name AS "tenantName", e.target_type AS "targetType", e.target_id AS "targetId",
              host(e.ip_address) AS "ipAddress"
         FROM audit_event e
         LEFT JOIN user_account u ON u.id = e.actor_user_id
         LEFT JOIN tenant t ON t.id = e.tenant_id
        WHERE ($1::uuid IS NULL OR e.tenant_id = $1) AND ($2::text IS NULL OR e.action = $2) AND ($3::bigint IS NULL OR e.id < $3)
        ORDER BY e.id DESC LIMIT $4`,
      [filter.tenantId || null, filter.action || null, filter.cursor || null, limit + 1],
    );
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
