import { Injectable, Logger } from '@nestjs/common';
import { OutboxPolicy } from '@lena/domain';
import { JobQueues } from '@lena/jobs';
import { DataSource } from 'typeorm';
import { inPlatformTransaction } from '../../jobs/platform-transaction';
import { OutboxRepository } from '../../notifications/outbox.repository';

/**
 * The slow path of the transactional outbox: whatever the API's enqueue-after-commit missed
 * (Redis down, process killed) is enqueued here, and so is a row still undelivered some time after
 * it was handed over (its job was lost, or used up its attempts, which starts the next round).
 * Job id = row id, so a row that is already queued is not queued twice; the due rows are locked
 * with SKIP LOCKED, so any number of replicas relay side by side.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger(OutboxRelayService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly jobQueues: JobQueues,
  ) {}

  /** Returns how many rows this call enqueued. */
  async relay(limit: number = OutboxPolicy.relayBatch): Promise<number> {
    return inPlatformTransaction(
      this.dataSource,
      async (uow) => {
        const ids = await this.outbox.lockDue(uow, { handOverAgainAfterSeconds: OutboxPolicy.handOverAgainAfterSeconds, limit });
        if (ids.length === 0) return 0;
        // Enqueue while the rows are locked: if Redis refuses, the transaction rolls back and the
        // rows stay due; if the commit fails after the enqueue, the next relay's add is a no-op.
        await this.jobQueues.enqueueOutboxDelivery(ids, { restartFailed: true });
        await this.outbox.markEnqueued(uow, ids);
        return ids.length;
      },
      this.logger,
    );
  }
}
