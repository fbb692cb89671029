import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { PlatformRole } from '@lena/domain';
import { UserAccountEntity } from './user-account.entity';

@Entity({ name: 'platform_role' })
@Check('platform_role_role_check', "role IN ('PLATFORM_ADMIN', 'FACILITATOR')")
export class PlatformRoleEntity {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'platform_role_pkey' })
  @ForeignKey(() => UserAccountEntity, { name: 'platform_role_user_id_fkey' })
  userId: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'platform_role_pkey' })
  role: PlatformRole;

  @Column('timestamptz', { name: 'granted_at', default: () => 'now()' })
  grantedAt: Date;
}
