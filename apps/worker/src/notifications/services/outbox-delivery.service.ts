import { Inject, Injectable, Logger } from '@nestjs/common';
import { oneRow, OutboxMessageEntity } from '@lena/database';
import { openEmail, OutboxKind, redactDeliveredEmail, SealedEmailError, type EmailMessage } from '@lena/jobs';
import { UnrecoverableError } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { WORKER_CONFIG } from '../../config/config.module';
import type { WorkerConfig } from '../../config/worker-config';
import { EmailSender } from './email-sender.service';
import { redactEmailAddresses } from './redact-email-addresses';

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'given-up' | 'not-found';

/** Longest `last_error` kept: enough to diagnose, short enough never to hold a message body. */
const MAX_ERROR_LENGTH = 300;

/**
 * After this many failed attempts (three rounds of a job's retries, the relay starting each new
 * round) the row is marked failed: a dead letter that platform admins see and can retry.
 */
export const OUTBOX_MAX_ATTEMPTS = 24;

/**
 * Delivers one outbox row. The row is locked for the whole delivery, so a second job for the same
 * row (a stalled job picked up again, a replica racing) waits and then finds it delivered. It is
 * at-least-once: if the process dies between the server accepting the message and the commit, the
 * retry sends it again.
 */
@Injectable()
export class OutboxDeliveryService {
  private readonly logger = new Logger(OutboxDeliveryService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly emailSender: EmailSender,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async deliver(messageId: string): Promise<DeliveryOutcome> {
    let failure: unknown;
    // outbox_message is a platform table (no row-level security): no tenant context is needed.
    const outcome = await this.dataSource.transaction(async (manager) => {
      const message = await manager.findOne(OutboxMessageEntity, {
        where: { id: messageId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!message) {
        this.logger.warn(`Outbox message ${messageId} does not exist`);
        return 'not-found';
      }
      if (message.deliveredAt) return 'already-delivered';
      if (message.failedAt) return 'given-up';

      let keptPayload: Record<string, unknown>;
      try {
        keptPayload = await this.send(message);
      } catch (error) {
        const gaveUp = await this.recordFailure(manager, messageId, error);
        // Once the row is a dead letter, BullMQ must stop retrying the job too. BullMQ keeps the
        // thrown error's message and stack in Redis (failedReason): they name no recipient.
        const retryable = !gaveUp && !(error instanceof UnrecoverableError);
        failure = retryable ? new Error(describeError(error)) : new UnrecoverableError(describeError(error));
        return 'failed';
      }
      // One statement: delivered, and the body (which may hold a sign-in link) gone.
      await manager.query(
        'UPDATE outbox_message SET delivered_at = now(), attempts = attempts + 1, payload = $2::jsonb WHERE id = $1',
        [messageId, JSON.stringify(keptPayload)],
      );
      return 'delivered';
    });
    // The failure is committed; rethrowing lets BullMQ retry with backoff (unless unrecoverable).
    if (outcome === 'failed') throw failure;
    return outcome;
  }

  /** Sends by kind; returns what may stay in the database afterwards. */
  private async send(message: OutboxMessageEntity): Promise<Record<string, unknown>> {
    switch (message.kind) {
      case OutboxKind.email: {
        let email: EmailMessage;
        try {
          email = openEmail(message.payload, this.config.outboxKey);
        } catch (error) {
          // Malformed, or sealed under another key: no retry will change that, so it is a dead
          // letter at once (retryable by a person once the key is put right).
          if (error instanceof SealedEmailError) throw new UnrecoverableError(error.message);
          throw error;
        }
        await this.emailSender.send(email);
        return redactDeliveredEmail(email);
      }
      default:
        throw new UnrecoverableError(`Unknown outbox kind "${message.kind}"`);
    }
  }

  /** Counts the attempt; returns true when the worker now gives up on the row. */
  private async recordFailure(manager: EntityManager, messageId: string, error: unknown): Promise<boolean> {
    // TypeORM answers an UPDATE with its rows and the number of rows it changed.
    const [rows]: [{ gaveUp: boolean }[], number] = await manager.query(
      `UPDATE outbox_message
          SET attempts = attempts + 1, last_error = $2,
              failed_at = CASE WHEN $3::boolean OR attempts + 1 >= $4::int THEN now() END
        WHERE id = $1
        RETURNING failed_at IS NOT NULL AS "gaveUp"`,
      [messageId, describeError(error), error instanceof UnrecoverableError, OUTBOX_MAX_ATTEMPTS],
    );
    return oneRow(rows, 'outbox_message').gaveUp;
  }
}

/** The error as kept in `last_error` and BullMQ's failedReason: one line, short, no email addresses. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return redactEmailAddresses(String(error)).slice(0, MAX_ERROR_LENGTH);
  const code = (error as { code?: unknown }).code;
  const text = typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  return redactEmailAddresses(text.replace(/\s+/g, ' ')).slice(0, MAX_ERROR_LENGTH);
}
