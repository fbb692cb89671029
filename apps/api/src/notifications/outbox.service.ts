import { Inject, Injectable, Logger } from '@nestjs/common';
import { requestContext } from '../common/request-context';
import { JOB_QUEUES, type OutboxDeliveryQueue } from './job-queues.provider';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Writes messages to the outbox in the request's transaction, then nudges the worker once the
 * transaction commits. If the nudge is lost, the worker's relay finds the row anyway.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Outbox');

  constructor(@Inject(JOB_QUEUES) private readonly queues: OutboxDeliveryQueue) {}

  async queueEmail(message: EmailMessage, tenantId: string | null = null): Promise<void> {
    const { uow } = requestContext();
    const [row] = await uow.query<{ id: string }>(
      `INSERT INTO outbox_message (kind, tenant_id, payload) VALUES ('email', $1, $2) RETURNING id`,
      [tenantId, JSON.stringify(message)],
    );
    uow.afterCommit(async () => {
      await this.queues.enqueueOutboxDelivery([row.id]).catch((error: unknown) => {
        this.logger.warn(`Could not enqueue outbox message ${row.id}; the relay will pick it up: ${String(error)}`);
      });
    });
  }
}
