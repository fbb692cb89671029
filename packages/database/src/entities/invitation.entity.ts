import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Role } from '@lena/domain';
import { TenantEntity } from './tenant.entity';
import { UserAccountEntity } from './user-account.entity';

@Entity({ name: 'invitation' })
@Unique('invitation_token_hash_key', ['tokenHash'])
@Index('invitation_by_tenant', ['tenantId', 'createdAt'])
@Check('invitation_email_check', 'email = lower(email)')
@Check('invitation_role_check', "role IN ('PLATFORM_ADMIN', 'FACILITATOR', 'ORG_ADMIN', 'PARTICIPANT')")
@Check('invitation_check', "(role IN ('ORG_ADMIN', 'PARTICIPANT')) = (tenant_id IS NOT NULL)")
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'invitation_pkey' })
  id: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'display_name', nullable: true })
  displayName: string | null;

  /** Set for organisation roles, null for provider staff. */
  @Column('uuid', { name: 'tenant_id', nullable: true })
  @ForeignKey(() => TenantEntity, { name: 'invitation_tenant_id_fkey' })
  tenantId: string | null;

  @Column('text')
  role: Role;

  /** No foreign key: the team is a tenant row behind row-level security, the invitation is not. */
  @Column('uuid', { name: 'team_id', nullable: true })
  teamId: string | null;

  @Column('bytea', { name: 'token_hash', select: false })
  tokenHash: Buffer;

  @Column('uuid', { name: 'invited_by', nullable: true })
  @ForeignKey(() => UserAccountEntity, { name: 'invitation_invited_by_fkey' })
  invitedBy: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
