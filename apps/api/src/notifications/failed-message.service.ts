import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditAction, DomainError, uuidSchema } from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import type { FailedMessage } from './dtos/failed-message.type';
import { JOB_QUEUES, type ApiJobQueues } from './job-queues.provider';
import { OutboxRepository } from './outbox.repository';

const MAX_LIST = 100;

/** Dead letters of the outbox, for platform admins: see why a message failed, and try it again. */
@Injectable()
export class FailedMessageService {
  private readonly logger = new Logger('Outbox');

  constructor(
    @Inject(JOB_QUEUES) private readonly queues: ApiJobQueues,
    private readonly audit: AuditService,
    private readonly outbox: OutboxRepository,
  ) {}

  /** The most recently failed first. */
  async list(limit = 50): Promise<FailedMessage[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) {
      throw DomainError.badInput(`Ask for between 1 and ${MAX_LIST} messages at a time.`, [{ field: 'limit', message: `Choose a number from 1 to ${MAX_LIST}.` }]);
    }
    return this.outbox.listDeadLetters(limit);
  }

  /**
   * Gives a failed message a fresh set of attempts. Only a message the worker gave up on can be
   * retried; anything else (delivered, still being tried, unknown) is NOT_FOUND.
   */
  async retry(id: string): Promise<void> {
    if (!uuidSchema.safeParse(id).success) throw DomainError.notFound('That failed message');
    const { uow, principal } = requestContext();
    const retried = await this.outbox.reviveDeadLetter(id);
    if (!retried) throw DomainError.notFound('That failed message');
    await this.audit.record({
      action: AuditAction.FAILED_MESSAGE_RETRIED,
      actorUserId: principal?.userId,
      tenantId: retried.tenantId,
      targetType: 'outbox_message',
      targetId: id,
    });
    uow.afterCommit(async () => {
      // The job of its last round is in the failed set under the same id: restart it.
      await this.queues.enqueueOutboxDelivery([id], { restartFailed: true }).catch((error: unknown) => {
        this.logger.warn(`Could not enqueue outbox message ${id}; the relay will pick it up: ${String(error)}`);
      });
    });
  }
}
