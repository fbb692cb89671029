import { Injectable } from '@nestjs/common';
import { RetentionPolicy, type RetentionSettings } from '@lena/domain';
import { DataSource } from 'typeorm';

/** How many rows each kind of record lost in one purge. */
export interface PurgeCounts {
  refreshTokens: number;
  sessions: number;
  passwordResets: number;
  outboxMessages: number;
  deadLetters: number;
}

/**
 * Deletes records past their retention period (RetentionPolicy), a batch per statement so that no
 * purge holds long locks. Every table here is a platform table (no tenant context needed), and
 * deleting what is already gone is a no-op, so the job is safe to retry or run on two replicas.
 */
@Injectable()
export class RetentionPurgeService {
  constructor(private readonly dataSource: DataSource) {}

  async purge(policy: RetentionSettings = RetentionPolicy): Promise<PurgeCounts> {
    // Tokens go before their sessions (foreign key), including every token of an ended session.
    const refreshTokens = await this.deleteInBatches(
      `DELETE FROM refresh_token WHERE id IN (
         SELECT r.id FROM refresh_token r JOIN auth_session s ON s.id = r.session_id
          WHERE r.expires_at < now() - make_interval(days => $1)
             OR least(coalesce(s.revoked_at, 'infinity'), s.expires_at) < now() - make_interval(days => $2)
          LIMIT $3)`,
      [policy.expiredRefreshTokenDays, policy.endedSessionDays],
      policy.batchSize,
    );
    const sessions = await this.deleteInBatches(
      `DELETE FROM auth_session WHERE id IN (
         SELECT id FROM auth_session
          WHERE least(coalesce(revoked_at, 'infinity'), expires_at) < now() - make_interval(days => $1)
            AND NOT EXISTS (SELECT 1 FROM refresh_token r WHERE r.session_id = auth_session.id)
          LIMIT $2)`,
      [policy.endedSessionDays],
      policy.batchSize,
    );
    const passwordResets = await this.deleteInBatches(
      `DELETE FROM password_reset WHERE id IN (
         SELECT id FROM password_reset WHERE expires_at < now() - make_interval(days => $1) LIMIT $2)`,
      [policy.expiredPasswordResetDays],
      policy.batchSize,
    );
    const outboxMessages = await this.deleteInBatches(
      `DELETE FROM outbox_message WHERE id IN (
         SELECT id FROM outbox_message WHERE delivered_at < now() - make_interval(days => $1) LIMIT $2)`,
      [policy.deliveredMessageDays],
      policy.batchSize,
    );
    // Counted from creation: a link's lifetime starts when the message that carries it is written.
    const deadLetters = await this.deleteInBatches(
      `DELETE FROM outbox_message WHERE id IN (
         SELECT id FROM outbox_message
          WHERE failed_at IS NOT NULL AND delivered_at IS NULL AND created_at < now() - make_interval(secs => $1)
          LIMIT $2)`,
      [policy.deadLetterSeconds],
      policy.batchSize,
    );
    return { refreshTokens, sessions, passwordResets, outboxMessages, deadLetters };
  }

  /** Runs a `DELETE … LIMIT batch` (the batch size is the last parameter) until it deletes less. */
  private async deleteInBatches(sql: string, params: unknown[], batchSize: number): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = (await this.dataSource.query(sql, [...params, batchSize])) as [unknown, number];
      total += deleted;
      if (deleted < batchSize) return total;
    }
  }
}
