import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { GroupSessionEntity } from './group-session.entity';
import { TenantMembershipEntity } from './tenant-membership.entity';
import { UserAccountEntity } from './user-account.entity';

/** How one enrolled person took part in one session; the key makes a repeated mark one row. */
@Entity({ name: 'attendance' })
@ForeignKey(() => GroupSessionEntity, ['tenantId', 'sessionId'], ['tenantId', 'id'], { name: 'attendance_tenant_id_session_id_fkey', onDelete: 'CASCADE' })
@ForeignKey(() => TenantMembershipEntity, ['tenantId', 'userId'], ['tenantId', 'userId'], { name: 'attendance_tenant_id_user_id_fkey', onDelete: 'CASCADE' })
@Check('attendance_status_check', "status IN ('PRESENT', 'ABSENT', 'APOLOGIES', 'LATE')")
export class AttendanceEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'attendance_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'session_id', primaryKeyConstraintName: 'attendance_pkey' })
  sessionId: string;

  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'attendance_pkey' })
  userId: string;

  @Column('text')
  status: 'PRESENT' | 'ABSENT' | 'APOLOGIES' | 'LATE';

  @Column('uuid', { name: 'marked_by', nullable: true })
  @ForeignKey(() => UserAccountEntity, { name: 'attendance_marked_by_fkey' })
  markedBy: string | null;

  @Column('timestamptz', { name: 'marked_at', default: () => 'now()' })
  markedAt: Date;
}

/**
 * A session's confidential notes: GTS case summaries and strategies, or GRP themes and one line.
 * Readable only by the programme's assigned facilitators (row-level security, migration 1796900000000).
 */
@Entity({ name: 'session_note' })
@ForeignKey(() => GroupSessionEntity, ['tenantId', 'sessionId'], ['tenantId', 'id'], { name: 'session_note_tenant_id_session_id_fkey', onDelete: 'CASCADE' })
@Check('session_note_kind_check', "kind IN ('GRP', 'GTS')")
@Check('session_note_case_summaries_check', 'char_length(case_summaries) <= 4000')
@Check('session_note_strategies_check', 'char_length(strategies) <= 4000')
@Check('session_note_themes_check', 'cardinality(themes) <= 8')
@Check('session_note_theme_line_check', 'char_length(theme_line) <= 140')
@Check('session_note_grp_themes_only_check', "kind = 'GTS' OR (case_summaries IS NULL AND strategies IS NULL)")
@Check('session_note_gts_no_themes_check', "kind = 'GRP' OR (cardinality(themes) = 0 AND theme_line IS NULL)")
@Check('session_note_purged_check', 'purged_at IS NULL OR (case_summaries IS NULL AND strategies IS NULL AND theme_line IS NULL)')
export class SessionNoteEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'session_note_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'session_id', primaryKeyConstraintName: 'session_note_pkey' })
  sessionId: string;

  @Column('text')
  kind: 'GRP' | 'GTS';

  @Column('text', { name: 'case_summaries', nullable: true })
  caseSummaries: string | null;

  @Column('text', { nullable: true })
  strategies: string | null;

  @Column('text', { array: true, default: () => "'{}'" })
  themes: string[];

  @Column('text', { name: 'theme_line', nullable: true })
  themeLine: string | null;

  @Column('integer', { default: 1 })
  version: number;

  @Column('uuid', { name: 'written_by', nullable: true })
  @ForeignKey(() => UserAccountEntity, { name: 'session_note_written_by_fkey' })
  writtenBy: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'purged_at', nullable: true })
  purgedAt: Date | null;
}

/** One action item of a GTS session's notes, which the facilitator may share with the group. */
@Entity({ name: 'session_action_item' })
@Index('session_action_item_position_key', ['tenantId', 'sessionId', 'position'], { unique: true })
@ForeignKey(() => SessionNoteEntity, ['tenantId', 'sessionId'], ['tenantId', 'sessionId'], { name: 'session_action_item_tenant_id_session_id_fkey', onDelete: 'CASCADE' })
@Check('session_action_item_text_check', 'char_length(text) BETWEEN 1 AND 300')
export class SessionActionItemEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'session_action_item_pkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'session_action_item_pkey' })
  id: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @Column('integer')
  position: number;

  @Column('text')
  text: string;

  @Column('boolean', { name: 'shared_with_group', default: false })
  sharedWithGroup: boolean;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
