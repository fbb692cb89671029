import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';
import { TenantEntity } from './tenant.entity';
import { UserAccountEntity } from './user-account.entity';

/**
 * The outcomes context's tables (migration 1797200000000, which says why each is shaped as it is).
 * A measurement names no person: a pseudonym pairs a person's answers within one programme.
 */

/** A shipped instrument version (or a licence-only entry, with no definition); immutable once answered (trigger). */
@Entity({ name: 'outcome_instrument' })
@Unique('outcome_instrument_key_version_key', ['key', 'version'])
@Check('outcome_instrument_version_check', 'version >= 1')
export class OutcomeInstrumentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'outcome_instrument_pkey' })
  id: string;

  @Column('text')
  key: string;

  @Column('integer')
  version: number;

  @Column('text')
  title: string;

  /** `InstrumentLicence` in @lena/domain. */
  @Column('jsonb')
  licence: unknown;

  /** The whole `OutcomeInstrument`; null for a licence-only entry. */
  @Column('jsonb', { nullable: true })
  definition: unknown;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** An instrument a platform admin added for one organisation; immutable once answered (trigger). */
@Entity({ name: 'tenant_outcome_instrument' })
@Index('tenant_outcome_instrument_key_version_key', ['tenantId', 'key', 'version'], { unique: true })
@Check('tenant_outcome_instrument_key_check', "key ~ '^[a-z0-9][a-z0-9-]{1,62}$'")
@Check('tenant_outcome_instrument_version_check', 'version >= 1')
export class TenantOutcomeInstrumentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'tenant_outcome_instrument_pkey' })
  @ForeignKey(() => TenantEntity, { name: 'tenant_outcome_instrument_tenant_id_fkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'tenant_outcome_instrument_pkey' })
  id: string;

  @Column('text')
  key: string;

  @Column('integer')
  version: number;

  @Column('text')
  title: string;

  @Column('jsonb')
  licence: unknown;

  @Column('jsonb')
  definition: unknown;

  @Column('uuid', { name: 'created_by' })
  @ForeignKey(() => UserAccountEntity, { name: 'tenant_outcome_instrument_created_by_fkey' })
  createdBy: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** One pseudonymous person's scores at one point of a programme: no person, no time. */
@Entity({ name: 'outcome_measurement' })
@Index('outcome_measurement_pseudonym_key', ['tenantId', 'programmeId', 'instrumentKey', 'point', 'pseudonym'], { unique: true })
@Index('outcome_measurement_by_instrument', ['instrumentKey', 'instrumentVersion'])
@ForeignKey(() => ProgrammeEntity, ['tenantId', 'programmeId'], ['tenantId', 'id'], { name: 'outcome_measurement_tenant_id_programme_id_fkey', onDelete: 'CASCADE' })
@Check('outcome_measurement_point_check', "point IN ('BASELINE', 'MIDPOINT', 'FINAL', 'FOLLOW_UP')")
export class OutcomeMeasurementEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'outcome_measurement_pkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'outcome_measurement_pkey' })
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('text', { name: 'instrument_key' })
  instrumentKey: string;

  @Column('integer', { name: 'instrument_version' })
  instrumentVersion: number;

  @Column('text')
  point: string;

  @Column('text')
  pseudonym: string;

  @Column('jsonb')
  scores: unknown;
}

/** A programme's pairing key: no privilege for the application role, reached through outcome_pairing_secret(). */
@Entity({ name: 'outcome_pairing_secret' })
@Check('outcome_pairing_secret_secret_check', 'length(secret) = 32')
export class OutcomePairingSecretEntity {
  @PrimaryColumn('uuid', { name: 'programme_id', primaryKeyConstraintName: 'outcome_pairing_secret_pkey' })
  programmeId: string;

  @Column('bytea', { select: false })
  secret: Buffer;
}

/** An organisation's confirmation of an instrument's licence terms: who and when. */
@Entity({ name: 'tenant_instrument_licence' })
export class TenantInstrumentLicenceEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'tenant_instrument_licence_pkey' })
  @ForeignKey(() => TenantEntity, { name: 'tenant_instrument_licence_tenant_id_fkey' })
  tenantId: string;

  @PrimaryColumn('text', { name: 'instrument_key', primaryKeyConstraintName: 'tenant_instrument_licence_pkey' })
  instrumentKey: string;

  @Column('uuid', { name: 'confirmed_by' })
  @ForeignKey(() => UserAccountEntity, { name: 'tenant_instrument_licence_confirmed_by_fkey' })
  confirmedBy: string;

  @Column('timestamptz', { name: 'confirmed_at', default: () => 'now()' })
  confirmedAt: Date;
}

/** When a programme asks its outcome measures: midpoint or not, follow-up months or none. */
@Entity({ name: 'programme_outcome_plan' })
@ForeignKey(() => ProgrammeEntity, ['tenantId', 'programmeId'], ['tenantId', 'id'], { name: 'programme_outcome_plan_tenant_id_programme_id_fkey', onDelete: 'CASCADE' })
@Check('programme_outcome_plan_follow_up_months_check', 'follow_up_months BETWEEN 1 AND 12')
export class ProgrammeOutcomePlanEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'programme_outcome_plan_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'programme_id', primaryKeyConstraintName: 'programme_outcome_plan_pkey' })
  programmeId: string;

  @Column('boolean')
  midpoint: boolean;

  @Column('integer', { name: 'follow_up_months', nullable: true })
  followUpMonths: number | null;

  @Column('uuid', { name: 'updated_by' })
  @ForeignKey(() => UserAccountEntity, { name: 'programme_outcome_plan_updated_by_fkey' })
  updatedBy: string;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}

