import { Injectable } from '@nestjs/common';
import { DomainError, uuidSchema } from '@lena/domain';
import { AuditEventRepository, type TargetEventRow } from './audit-event.repository';
import type { AuditEventPage } from './dtos/audit-event.type';

const MAX_BIGINT = 9223372036854775807n;

@Injectable()
export class AuditQueryService {
  constructor(private readonly events: AuditEventRepository) {}

  /**
   * What the log recorded about each target, oldest first, grouped by target id. The caller has
   * already decided the reader may see each target; this reads only that target's organisation's events.
   */
  async eventsOfTargets(targetType: string, targets: readonly { tenantId: string; targetId: string }[], actions: readonly string[]): Promise<Map<string, TargetEventRow[]>> {
    const byTarget = new Map<string, TargetEventRow[]>(targets.map((target) => [target.targetId, []]));
    for (const row of await this.events.ofTargets(targetType, targets, actions)) byTarget.get(row.targetId)?.push(row);
    return byTarget;
  }

  /** Newest first, keyset-paginated by id so pages stay stable while events arrive. */
  async page(filter: { tenantId?: string | null; action?: string | null; cursor?: string | null; limit?: number | null }): Promise<AuditEventPage> {
    const limit = filter.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      throw DomainError.badInput('Ask for between 1 and 200 events at a time.', [{ field: 'limit', message: 'Choose a number from 1 to 200.' }]);
    if (filter.cursor && (!/^\d{1,19}$/.test(filter.cursor) || BigInt(filter.cursor) > MAX_BIGINT))
      throw DomainError.badInput('That page marker is not valid.', [{ field: 'cursor', message: 'Not a valid page marker.' }]);
    if (filter.tenantId && !uuidSchema.safeParse(filter.tenantId).success)
      throw DomainError.badInput('That organisation id is not valid.', [{ field: 'tenantId', message: 'Not a valid id.' }]);
    // One more than asked for tells whether there is an older page.
    const events = await this.events.page({ tenantId: filter.tenantId || null, action: filter.action || null, before: filter.cursor || null, limit: limit + 1 });
    const items = events.slice(0, limit);
    return { items, nextCursor: events.length > limit ? (items.at(-1)?.id ?? null) : null };
  }
}
