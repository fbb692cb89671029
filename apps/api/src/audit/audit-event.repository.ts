import { Injectable } from '@nestjs/common';
import { AuditEventEntity } from '@lena/database';
import { DataSource, type EntityManager } from 'typeorm';
import { requestContext } from '../common/request-context';
import type { AuditEvent } from './dtos/audit-event.type';

/** What one event records; the database numbers it and stamps the time. */
export interface NewAuditEvent {
  action: string;
  actorUserId: string | null;
  tenantId: string | null;
  targetType: string | null;
  targetId: string | null;
  ipAddress: string | null;
  detail: Record<string, unknown>;
}

export interface AuditEventFilter {
  tenantId: string | null;
  action: string | null;
  /** Only events older than this one (its id). */
  before: string | null;
  limit: number;
}

/** An event as PAGE selects it, with the names its actor, organisation and target go by today. */
interface AuditEventRow {
  id: string;
  occurredAt: Date;
  action: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  tenantId: string | null;
  tenantName: string | null;
  targetType: string | null;
  targetId: string | null;
  targetName: string | null;
  ipAddress: string | null;
}

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return { ...row };
}

/**
 * The event's target id as a uuid when the target is of `type`, else null. target_id is text (not
 * every target need have a uuid): CASE checks the shape before the cast, so an odd id never fails the read.
 */
function targetUuid(type: string): string {
  return `CASE WHEN e.target_type = '${type}' AND e.target_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN e.target_id::uuid END`;
}

const PAGE = `SELECT e.id::text, e.occurred_at AS "occurredAt", e.action, e.actor_user_id AS "actorUserId", u.email AS "actorEmail",
        u.display_name AS "actorName", e.tenant_id AS "tenantId", t.name AS "tenantName",
        e.target_type AS "targetType", e.target_id AS "targetId",
        CASE e.target_type WHEN 'user_account' THEN tu.display_name WHEN 'invitation' THEN ti.email
                           WHEN 'tenant' THEN tt.name WHEN 'auth_session' THEN tsu.display_name
                           -- A programme's events carry its title as it was then: the log reads no tenant table.
                           WHEN 'programme' THEN e.detail->>'title' END AS "targetName",
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
  ORDER BY e.id DESC LIMIT $4`;

/** One event about a target, with what a history shows of it. */
export interface TargetEventRow {
  targetId: string;
  id: string;
  occurredAt: Date;
  action: string;
  actorUserId: string | null;
  actorName: string | null;
  actorIsPlatformAdmin: boolean;
  /** `detail.by`: the role the actor acted in, where the event recorded it. */
  by: string | null;
  /** `detail.reason`, where one was given. */
  reason: string | null;
}

/** The `audit_event` table: append-only for the application (it may not update or delete a row). */
@Injectable()
export class AuditEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds the event in the request's transaction: it stands or falls with the change it records. */
  async add(event: NewAuditEvent): Promise<void> {
    await this.insert(await requestContext().uow.manager(), event);
  }

  /** Adds the event on a connection of its own, committed at once whatever becomes of the request. */
  async addDetached(event: NewAuditEvent): Promise<void> {
    await this.insert(this.dataSource.manager, event);
  }

  /** Newest first: up to `limit` events older than `before`. */
  async page(filter: AuditEventFilter): Promise<AuditEvent[]> {
    const rows = await requestContext().uow.query<AuditEventRow>(PAGE, [filter.tenantId, filter.action, filter.before, filter.limit]);
    return rows.map(toAuditEvent);
  }

  /**
   * The events of `actions` about each of `targets` (of `targetType`) in the order they happened,
   * in one statement. The log has no row-level security (it spans organisations), so each target
   * names its organisation and only events recorded in that organisation are read: an event
   * written elsewhere with the same target id never joins another organisation's history.
   */
  async ofTargets(targetType: string, targets: readonly { tenantId: string; targetId: string }[], actions: readonly string[]): Promise<TargetEventRow[]> {
    if (!targets.length) return [];
    return requestContext().uow.query<TargetEventRow>(
      `SELECT e.target_id AS "targetId", e.id::text, e.occurred_at AS "occurredAt", e.action, e.actor_user_id AS "actorUserId", u.display_name AS "actorName",
              EXISTS (SELECT 1 FROM platform_role r WHERE r.user_id = e.actor_user_id AND r.role = 'PLATFORM_ADMIN') AS "actorIsPlatformAdmin",
              e.detail->>'by' AS by, e.detail->>'reason' AS reason
         FROM unnest($2::uuid[], $3::text[]) AS wanted (tenant_id, target_id)
         JOIN audit_event e ON e.tenant_id = wanted.tenant_id AND e.target_type = $1 AND e.target_id = wanted.target_id
         LEFT JOIN user_account u ON u.id = e.actor_user_id
        WHERE e.action = ANY($4::text[])
        ORDER BY e.id`,
      [targetType, targets.map((t) => t.tenantId), targets.map((t) => t.targetId), actions],
    );
  }

  private async insert(manager: EntityManager, event: NewAuditEvent): Promise<void> {
    // One INSERT and nothing read back. (`save` rather than `insert`: TypeORM's insert types cannot
    // take a free-form jsonb detail; without a reload or a transaction of its own, save is the same INSERT.)
    await manager.save(AuditEventEntity, event, { reload: false, transaction: false });
  }
}
