import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'user_account' })
@Index('user_account_email_key', ['email'], { unique: true })
@Check('user_account_email_check', 'email = lower(email) AND char_length(email) <= 254')
@Check('user_account_display_name_check', 'char_length(display_name) BETWEEN 1 AND 120')
@Check('user_account_status_check', "status IN ('ACTIVE', 'DEACTIVATED')")
export class UserAccountEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'user_account_pkey' })
  id: string;

  /** Always stored lower-case. */
  @Column('text')
  email: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  /** argon2id hash; null until the person accepts their invitation. */
  @Column('text', { name: 'password_hash', nullable: true, select: false })
  passwordHash: string | null;

  @Column('text', { default: 'ACTIVE' })
  status: 'ACTIVE' | 'DEACTIVATED';

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
