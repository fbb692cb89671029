import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { GroupSessionEntity } from './group-session.entity';

/**
 * One reminder of one session: `offset_minutes` before it starts. Planned, re-planned and dropped
 * by triggers on group_session (migration 1796500000000), sent by the worker.
 */
@Entity({ name: 'session_reminder' })
@Index('session_reminder_unsent_by_due', ['tenantId', 'dueAt'], { where: 'sent_at IS NULL' })
@ForeignKey(() => GroupSessionEntity, ['tenantId', 'sessionId'], ['tenantId', 'id'], { name: 'session_reminder_tenant_id_session_id_fkey', onDelete: 'CASCADE' })
@Check('session_reminder_offset_check', 'offset_minutes > 0')
export class SessionReminderEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'session_reminder_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'session_id', primaryKeyConstraintName: 'session_reminder_pkey' })
  sessionId: string;

  @PrimaryColumn('integer', { name: 'offset_minutes', primaryKeyConstraintName: 'session_reminder_pkey' })
  offsetMinutes: number;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
