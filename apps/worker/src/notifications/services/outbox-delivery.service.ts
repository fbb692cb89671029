import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OutboxMessageEntity } from '@lena/database';
import { givesUpAfter } from '@lena/domain';
import { openEmail, OutboxKind, redactDeliveredEmail, SealedEmailError, type DeliveredEmail, type EmailMessage } from '@lena/jobs';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { WORKER_CONFIG } from '../../config/config.module';
import type { WorkerConfig } from '../../config/worker-config';
import { inPlatformTransaction } from '../../jobs/platform-transaction';
import { OutboxRepository } from '../outbox.repository';
import { EmailSender } from './email-sender.service';
import { redactEmailAddresses } from './redact-email-addresses';

export type DeliveryOutcome = 'delivered' | 'already-delivered' | 'given-up' | 'not-found';

/** Longest `last_error` kept: enough to diagnose, short enough never to hold a message body. */
const MAX_ERROR_LENGTH = 300;

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
    private readonly outbox: OutboxRepository,
    private readonly emailSender: EmailSender,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async deliver(messageId: string): Promise<DeliveryOutcome> {
    let failure: unknown;
    // outbox_message is a platform table (no row-level security): no tenant context is needed.
    const outcome = await inPlatformTransaction(
      this.dataSource,
      async (uow) => {
        const message = await this.outbox.lockForDelivery(uow, messageId);
        if (!message) {
          this.logger.warn(`Outbox message ${messageId} does not exist`);
          return 'not-found';
        }
        if (message.deliveredAt) return 'already-delivered';
        if (message.failedAt) return 'given-up';

        let kept: DeliveredEmail;
        try {
          kept = await this.send(message);
        } catch (error) {
          // The row is locked, so its count of attempts is still the one read above.
          const gaveUp = givesUpAfter({ attempts: message.attempts + 1, unrecoverable: error instanceof UnrecoverableError });
          await this.outbox.recordFailedAttempt(uow, messageId, { lastError: describeError(error), giveUp: gaveUp });
          // Once the row is a dead letter, BullMQ must stop retrying the job too. BullMQ keeps the
          // thrown error's message and stack in Redis (failedReason): they name no recipient.
          const retryable = !gaveUp && !(error instanceof UnrecoverableError);
          failure = retryable ? new Error(describeError(error)) : new UnrecoverableError(describeError(error));
          return 'failed';
        }
        await this.outbox.markDelivered(uow, messageId, kept);
        return 'delivered';
      },
      this.logger,
    );
    // The failure is committed; rethrowing lets BullMQ retry with backoff (unless unrecoverable).
    if (outcome === 'failed') throw failure;
    return outcome;
  }

  /** Sends by kind; returns what may stay in the database afterwards. */
  private async send(message: OutboxMessageEntity): Promise<DeliveredEmail> {
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
}

/** The error as kept in `last_error` and BullMQ's failedReason: one line, short, no email addresses. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return redactEmailAddresses(String(error)).slice(0, MAX_ERROR_LENGTH);
  const code = (error as { code?: unknown }).code;
  const text = typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  return redactEmailAddresses(text.replace(/\s+/g, ' ')).slice(0, MAX_ERROR_LENGTH);
}
