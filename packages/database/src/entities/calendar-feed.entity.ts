import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { UserAccountEntity } from './user-account.entity';

/** A person's private calendar subscription; only the token's hash is kept. */
@Entity({ name: 'calendar_feed' })
@Unique('calendar_feed_token_hash_key', ['tokenHash'])
@Index('calendar_feed_one_live', ['userId', 'tenantId'], { unique: true, where: 'revoked_at IS NULL AND tenant_id IS NOT NULL' })
@Index('calendar_feed_one_live_everywhere', ['userId'], { unique: true, where: 'revoked_at IS NULL AND tenant_id IS NULL' })
export class CalendarFeedEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'calendar_feed_pkey' })
  id: string;

  @Column('uuid', { name: 'user_id' })
  @ForeignKey(() => UserAccountEntity, { name: 'calendar_feed_user_id_fkey' })
  userId: string;

  /** The organisation a participant's feed lists; null for a facilitator's feed across organisations. */
  @Column('uuid', { name: 'tenant_id', nullable: true })
  @ForeignKey(() => TenantEntity, { name: 'calendar_feed_tenant_id_fkey' })
  tenantId: string | null;

  @Column('bytea', { name: 'token_hash', select: false })
  tokenHash: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;
}
