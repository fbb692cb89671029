import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserAccountEntity } from './user-account.entity';

@Entity({ name: 'password_reset' })
@Unique('password_reset_token_hash_key', ['tokenHash'])
export class PasswordResetEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'password_reset_pkey' })
  id: string;

  @Column('uuid', { name: 'user_id' })
  @ForeignKey(() => UserAccountEntity, { name: 'password_reset_user_id_fkey' })
  userId: string;

  @Column('bytea', { name: 'token_hash', select: false })
  tokenHash: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt: Date | null;
}
