import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { TeamEntity } from './team.entity';
import { TenantMembershipEntity } from './tenant-membership.entity';

// tenant_id leads both keys, so a member can only join a team of their own organisation.
@Entity({ name: 'team_member' })
@ForeignKey(() => TeamEntity, ['tenantId', 'teamId'], ['tenantId', 'id'], { name: 'team_member_tenant_id_team_id_fkey' })
@ForeignKey(() => TenantMembershipEntity, ['tenantId', 'userId'], ['tenantId', 'userId'], {
  name: 'team_member_tenant_id_user_id_fkey',
  onDelete: 'CASCADE',
})
export class TeamMemberEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'team_member_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'team_id', primaryKeyConstraintName: 'team_member_pkey' })
  teamId: string;

  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'team_member_pkey' })
  userId: string;

  @Column('timestamptz', { name: 'added_at', default: () => 'now()' })
  addedAt: Date;
}
