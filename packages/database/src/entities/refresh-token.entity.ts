import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AuthSessionEntity } from './auth-session.entity';

@Entity({ name: 'refresh_token' })
@Unique('refresh_token_token_hash_key', ['tokenHash'])
@Index('refresh_token_by_session', ['sessionId'])
@Index('refresh_token_one_unspent_per_session', ['sessionId'], { unique: true, where: 'used_at IS NULL' })
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'refresh_token_pkey' })
  id: string;

  @Column('uuid', { name: 'session_id' })
  @ForeignKey(() => AuthSessionEntity, { name: 'refresh_token_session_id_fkey' })
  sessionId: string;

  /** SHA-256 of the token; the token itself is only ever in the browser's cookie. */
  @Column('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;

  /**
   * The token issued when this one was spent: a session has at most one unspent token. Written
   * before the successor exists, so the key is checked at commit.
   */
  @Column('uuid', { name: 'replaced_by', nullable: true })
  @ForeignKey(() => RefreshTokenEntity, { name: 'refresh_token_replaced_by_fkey', onDelete: 'SET NULL', deferrable: 'INITIALLY DEFERRED' })
  replacedBy: string | null;
}
