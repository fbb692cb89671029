import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';

/** One session of a programme's series, in UTC; `sequence` is its place in the series. */
@Entity({ name: 'group_session' })
@Index('group_session_series_key', ['tenantId', 'programmeId', 'sequence'], { unique: true })
@Index('group_session_by_start', ['tenantId', 'startsAt'])
@Index('group_session_calendar_unsent', ['tenantId'], { where: 'calendar_sequence > calendar_sent_sequence' })
@Index('group_session_awaiting_delivery', ['tenantId', 'endsAt'], { where: "status = 'SCHEDULED'" })
@ForeignKey(() => ProgrammeEntity, ['tenantId', 'programmeId'], ['tenantId', 'id'], {
  name: 'group_session_tenant_id_programme_id_fkey',
  onDelete: 'CASCADE',
})
@Check('group_session_sequence_check', 'sequence >= 1')
@Check('group_session_status_check', "status IN ('SCHEDULED', 'CANCELLED', 'DELIVERED')")
@Check('group_session_delivered_check', "(status = 'DELIVERED') = (delivered_at IS NOT NULL)")
@Check('group_session_order_check', 'ends_at > starts_at')
export class GroupSessionEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'group_session_pkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'group_session_pkey' })
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('integer')
  sequence: number;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('text', { default: 'SCHEDULED' })
  status: 'SCHEDULED' | 'CANCELLED' | 'DELIVERED';

  @Column('text', { name: 'status_reason', nullable: true })
  statusReason: string | null;

  /** Optimistic concurrency: an edit names the version it read; a stale one is refused. */
  @Column('integer', { default: 1 })
  version: number;

  /** iCalendar SEQUENCE, raised on every change a calendar should pick up. */
  @Column('integer', { name: 'calendar_sequence', default: 0 })
  calendarSequence: number;

  /** The calendar_sequence people's calendars have been sent; behind calendar_sequence, the worker emails the change. */
  @Column('integer', { name: 'calendar_sent_sequence', default: 0 })
  calendarSentSequence: number;

  /** When the session became delivered (completed, or its end passed); cleared when it is reopened. */
  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  /** When its facilitator last reopened it; the sweep leaves it to them for the reopening window. */
  @Column('timestamptz', { name: 'reopened_at', nullable: true })
  reopenedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
