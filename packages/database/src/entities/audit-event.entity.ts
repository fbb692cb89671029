import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { UserAccountEntity } from './user-account.entity';

@Entity({ name: 'audit_event' })
@Index('audit_event_recent', ['occurredAt', 'id'])
@Index('audit_event_by_tenant', ['tenantId', 'occurredAt'])
@Index('audit_event_by_target', ['tenantId', 'targetType', 'targetId', 'id'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'audit_event_pkey' })
  id: string;

  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' })
  occurredAt: Date;

  @Column('text')
  action: string;

  @Column('uuid', { name: 'actor_user_id', nullable: true })
  @ForeignKey(() => UserAccountEntity, { name: 'audit_event_actor_user_id_fkey' })
  actorUserId: string | null;

  @Column('uuid', { name: 'tenant_id', nullable: true })
  @ForeignKey(() => TenantEntity, { name: 'audit_event_tenant_id_fkey' })
  tenantId: string | null;

  @Column('text', { name: 'target_type', nullable: true })
  targetType: string | null;

  @Column('text', { name: 'target_id', nullable: true })
  targetId: string | null;

  @Column('inet', { name: 'ip_address', nullable: true })
  ipAddress: string | null;

  @Column('jsonb', { default: () => "'{}'" })
  detail: Record<string, unknown>;
}
