import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

@Entity({ name: 'tenant' })
@Unique('tenant_slug_key', ['slug'])
@Check('tenant_name_check', 'char_length(name) BETWEEN 2 AND 160')
@Check('tenant_slug_check', "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'")
@Check('tenant_min_reporting_group_size_check', 'min_reporting_group_size BETWEEN 5 AND 50')
@Check('tenant_status_check', "status IN ('ACTIVE', 'SUSPENDED')")
@Check('tenant_note_retention_months_check', 'note_retention_months BETWEEN 1 AND 84')
@Check('tenant_reminder_offsets_check', 'cardinality(reminder_offsets_minutes) <= 3 AND 5 <= ALL (reminder_offsets_minutes) AND 20160 >= ALL (reminder_offsets_minutes)')
@Check('tenant_feedback_min_comment_group_size_check', 'feedback_min_comment_group_size BETWEEN 10 AND 100')
@Check('tenant_feedback_reminder_after_hours_check', 'feedback_reminder_after_hours BETWEEN 1 AND 336')
@Check('tenant_feedback_window_days_check', 'feedback_window_days BETWEEN 1 AND 30')
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'tenant_pkey' })
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  slug: string;

  @Column('text', { name: 'time_zone' })
  timeZone: string;

  @Column('text', { default: 'en-GB' })
  locale: string;

  @Column('integer', { name: 'min_reporting_group_size', default: 5 })
  minReportingGroupSize: number;

  @Column('boolean', { name: 'org_admins_see_individual_attendance', default: false })
  orgAdminsSeeIndividualAttendance: boolean;

  /** Reminders before each session, in minutes (`reminderOffsetsSchema` in @lena/domain); a day and an hour unless chosen otherwise. */
  @Column('integer', { name: 'reminder_offsets_minutes', array: true, default: () => "'{1440,60}'" })
  reminderOffsetsMinutes: number[];

  /** Free-text feedback comments are shown only for at least this many responses (and never fewer than the minimum group size). */
  @Column('integer', { name: 'feedback_min_comment_group_size', default: 10 })
  feedbackMinCommentGroupSize: number;

  /** Whether comments on Group Reflective Practice sessions are shown at all (GTS comments always may be). */
  @Column('boolean', { name: 'feedback_grp_comments_enabled', default: false })
  feedbackGrpCommentsEnabled: boolean;

  /** Hours after a feedback request opens that those who have not answered are reminded. */
  @Column('integer', { name: 'feedback_reminder_after_hours', default: 48 })
  feedbackReminderAfterHours: number;

  /** Days a feedback request stays open. */
  @Column('integer', { name: 'feedback_window_days', default: 7 })
  feedbackWindowDays: number;
  /** How long session note text is kept after its session, in months (`noteRetentionMonthsSchema` in @lena/domain). */
  @Column('integer', { name: 'note_retention_months', default: 12 })
  noteRetentionMonths: number;

  @Column('text', { default: 'ACTIVE' })
  status: 'ACTIVE' | 'SUSPENDED';

  @Column('timestamptz', { name: 'suspended_at', nullable: true })
  suspendedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
