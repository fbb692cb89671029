import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { TenantRole } from '@lena/domain';
import { TenantEntity } from './tenant.entity';
import { UserAccountEntity } from './user-account.entity';

@Entity({ name: 'tenant_membership' })
@Index('tenant_membership_by_user', ['userId'])
@Check('tenant_membership_role_check', "role IN ('ORG_ADMIN', 'PARTICIPANT')")
export class TenantMembershipEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'tenant_membership_pkey' })
  @ForeignKey(() => TenantEntity, { name: 'tenant_membership_tenant_id_fkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'tenant_membership_pkey' })
  @ForeignKey(() => UserAccountEntity, { name: 'tenant_membership_user_id_fkey' })
  userId: string;

  @Column('text')
  role: TenantRole;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
