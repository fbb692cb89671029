import { Inject, Injectable, Logger } from '@nestjs/common';
import { oneRow } from '@lena/database';
import { emailOutboxMessage, type EmailMessage } from '@lena/jobs';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_QUEUES, type ApiJobQueues } from './job-queues.provider';

export type { EmailMessage };

/**
 * Writes messages to the outbox in the request's transaction, then nudges the worker once the
 * transaction commits. If the nudge is lost, the worker's relay finds the row anyway.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Outbox');

  constructor(
    @Inject(JOB_QUEUES) private readonly queues: ApiJobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async queueEmail(message: EmailMessage, tenantId: string | null = null): Promise<void> {
    const { uow } = requestContext();
    // Validated here with the worker's own schema, so a message the worker would refuse is never
    // stored; the body is sealed, so a sign-in link waiting in the outbox is not readable there.
    const { kind, payload } = emailOutboxMessage(message, this.config.outboxKey);
    const rows = await uow.query<{ id: string }>(
      'INSERT INTO outbox_message (kind, tenant_id, payload) VALUES ($1, $2, $3) RETURNING id',
      [kind, tenantId, JSON.stringify(payload)],
    );
    const row = oneRow(rows, 'outbox_message');
    uow.afterCommit(async () => {
      await this.queues.enqueueOutboxDelivery([row.id]).catch((error: unknown) => {
        this.logger.warn(`Could not enqueue outbox message ${row.id}; the relay will pick it up: ${String(error)}`);
      });
    });
  }
}
