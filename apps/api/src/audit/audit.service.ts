import { Injectable } from '@nestjs/common';
import type { AuditAction } from '@lena/domain';
import { DataSource } from 'typeorm';
import { requestContext } from '../common/request-context';

export interface AuditEntry {
  action: AuditAction;
  actorUserId?: string | null;
  tenantId?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
}

const INSERT = `INSERT INTO audit_event (action, actor_user_id, tenant_id, target_type, target_id, ip_address, detail)
  VALUES ($1, $2, $3, $4, $5, $6, $7)`;

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Records an event as part of the request's transaction: it stands or falls with the change. */
  async record(entry: AuditEntry): Promise<void> {
    const context = requestContext();
    await context.uow.query(INSERT, this.params(entry, context.ipAddress));
  }

  /**
   * Records an event that must survive the request failing (a failed sign-in, a reused refresh
   * token), on its own connection.
   */
  async recordDetached(entry: AuditEntry): Promise<void> {
    await this.dataSource.query(INSERT, this.params(entry, requestContext().ipAddress));
  }

  private params(entry: AuditEntry, ipAddress: string | null): unknown[] {
    const principal = requestContext().principal;
    return [
      entry.action,
      entry.actorUserId === undefined ? (principal?.userId ?? null) : entry.actorUserId,
      entry.tenantId ?? null,
      entry.targetType ?? null,
      entry.targetId ?? null,
      ipAddress,
      JSON.stringify(entry.detail ?? {}),
    ];
  }
}
