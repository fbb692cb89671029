import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditAction, DomainError, uuidSchema } from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import type { FailedMessage } from './dtos/failed-message.type';
import { JOB_QUEUES, type ApiJobQueues } from './job-queues.provider';

const MAX_LIST = 100;

/** Dead letters of the outbox, for platform admins: see why a message failed, and try it again. */
@Injectable()
export class FailedMessageService {
  private readonly logger = new Logger('Outbox');

  constructor(
    @Inject(JOB_QUEUES) private readonly queues: ApiJobQueues,
    private readonly audit: AuditService,
  ) {}

  /** The most recently failed first. */
  async list(limit = 50): Promise<FailedMessage[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST) {
      throw DomainError.badInput(`Ask for between 1 and ${MAX_LIST} messages at a time.`, [{ field: 'limit', message: `Choose a number from 1 to ${MAX_LIST}.` }]);
    }
    return requestContext().uow.query<FailedMessage>(
      `${SELECT_FAILED} WHERE m.failed_at IS NOT NULL AND m.delivered_at IS NULL ORDER BY m.failed_at DESC, m.id LIMIT $1`,
      [limit],
    );
  }

  /**
   * Gives a failed message a fresh set of attempts. Only a message the worker gave up on can be
   * retried; anything else (delivered, still being tried, unknown) is NOT_FOUND.
   */
  async retry(id: string): Promise<void> {
    if (!uuidSchema.safeParse(id).success) throw DomainError.notFound('That failed message');
    const { uow, principal } = requestContext();
    const [retried] = await uow.query<{ id: string; tenantId: string | null }>(
      `UPDATE outbox_message SET failed_at = NULL, attempts = 0, enqueued_at = now()
        WHERE id = $1 AND failed_at IS NOT NULL AND delivered_at IS NULL
        RETURNING id, tenant_id AS "tenantId"`,
      [id],
    );
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

const SELECT_FAILED = `
  SELECT m.id, m.kind,
         CASE WHEN m.kind = 'email' THEN m.payload->>'to' END AS recipient,
         CASE WHEN m.kind = 'email' THEN m.payload->>'subject' END AS subject,
         m.tenant_id AS "tenantId", t.name AS "tenantName", m.attempts, m.last_error AS "lastError",
         m.created_at AS "createdAt", m.failed_at AS "failedAt"
    FROM outbox_message m LEFT JOIN tenant t ON t.id = m.tenant_id`;
