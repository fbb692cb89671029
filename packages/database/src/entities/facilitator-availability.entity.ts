import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { UserAccountEntity } from './user-account.entity';

/** One span of a facilitator's usual week, in their own time zone (`facilitator_profile.time_zone`). */
@Entity({ name: 'facilitator_working_hours' })
@Check('facilitator_working_hours_weekday_check', 'iso_weekday BETWEEN 1 AND 7')
@Check('facilitator_working_hours_order_check', 'ends_local > starts_local')
export class FacilitatorWorkingHoursEntity {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'facilitator_working_hours_pkey' })
  @ForeignKey(() => UserAccountEntity, { name: 'facilitator_working_hours_user_id_fkey' })
  userId: string;

  /** 1 is Monday, 7 is Sunday (ISO 8601, as Luxon counts). */
  @PrimaryColumn('smallint', { name: 'iso_weekday', primaryKeyConstraintName: 'facilitator_working_hours_pkey' })
  isoWeekday: number;

  /** Local wall-clock time, `HH:MM:SS`. */
  @PrimaryColumn('time', { name: 'starts_local', primaryKeyConstraintName: 'facilitator_working_hours_pkey' })
  startsLocal: string;

  @Column('time', { name: 'ends_local' })
  endsLocal: string;
}

@Entity({ name: 'facilitator_time_off' })
@Index('facilitator_time_off_by_user', ['userId', 'startsAt'])
@Check('facilitator_time_off_note_check', 'char_length(note) <= 200')
@Check('facilitator_time_off_order_check', 'ends_at > starts_at')
export class FacilitatorTimeOffEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'facilitator_time_off_pkey' })
  id: string;

  @Column('uuid', { name: 'user_id' })
  @ForeignKey(() => UserAccountEntity, { name: 'facilitator_time_off_user_id_fkey' })
  userId: string;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('text', { default: '' })
  note: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
