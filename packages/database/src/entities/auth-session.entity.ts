import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { UserAccountEntity } from './user-account.entity';

/** One sign-in and the family of refresh tokens it has issued. */
@Entity({ name: 'auth_session' })
@Index('auth_session_live_by_user', ['userId'], { where: 'revoked_at IS NULL' })
@Index('auth_session_live_by_tenant', ['tenantId'], { where: 'revoked_at IS NULL' })
export class AuthSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'auth_session_pkey' })
  id: string;

  @Column('uuid', { name: 'user_id' })
  @ForeignKey(() => UserAccountEntity, { name: 'auth_session_user_id_fkey' })
  userId: string;

  @Column('uuid', { name: 'tenant_id', nullable: true })
  @ForeignKey(() => TenantEntity, { name: 'auth_session_tenant_id_fkey' })
  tenantId: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revoked_reason', nullable: true })
  revokedReason: string | null;

  @Column('inet', { name: 'ip_address', nullable: true })
  ipAddress: string | null;

  @Column('text', { name: 'user_agent', nullable: true })
  userAgent: string | null;
}
