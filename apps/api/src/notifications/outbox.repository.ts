import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { oneRow, OutboxMessageEntity } from '@lena/database';
import { OutboxKind, type SealedEmail } from '@lena/jobs';
import { requestContext } from '../common/request-context';
import type { FailedMessage } from './dtos/failed-message.type';
import type { OutboxHealth } from './dtos/queue-health.type';

/** What the outbox holds today: emails, their bodies sealed (a new kind of message joins here). */
export interface NewOutboxMessage {
  kind: typeof OutboxKind.email;
  tenantId: string | null;
  payload: SealedEmail;
}

interface FailedMessageRow {
  id: string;
  kind: string;
  payload_to: string | null;
  payload_subject: string | null;
  tenant_id: string | null;
  tenant_name: string | null;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  failed_at: Date;
}

/** Recipient and subject (readable beside the sealed body) and nothing else of the payload. */
function toFailedMessage(row: FailedMessageRow): FailedMessage {
  const email = row.kind === OutboxKind.email;
  return {
    id: row.id,
    kind: row.kind,
    recipient: email ? row.payload_to : null,
    subject: email ? row.payload_subject : null,
    tenantId: row.tenant_id,
    tenantName: row.tenant_name,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    failedAt: row.failed_at,
  };
}

interface OutboxHealthRow {
  pending: number;
  oldest_pending_at: Date | null;
  failed: number;
}

function toOutboxHealth(row: OutboxHealthRow): OutboxHealth {
  return { pending: row.pending, oldestPendingAt: row.oldest_pending_at, failed: row.failed };
}

/**
 * The transactional outbox (outbox_message, a platform table) as the API sees it: messages written
 * in the request's transaction, and the dead letters (undelivered rows the worker gave up on,
 * `failed_at` set) that platform admins look at and retry.
 */
@Injectable()
export class OutboxRepository {
  /** Returns the new message's id. */
  async add(message: NewOutboxMessage): Promise<string> {
    const id = randomUUID();
    await (await requestContext().uow.manager()).insert(OutboxMessageEntity, { id, ...message });
    return id;
  }

  /** The most recently failed first. */
  async listDeadLetters(limit: number): Promise<FailedMessage[]> {
    const rows = await requestContext().uow.query<FailedMessageRow>(
      `SELECT m.id, m.kind, m.payload->>'to' AS payload_to, m.payload->>'subject' AS payload_subject,
              m.tenant_id, t.name AS tenant_name, m.attempts, m.last_error, m.created_at, m.failed_at
         FROM outbox_message m LEFT JOIN tenant t ON t.id = m.tenant_id
        WHERE m.failed_at IS NOT NULL AND m.delivered_at IS NULL
        ORDER BY m.failed_at DESC, m.id
        LIMIT $1`,
      [limit],
    );
    return rows.map(toFailedMessage);
  }

  /**
   * Gives a dead letter a fresh set of attempts, in one conditional update so that only a message
   * the worker gave up on is changed; returns its organisation, or undefined when `id` is no dead
   * letter (delivered, still being tried, unknown).
   */
  async reviveDeadLetter(id: string): Promise<{ tenantId: string | null } | undefined> {
    const [row] = await requestContext().uow.query<{ tenant_id: string | null }>(
      `UPDATE outbox_message SET failed_at = NULL, attempts = 0, enqueued_at = now()
        WHERE id = $1 AND failed_at IS NOT NULL AND delivered_at IS NULL
        RETURNING tenant_id`,
      [id],
    );
    return row && { tenantId: row.tenant_id };
  }

  /** Undelivered messages: those still being tried (and the oldest of them), and the dead letters. */
  async health(): Promise<OutboxHealth> {
    const rows = await requestContext().uow.query<OutboxHealthRow>(
      `SELECT count(*) FILTER (WHERE failed_at IS NULL)::int AS pending,
              min(created_at) FILTER (WHERE failed_at IS NULL) AS oldest_pending_at,
              count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed
         FROM outbox_message WHERE delivered_at IS NULL`,
    );
    // An aggregate without GROUP BY answers exactly one row.
    return toOutboxHealth(oneRow(rows, 'the outbox health'));
  }
}
