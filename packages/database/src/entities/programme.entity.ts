import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { NeedsAssessmentEntity } from './needs-assessment.entity';
import { TeamEntity } from './team.entity';
import { TenantEntity } from './tenant.entity';
import { TenantMembershipEntity } from './tenant-membership.entity';
import { UserAccountEntity } from './user-account.entity';

/**
 * A programme of group sessions an organisation buys for a team. The series is kept as it was
 * agreed: an RFC 5545 rule, the first session's local date and time (no offset), the time zone and
 * up to three rotating local start times (`HH:MM`).
 */
@Entity({ name: 'programme' })
@Index('programme_by_status', ['tenantId', 'status'])
@Index('programme_awaiting_expansion', ['tenantId'], { where: "status = 'ACCEPTED' AND sessions_expanded_at IS NULL" })
@ForeignKey(() => TeamEntity, ['tenantId', 'teamId'], ['tenantId', 'id'], { name: 'programme_tenant_id_team_id_fkey' })
@ForeignKey(() => NeedsAssessmentEntity, ['tenantId', 'needsAssessmentId'], ['tenantId', 'id'], {
  name: 'programme_tenant_id_needs_assessment_id_fkey',
})
@Check('programme_service_type_check', "service_type IN ('GRP', 'GTS')")
@Check('programme_title_check', 'char_length(title) BETWEEN 1 AND 160')
@Check('programme_status_check', "status IN ('REQUESTED', 'PROPOSED', 'ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED')")
@Check('programme_session_count_check', 'session_count BETWEEN 1 AND 104')
@Check('programme_start_slots_check', 'cardinality(start_slots) <= 3')
@Check('programme_session_minutes_check', 'session_minutes BETWEEN 15 AND 480')
@Check('programme_delivery_mode_check', "delivery_mode IN ('ONLINE', 'IN_PERSON', 'HYBRID')")
@Check('programme_membership_check', "membership IN ('OPEN', 'CLOSED')")
@Check('programme_group_size_check', 'min_group_size >= 1 AND max_group_size >= min_group_size AND max_group_size <= 40')
export class ProgrammeEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'programme_pkey' })
  @ForeignKey(() => TenantEntity, { name: 'programme_tenant_id_fkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'programme_pkey' })
  id: string;

  @Column('uuid', { name: 'team_id' })
  teamId: string;

  @Column('uuid', { name: 'needs_assessment_id', nullable: true })
  needsAssessmentId: string | null;

  @Column('text', { name: 'service_type' })
  serviceType: 'GRP' | 'GTS';

  @Column('text')
  title: string;

  @Column('text', { default: 'REQUESTED' })
  status: 'REQUESTED' | 'PROPOSED' | 'ACCEPTED' | 'ACTIVE' | 'COMPLETED' | 'CANCELLED';

  @Column('integer', { name: 'session_count' })
  sessionCount: number;

  @Column('text', { nullable: true })
  rrule: string | null;

  /** Local date and time of the first session, without an offset (`timestamp`, read as a string). */
  @Column('timestamp', { name: 'start_local', nullable: true })
  startLocal: Date | null;

  @Column('text', { name: 'start_slots', array: true, default: () => "'{}'" })
  startSlots: string[];

  @Column('integer', { name: 'session_minutes', default: 90 })
  sessionMinutes: number;

  @Column('text', { name: 'time_zone' })
  timeZone: string;

  @Column('text', { name: 'delivery_mode', default: 'ONLINE' })
  deliveryMode: 'ONLINE' | 'IN_PERSON' | 'HYBRID';

  @Column('text', { name: 'video_link', nullable: true })
  videoLink: string | null;

  @Column('text', { nullable: true })
  location: string | null;

  @Column('integer', { name: 'min_group_size', default: 4 })
  minGroupSize: number;

  @Column('integer', { name: 'max_group_size', default: 12 })
  maxGroupSize: number;

  @Column('text', { default: 'CLOSED' })
  membership: 'OPEN' | 'CLOSED';

  @Column('uuid', { name: 'requested_by', nullable: true })
  @ForeignKey(() => UserAccountEntity, { name: 'programme_requested_by_fkey' })
  requestedBy: string | null;

  @Column('text', { name: 'cancelled_reason', nullable: true })
  cancelledReason: string | null;

  @Column('integer', { default: 1 })
  version: number;

  /** When the worker expanded the series into sessions; null until then. */
  @Column('timestamptz', { name: 'sessions_expanded_at', nullable: true })
  sessionsExpandedAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

@Entity({ name: 'programme_facilitator' })
@Index('programme_facilitator_one_lead', ['tenantId', 'programmeId'], { unique: true, where: "role = 'LEAD'" })
@Index('programme_facilitator_by_user', ['userId', 'tenantId', 'programmeId'])
@ForeignKey(() => ProgrammeEntity, ['tenantId', 'programmeId'], ['tenantId', 'id'], {
  name: 'programme_facilitator_tenant_id_programme_id_fkey',
  onDelete: 'CASCADE',
})
@Check('programme_facilitator_role_check', "role IN ('LEAD', 'CO_FACILITATOR')")
export class ProgrammeFacilitatorEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'programme_facilitator_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'programme_id', primaryKeyConstraintName: 'programme_facilitator_pkey' })
  programmeId: string;

  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'programme_facilitator_pkey' })
  @ForeignKey(() => UserAccountEntity, { name: 'programme_facilitator_user_id_fkey' })
  userId: string;

  @Column('text')
  role: 'LEAD' | 'CO_FACILITATOR';

  @Column('timestamptz', { name: 'assigned_at', default: () => 'now()' })
  assignedAt: Date;
}

@Entity({ name: 'enrolment' })
@Index('enrolment_by_user', ['tenantId', 'userId'])
@Index('enrolment_uninvited', ['tenantId'], { where: 'invited_at IS NULL' })
@ForeignKey(() => ProgrammeEntity, ['tenantId', 'programmeId'], ['tenantId', 'id'], {
  name: 'enrolment_tenant_id_programme_id_fkey',
  onDelete: 'CASCADE',
})
@ForeignKey(() => TenantMembershipEntity, ['tenantId', 'userId'], ['tenantId', 'userId'], {
  name: 'enrolment_tenant_id_user_id_fkey',
  onDelete: 'CASCADE',
})
@Check('enrolment_agreement_check', '(agreement_version IS NULL) = (agreement_accepted_at IS NULL)')
export class EnrolmentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'enrolment_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'programme_id', primaryKeyConstraintName: 'enrolment_pkey' })
  programmeId: string;

  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'enrolment_pkey' })
  userId: string;

  @Column('timestamptz', { name: 'enrolled_at', default: () => 'now()' })
  enrolledAt: Date;

  /** The group agreement (confidentiality ground rules) this person accepted, and when. */
  @Column('text', { name: 'agreement_version', nullable: true })
  agreementVersion: string | null;

  @Column('timestamptz', { name: 'agreement_accepted_at', nullable: true })
  agreementAcceptedAt: Date | null;

  /** When the invitation to the programme's sessions was queued for them: at expansion, or by the sweep for a later joiner. */
  @Column('timestamptz', { name: 'invited_at', nullable: true })
  invitedAt: Date | null;
}
