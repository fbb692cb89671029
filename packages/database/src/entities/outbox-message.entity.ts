import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'outbox_message' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What the message is, e.g. 'email'; the worker has one handler per kind. */
  @Column('text')
  kind: string;

  @Column('uuid', { name: 'tenant_id', nullable: true })
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
