import { Inject, Injectable, Logger } from '@nestjs/common';
import type { UnitOfWork } from '@lena/database';
import { emailOutboxMessage, JobQueues, type EmailMessage } from '@lena/jobs';
import { WORKER_CONFIG } from '../../config/config.module';
import type { WorkerConfig } from '../../config/worker-config';
import { OutboxRepository } from '../outbox.repository';

/**
 * Emails a job decides to send: written to the outbox in the job's own transaction (so they are
 * sent if and only if the job's work commits), bodies sealed as the API seals them, and handed to
 * the delivery queue once that transaction has committed. If that hand-over is lost, the relay
 * finds the rows.
 */
@Injectable()
export class OutboxEmailService {
  private readonly logger = new Logger(OutboxEmailService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly jobQueues: JobQueues,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async queueEmails(uow: UnitOfWork, tenantId: string | null, messages: readonly EmailMessage[]): Promise<number> {
    const ids = await this.outbox.add(
      uow,
      messages.map((message) => ({ ...emailOutboxMessage(message, this.config.outboxKey), tenantId })),
    );
    if (ids.length > 0) {
      uow.afterCommit(async () => {
        await this.jobQueues.enqueueOutboxDelivery(ids).catch((error: unknown) => {
          this.logger.warn(`Could not enqueue ${ids.length} outbox messages; the relay will pick them up: ${String(error)}`);
        });
      });
    }
    return ids.length;
  }
}
