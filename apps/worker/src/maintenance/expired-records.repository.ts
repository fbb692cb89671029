import { Injectable } from '@nestjs/common';
import type { RetentionSettings } from '@lena/domain';
import { DataSource } from 'typeorm';

/**
 * Records past their retention period (RetentionPolicy), deleted a batch per statement so that no
 * purge holds long locks. Each statement autocommits on the pool: every table here is a platform
 * table (no tenant context needed), and a batch already deleted is simply not found again, so two
 * replicas can purge side by side. Each method deletes at most `batchSize` rows and returns how
 * many it deleted.
 */
@Injectable()
export class ExpiredRecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Expired refresh tokens, and every token of a session that has ended (they go before their sessions: foreign key). */
  deleteRefreshTokens(policy: RetentionSettings): Promise<number> {
    return this.deleteBatch(
      `DELETE FROM refresh_token WHERE id IN (
         SELECT r.id FROM refresh_token r JOIN auth_session s ON s.id = r.session_id
          WHERE r.expires_at < now() - make_interval(days => $1)
             OR least(coalesce(s.revoked_at, 'infinity'), s.expires_at) < now() - make_interval(days => $2)
          LIMIT $3)`,
      [policy.expiredRefreshTokenDays, policy.endedSessionDays, policy.batchSize],
    );
  }

  /** Sessions that ended (revoked or expired) long enough ago and have no tokens left. */
  deleteEndedSessions(policy: RetentionSettings): Promise<number> {
    return this.deleteBatch(
      `DELETE FROM auth_session WHERE id IN (
         SELECT id FROM auth_session
          WHERE least(coalesce(revoked_at, 'infinity'), expires_at) < now() - make_interval(days => $1)
            AND NOT EXISTS (SELECT 1 FROM refresh_token r WHERE r.session_id = auth_session.id)
          LIMIT $2)`,
      [policy.endedSessionDays, policy.batchSize],
    );
  }

  /** Password-reset links, used or not, long enough after they expired. */
  deletePasswordResets(policy: RetentionSettings): Promise<number> {
    return this.deleteBatch(
      `DELETE FROM password_reset WHERE id IN (
         SELECT id FROM password_reset WHERE expires_at < now() - make_interval(days => $1) LIMIT $2)`,
      [policy.expiredPasswordResetDays, policy.batchSize],
    );
  }

  deleteDeliveredMessages(policy: RetentionSettings): Promise<number> {
    return this.deleteBatch(
      `DELETE FROM outbox_message WHERE id IN (
         SELECT id FROM outbox_message WHERE delivered_at < now() - make_interval(days => $1) LIMIT $2)`,
      [policy.deliveredMessageDays, policy.batchSize],
    );
  }

  /** Counted from creation: a link's lifetime starts when the message that carries it is written. */
  deleteDeadLetters(policy: RetentionSettings): Promise<number> {
    return this.deleteBatch(
      `DELETE FROM outbox_message WHERE id IN (
         SELECT id FROM outbox_message
          WHERE failed_at IS NOT NULL AND delivered_at IS NULL AND created_at < now() - make_interval(secs => $1)
          LIMIT $2)`,
      [policy.deadLetterSeconds, policy.batchSize],
    );
  }

  private async deleteBatch(sql: string, params: unknown[]): Promise<number> {
    // TypeORM answers a DELETE with its rows (none here) and the number of rows deleted.
    const [, deleted] = await this.dataSource.query<[unknown[], number]>(sql, params);
    return deleted;
  }
}
