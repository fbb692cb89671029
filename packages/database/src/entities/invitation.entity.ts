import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@lena/domain';

@Entity({ name: 'invitation' })
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'display_name', nullable: true })
  displayName: string | null;

  /** Set for organisation roles, null for provider staff. */
  @Column('uuid', { name: 'tenant_id', nullable: true })
  tenantId: string | null;

  @Column('text')
  role: Role;

  @Column('uuid', { name: 'team_id', nullable: true })
  teamId: string | null;

  @Column('bytea', { name: 'token_hash', select: false })
  tokenHash: Buffer;

  @Column('uuid', { name: 'invited_by', nullable: true })
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
