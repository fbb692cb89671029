import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlatformRole } from '@lena/domain';

@Entity({ name: 'platform_role' })
export class PlatformRoleEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @PrimaryColumn('text')
  role: PlatformRole;

  @Column('timestamptz', { name: 'granted_at', default: () => 'now()' })
  grantedAt: Date;
}
