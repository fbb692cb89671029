import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';

@Entity({ name: 'outbox_message' })
@Index('outbox_message_pending', ['createdAt'], { where: 'delivered_at IS NULL' })
@Index('outbox_message_failed', ['failedAt'], { where: 'failed_at IS NOT NULL' })
@Check('outbox_message_delivered_or_failed', 'delivered_at IS NULL OR failed_at IS NULL')
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'outbox_message_pkey' })
  id: string;

  /** What the message is, e.g. 'email'; the worker has one handler per kind. */
  @Column('text')
  kind: string;

  @Column('uuid', { name: 'tenant_id', nullable: true })
  @ForeignKey(() => TenantEntity, { name: 'outbox_message_tenant_id_fkey' })
  tenantId: string | null;

  /** Cleared of its body once delivered, so sign-in links do not linger in the database. */
  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'enqueued_at', nullable: true })
  enqueuedAt: Date | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  /** When the worker gave up (too many attempts, or a message that can never be sent). */
  @Column('timestamptz', { name: 'failed_at', nullable: true })
  failedAt: Date | null;
}
