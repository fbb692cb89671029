import { Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { TeamEntity } from './team.entity';
import { TenantEntity } from './tenant.entity';
import { UserAccountEntity } from './user-account.entity';

/** One answered questionnaire about a team, with the version it answered and what it recommended then. */
@Entity({ name: 'needs_assessment' })
@Index('needs_assessment_by_team', ['tenantId', 'teamId', 'createdAt'])
@ForeignKey(() => TeamEntity, ['tenantId', 'teamId'], ['tenantId', 'id'], { name: 'needs_assessment_tenant_id_team_id_fkey' })
export class NeedsAssessmentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'needs_assessment_pkey' })
  @ForeignKey(() => TenantEntity, { name: 'needs_assessment_tenant_id_fkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'needs_assessment_pkey' })
  id: string;

  @Column('uuid', { name: 'team_id' })
  teamId: string;

  @Column('text', { name: 'questionnaire_version' })
  questionnaireVersion: string;

  @Column('jsonb')
  answers: unknown;

  @Column('jsonb')
  recommendation: unknown;

  @Column('uuid', { name: 'assessed_by', nullable: true })
  @ForeignKey(() => UserAccountEntity, { name: 'needs_assessment_assessed_by_fkey' })
  assessedBy: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
