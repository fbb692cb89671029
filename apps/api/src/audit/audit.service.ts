import { Injectable } from '@nestjs/common';
import type { AuditAction } from '@lena/domain';
import { requestContext } from '../common/request-context';
import { AuditEventRepository, type NewAuditEvent } from './audit-event.repository';

export interface AuditEntry {
  action: AuditAction;
  actorUserId?: string | null;
  tenantId?: string | null;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(private readonly events: AuditEventRepository) {}

  /** Records an event as part of the request's transaction: it stands or falls with the change. */
  async record(entry: AuditEntry): Promise<void> {
    await this.events.add(this.event(entry));
  }

  /**
   * Records an event that must survive the request failing (a failed sign-in, a reused refresh
   * token), on its own connection.
   */
  async recordDetached(entry: AuditEntry): Promise<void> {
    await this.events.addDetached(this.event(entry));
  }

  /** The actor is the signed-in person unless the entry names one (null: nobody is signed in yet). */
  private event(entry: AuditEntry): NewAuditEvent {
    const { principal, ipAddress } = requestContext();
    return {
      action: entry.action,
      actorUserId: entry.actorUserId === undefined ? (principal?.userId ?? null) : entry.actorUserId,
      tenantId: entry.tenantId ?? null,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      ipAddress,
      detail: entry.detail ?? {},
    };
  }
}