/** One instrument (key and version) a programme's plan asks. */
@Entity({ name: 'programme_outcome_instrument' })
@ForeignKey(() => ProgrammeOutcomePlanEntity, ['tenantId', 'programmeId'], ['tenantId', 'programmeId'], {
  name: 'programme_outcome_instrument_tenant_id_programme_id_fkey',
  onDelete: 'CASCADE',
})
export class ProgrammeOutcomeInstrumentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'programme_outcome_instrument_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'programme_id', primaryKeyConstraintName: 'programme_outcome_instrument_pkey' })
  programmeId: string;

  @PrimaryColumn('text', { name: 'instrument_key', primaryKeyConstraintName: 'programme_outcome_instrument_pkey' })
  instrumentKey: string;

  @Column('integer', { name: 'instrument_version' })
  instrumentVersion: number;
}

/** A programme's figures for the dashboards, recomputed by the worker from raw rows (migration 1797500000000). */
@Entity({ name: 'outcome_rollup' })
@ForeignKey(() => ProgrammeEntity, ['tenantId', 'programmeId'], ['tenantId', 'id'], { name: 'outcome_rollup_tenant_id_programme_id_fkey', onDelete: 'CASCADE' })
@Check('outcome_rollup_final_month_check', `final_month ~ '^[0-9]{4}-[0-9]{2}$'`)
export class OutcomeRollupEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'outcome_rollup_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'programme_id', primaryKeyConstraintName: 'outcome_rollup_pkey' })
  programmeId: string;

  @Column('integer', { name: 'sessions_bought' })
  sessionsBought: number;

  @Column('integer', { name: 'sessions_planned' })
  sessionsPlanned: number;

  @Column('integer', { name: 'sessions_delivered' })
  sessionsDelivered: number;

  @Column('integer', { name: 'sessions_cancelled' })
  sessionsCancelled: number;

  @Column('integer', { name: 'attendance_marked' })
  attendanceMarked: number;

  @Column('integer', { name: 'attendance_present' })
  attendancePresent: number;

  @Column('integer')
  attendees: number;

  @Column('text', { name: 'final_month', nullable: true })
  finalMonth: string | null;

  @Column('jsonb')
  months: unknown;

  @Column('jsonb')
  subscales: unknown;

  /** What the dashboards read: each subscale as last published (see the migration). */
  @Column('jsonb', { name: 'published_subscales', default: () => "'[]'" })
  publishedSubscales: unknown;

  @Column('integer')
  measurements: number;

  @Column('timestamptz', { name: 'computed_at', default: () => 'now()' })
  computedAt: Date;
}

/** A programme's or an organisation's outcome report, built by the worker; its PDF and CSV kept until it expires. */
@Entity({ name: 'outcome_report' })
@Index('outcome_report_by_created', ['tenantId', 'createdAt'])
@Index('outcome_report_by_expiry', ['expiresAt'])
@ForeignKey(() => ProgrammeEntity, ['tenantId', 'programmeId'], ['tenantId', 'id'], { name: 'outcome_report_tenant_id_programme_id_fkey', onDelete: 'CASCADE' })
@Check('outcome_report_scope_check', "scope IN ('PROGRAMME', 'ORGANISATION')")
@Check('outcome_report_period_from_check', "period_from ~ '^[0-9]{4}-[0-9]{2}$'")
@Check('outcome_report_period_to_check', "period_to ~ '^[0-9]{4}-[0-9]{2}$'")
@Check('outcome_report_status_check', "status IN ('QUEUED', 'RUNNING', 'READY', 'FAILED')")
@Check('outcome_report_progress_check', 'progress BETWEEN 0 AND 100')
@Check('outcome_report_programme_check', "(scope = 'PROGRAMME') = (programme_id IS NOT NULL)")
@Check('outcome_report_ready_check', "status <> 'READY' OR (pdf IS NOT NULL AND csv IS NOT NULL AND ready_at IS NOT NULL)")
export class OutcomeReportEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'outcome_report_pkey' })
  @ForeignKey(() => TenantEntity, { name: 'outcome_report_tenant_id_fkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'outcome_report_pkey' })
  id: string;

  @Column('uuid', { name: 'requested_by' })
  @ForeignKey(() => UserAccountEntity, { name: 'outcome_report_requested_by_fkey' })
  requestedBy: string;

  @Column('text')
  scope: string;

  @Column('uuid', { name: 'programme_id', nullable: true })
  programmeId: string | null;

  @Column('text', { name: 'period_from', nullable: true })
  periodFrom: string | null;

  @Column('text', { name: 'period_to', nullable: true })
  periodTo: string | null;

  @Column('text', { default: 'QUEUED' })
  status: string;

  @Column('integer', { default: 0 })
  progress: number;

  @Column('bytea', { nullable: true, select: false })
  pdf: Buffer | null;

  @Column('bytea', { nullable: true, select: false })
  csv: Buffer | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'ready_at', nullable: true })
  readyAt: Date | null;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;
}
