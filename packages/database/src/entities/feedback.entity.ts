import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { GroupSessionEntity } from './group-session.entity';
import { UserAccountEntity } from './user-account.entity';

/**
 * The feedback context's tables (migration 1797000000000, which says why each is shaped as it
 * is). Anonymity is structural: a response has no person, link, address or time; spending a link
 * deletes its `feedback_link_unspent` row rather than writing anything.
 */

/** A feedback form's wording, versioned and licensed; immutable once a request uses it (trigger). */
@Entity({ name: 'feedback_instrument' })
@Unique('feedback_instrument_key_version_key', ['key', 'version'])
@Check('feedback_instrument_version_check', 'version >= 1')
export class FeedbackInstrumentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'feedback_instrument_pkey' })
  id: string;

  @Column('text')
  key: string;

  @Column('integer')
  version: number;

  @Column('text')
  licence: string;

  /** The whole form (`Instrument` in @lena/domain): title, attribution, items. */
  @Column('jsonb')
  definition: unknown;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** The feedback request of one delivered session: when it opens, reminds and closes. */
@Entity({ name: 'feedback_request' })
@Index('feedback_request_session_key', ['tenantId', 'sessionId'], { unique: true })
@Index('feedback_request_by_instrument', ['instrumentId'])
@ForeignKey(() => GroupSessionEntity, ['tenantId', 'sessionId'], ['tenantId', 'id'], { name: 'feedback_request_tenant_id_session_id_fkey', onDelete: 'CASCADE' })
@Check('feedback_request_window_check', 'opens_at <= remind_at AND remind_at <= closes_at AND opens_at < closes_at')
export class FeedbackRequestEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'feedback_request_pkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'feedback_request_pkey' })
  id: string;

  @Column('uuid', { name: 'session_id' })
  sessionId: string;

  @Column('uuid', { name: 'instrument_id' })
  @ForeignKey(() => FeedbackInstrumentEntity, { name: 'feedback_request_instrument_id_fkey' })
  instrumentId: string;

  @Column('timestamptz', { name: 'opens_at' })
  opensAt: Date;

  @Column('timestamptz', { name: 'remind_at' })
  remindAt: Date;

  @Column('timestamptz', { name: 'closes_at' })
  closesAt: Date;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}

/** One attendee's single-use link to a request; only the secret's hash is kept. */
@Entity({ name: 'feedback_link' })
@Unique('feedback_link_token_hash_key', ['tokenHash'])
@Index('feedback_link_recipient_key', ['tenantId', 'requestId', 'userId'], { unique: true })
@ForeignKey(() => FeedbackRequestEntity, ['tenantId', 'requestId'], ['tenantId', 'id'], { name: 'feedback_link_tenant_id_request_id_fkey', onDelete: 'CASCADE' })
export class FeedbackLinkEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'feedback_link_pkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'feedback_link_pkey' })
  id: string;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Column('uuid', { name: 'user_id' })
  @ForeignKey(() => UserAccountEntity, { name: 'feedback_link_user_id_fkey' })
  userId: string;

  @Column('bytea', { name: 'token_hash', select: false })
  tokenHash: Buffer;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'reminded_at', nullable: true })
  remindedAt: Date | null;
}

/** A link that can still be used; spending it deletes this row. */
@Entity({ name: 'feedback_link_unspent' })
@ForeignKey(() => FeedbackLinkEntity, ['tenantId', 'linkId'], ['tenantId', 'id'], { name: 'feedback_link_unspent_tenant_id_link_id_fkey', onDelete: 'CASCADE' })
export class FeedbackLinkUnspentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'feedback_link_unspent_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'link_id', primaryKeyConstraintName: 'feedback_link_unspent_pkey' })
  linkId: string;
}

/** One anonymous response: the request it answers and the answers, nothing else. */
@Entity({ name: 'feedback_response' })
@Index('feedback_response_by_request', ['tenantId', 'requestId'])
@ForeignKey(() => FeedbackRequestEntity, ['tenantId', 'requestId'], ['tenantId', 'id'], { name: 'feedback_response_tenant_id_request_id_fkey', onDelete: 'CASCADE' })
export class FeedbackResponseEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'feedback_response_pkey' })
  tenantId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'feedback_response_pkey' })
  id: string;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  @Column('jsonb')
  answers: Record<string, number | string>;
}

/** Whether a session's feedback aggregates need recomputing. */
@Entity({ name: 'feedback_rollup' })
@ForeignKey(() => GroupSessionEntity, ['tenantId', 'sessionId'], ['tenantId', 'id'], { name: 'feedback_rollup_tenant_id_session_id_fkey', onDelete: 'CASCADE' })
export class FeedbackRollupEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'feedback_rollup_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'session_id', primaryKeyConstraintName: 'feedback_rollup_pkey' })
  sessionId: string;

  @Column('boolean', { default: true })
  stale: boolean;

  @Column('timestamptz', { name: 'computed_at', nullable: true })
  computedAt: Date | null;
}

/**
 * A session's published feedback results: what results screens show, re-published only after
 * the minimum group size of new responses (`decidePublication`). Dates only, never a time.
 */
@Entity({ name: 'feedback_result_snapshot' })
@Index('feedback_result_snapshot_request_key', ['tenantId', 'requestId'], { unique: true })
@Check('feedback_result_snapshot_responses_check', 'responses >= 0')
@Check('feedback_result_snapshot_comment_responses_check', 'comment_responses >= 0')
@Check('feedback_result_snapshot_comments_check', '(comment_responses IS NULL) = (comments IS NULL) AND (comments IS NULL) = (comments_published_on IS NULL)')
@ForeignKey(() => GroupSessionEntity, ['tenantId', 'sessionId'], ['tenantId', 'id'], { name: 'feedback_result_snapshot_tenant_id_session_id_fkey', onDelete: 'CASCADE' })
@ForeignKey(() => FeedbackRequestEntity, ['tenantId', 'requestId'], ['tenantId', 'id'], { name: 'feedback_result_snapshot_tenant_id_request_id_fkey', onDelete: 'CASCADE' })
export class FeedbackResultSnapshotEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id', primaryKeyConstraintName: 'feedback_result_snapshot_pkey' })
  tenantId: string;

  @PrimaryColumn('uuid', { name: 'session_id', primaryKeyConstraintName: 'feedback_result_snapshot_pkey' })
  sessionId: string;

  @Column('uuid', { name: 'request_id' })
  requestId: string;

  /** The response count the scores were published at. */
  @Column('integer')
  responses: number;

  /** Scale item id → the number of answers of each value (index 0 for 1 … 4 for 5). */
  @Column('jsonb', { default: () => "'{}'" })
  tallies: Record<string, number[]>;

  @Column('date', { name: 'published_on' })
  publishedOn: string;

  /** The response count the comments were published at; null until they first are. */
  @Column('integer', { name: 'comment_responses', nullable: true })
  commentResponses: number | null;

  /** The free-text answers, in random order. */
  @Column('jsonb', { nullable: true })
  comments: string[] | null;

  @Column('date', { name: 'comments_published_on', nullable: true })
  commentsPublishedOn: string | null;
}
