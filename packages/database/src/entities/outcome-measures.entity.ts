import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ProgrammeEntity } from './programme.entity';
import { UserAccountEntity } from './user-account.entity';

/**
 * Asking outcome measures (migration 1797400000000, which says why each table is shaped as it is):
 * one request per programme and point, one single-use link per person and request (spending one
 * deletes its unspent row), and each person's hidden pairing salt.
 */

/** A programme's measurement point, opened when its window opens: when it reminds and closes. */
@Entity({ name: 'outcome_request' })
@Index('outcome_request_point_key', ['tenantId', 'programmeId', 'point'], { unique: true })
@ForeignKey(() => ProgrammeEntity, ['tenantId', 'programmeId'], ['tenantId', 'id'], { name: 'outcome_request_tenant_id_programme_id_fkey', onDelete: 'CASCADE' })
@Check('outcome_request_point_check', "point IN ('BASELINE', 'MIDPOINT', 'FINAL', 'FOLLOW_UP')")
@Check('outcome_request_window_check', 'opens_at <= remind_at AND remind_at <= closes_at AND opens_at < closes_at')
export class OutcomeRequestEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'outcome_request_pkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'outcome_request_pkey' })
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('text')
  point: string;

  @Column('timestamptz', { name: 'opens_at' })
  opensAt: Date;

  @Column('timestamptz', { name: 'remind_at' })
  remindAt: Date;

  @Column('timestamptz', { name: 'closes_at' })
  closesAt: Date;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** One person's single-use link to a measurement point; only the secret's hash is kept. */
@Entity({ name: 'outcome_link' })
@Unique('outcome_link_token_hash_key', ['tokenHash'])
@Index('outcome_link_recipient_key', ['tenantId', 'requestId', 'userId'], { unique: true })
@ForeignKey(() => OutcomeRequestEntity, ['tenantId', 'requestId'], ['tenantId', 'id'], { name: 'outcome_link_tenant_id_request_id_fkey', onDelete: 'CASCADE' })
export class OutcomeLinkEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'outcome_link_pkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'outcome_link_pkey' })
  id: string;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Column('uuid', { name: 'user_id' })
  @ForeignKey(() => UserAccountEntity, { name: 'outcome_link_user_id_fkey' })
  userId: string;

  @Column('bytea', { name: 'token_hash', select: false })
  tokenHash: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'reminded_at', nullable: true })
  remindedAt: Date | null;
}

/** An outcome link that can still be used; spending it deletes this row. */
@Entity({ name: 'outcome_link_unspent' })
@ForeignKey(() => OutcomeLinkEntity, ['tenantId', 'linkId'], ['tenantId', 'id'], { name: 'outcome_link_unspent_tenant_id_link_id_fkey', onDelete: 'CASCADE' })
export class OutcomeLinkUnspentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'outcome_link_unspent_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'link_id', primaryKeyConstraintName: 'outcome_link_unspent_pkey' })
  linkId: string;
}

/** A person's pairing salt: no privilege for the application role; erased to unpair them. */
@Entity({ name: 'outcome_pairing_salt' })
@Check('outcome_pairing_salt_salt_check', 'length(salt) = 32')
export class OutcomePairingSaltEntity {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'outcome_pairing_salt_pkey' })
  @ForeignKey(() => UserAccountEntity, { name: 'outcome_pairing_salt_user_id_fkey', onDelete: 'CASCADE' })
  userId: string;

  @Column('bytea', { select: false })
  salt: Buffer;
}
