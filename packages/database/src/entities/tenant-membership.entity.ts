import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TenantRole } from '@lena/domain';

@Entity({ name: 'tenant_membership' })
export class TenantMembershipEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @Column('text')
  role: TenantRole;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
