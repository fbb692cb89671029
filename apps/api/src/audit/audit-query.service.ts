import { Injectable } from '@nestjs/common';
import { DomainError, uuidSchema } from '@lena/domain';
import { requestContext } from '../common/request-context';
import type { AuditEvent, AuditEventPage } from './dtos/audit-event.type';

const MAX_BIGINT = 9223372036854775807n;

/**
 * The event's target id as a uuid when the target is of `type`, else null. target_id is text (not
 * every target need have a uuid): CASE checks the shape before the cast, so an odd id never fails the read.
 */
function targetUuid(type: string): string {
  return `CASE WHEN e.target_type = '${type}' AND e.target_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN e.target_id::uuid END`;
}

@Injectable()
export class AuditQueryService {
  /** Newest first, keyset-paginated by id so pages stay stable while events arrive. */
  async page(filter: { tenantId?: string | null; action?: string | null; cursor?: string | null; limit?: number | null }): Promise<AuditEventPage> {
    const limit = filter.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw DomainError.badInput('Ask for between 1 and 200 events at a time.', [{ field: 'limit', message: 'Choose a number from 1 to 200.' }]);
    if (filter.cursor && (!/^\d{1,19}$/.test(filter.cursor) || BigInt(filter.cursor) > MAX_BIGINT)) throw DomainError.badInput('That page marker is not valid.', [{ field: 'cursor', message: 'Not a valid page marker.' }]);
    if (filter.tenantId && !uuidSchema.safeParse(filter.tenantId).success) throw DomainError.badInput('That organisation id is not valid.', [{ field: 'tenantId', message: 'Not a valid id.' }]);
    const rows = await requestContext().uow.query<AuditEvent>(
      `SELECT e.id::text, e.occurred_at AS "occurredAt", e.action, e.actor_user_id AS "actorUserId", u.email AS "actorEmail",
              u.display_name AS "actorName", e.tenant_id AS "tenantId", t.name AS "tenantName",
              e.target_type AS "targetType", e.target_id AS "targetId",
              CASE e.target_type WHEN 'user_account' THEN tu.display_name WHEN 'invitation' THEN ti.email
                                 WHEN 'tenant' THEN tt.name WHEN 'auth_session' THEN tsu.display_name END AS "targetName",
              host(e.ip_address) AS "ipAddress"
         FROM audit_event e
         LEFT JOIN user_account u ON u.id = e.actor_user_id
         LEFT JOIN tenant t ON t.id = e.tenant_id
         LEFT JOIN user_account tu ON tu.id = ${targetUuid('user_account')}
         LEFT JOIN invitation ti ON ti.id = ${targetUuid('invitation')}
         LEFT JOIN tenant tt ON tt.id = ${targetUuid('tenant')}
         LEFT JOIN auth_session ts ON ts.id = ${targetUuid('auth_session')}
         LEFT JOIN user_account tsu ON tsu.id = ts.user_id
        WHERE ($1::uuid IS NULL OR e.tenant_id = $1) AND ($2::text IS NULL OR e.action = $2) AND ($3::bigint IS NULL OR e.id < $3)
        ORDER BY e.id DESC LIMIT $4`,
      [filter.tenantId || null, filter.action || null, filter.cursor || null, limit + 1],
    );
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  }
}
