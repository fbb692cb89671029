import { Injectable } from '@nestjs/common';
import { RetentionPolicy, type RetentionSettings } from '@lena/domain';
import { NoteRetentionRepository } from '../../delivery/note-retention.repository';
import { OutcomeReportRetentionRepository } from '../../outcomes/outcome-report-retention.repository';
import { ExpiredRecordsRepository } from '../expired-records.repository';

/** How many rows each kind of record lost in one purge. */
export interface PurgeCounts {
  refreshTokens: number;
  sessions: number;
  passwordResets: number;
  outboxMessages: number;
  deadLetters: number;
  /** Session notes whose text was erased (each organisation's count audited). */
  sessionNotes: number;
  /** Outcome reports past their expiry, deleted (each organisation's count audited). */
  outcomeReports: number;
}

/**
 * Deletes records past their retention period (RetentionPolicy), batch after batch so that no
 * purge holds long locks. Deleting what is already gone is a no-op, so the job is safe to retry or
 * run on two replicas.
 */
@Injectable()
export class RetentionPurgeService {
  constructor(
    private readonly expired: ExpiredRecordsRepository,
    private readonly notes: NoteRetentionRepository,
    private readonly reports: OutcomeReportRetentionRepository,
  ) {}

  async purge(policy: RetentionSettings = RetentionPolicy): Promise<PurgeCounts> {
    // Tokens go before their sessions (foreign key), including every token of an ended session.
    const refreshTokens = await untilDone(policy, () => this.expired.deleteRefreshTokens(policy));
    const sessions = await untilDone(policy, () => this.expired.deleteEndedSessions(policy));
    const passwordResets = await untilDone(policy, () => this.expired.deletePasswordResets(policy));
    const outboxMessages = await untilDone(policy, () => this.expired.deleteDeliveredMessages(policy));
    const deadLetters = await untilDone(policy, () => this.expired.deleteDeadLetters(policy));
    const sessionNotes = await untilDone(policy, () => this.notes.purgeBatch(policy.batchSize));
    const outcomeReports = await untilDone(policy, () => this.reports.purgeBatch(policy.batchSize));
    return { refreshTokens, sessions, passwordResets, outboxMessages, deadLetters, sessionNotes, outcomeReports };
  }
}

/** Deletes batch after batch until one deletes less than a full batch; returns the total. */
async function untilDone(policy: RetentionSettings, deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < policy.batchSize) return total;
  }
}
