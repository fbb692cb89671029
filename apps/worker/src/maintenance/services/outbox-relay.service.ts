import { Injectable } from '@nestjs/common';
import { JobQueues } from '@lena/jobs';
import { DataSource } from 'typeorm';

/**
 * Rows handed to the queue but still undelivered after this long are handed over again: the job
 * was lost, or it used up its attempts (a job's retries take about 4 minutes), which starts the
 * next round. Rows the worker gave up on (`failed_at`) are left alone.
 */
export const OUTBOX_REENQUEUE_AFTER = '5 minutes';
export const OUTBOX_RELAY_BATCH = 500;

/**
 * The slow path of the transactional outbox: whatever the API's enqueue-after-commit missed
 * (Redis down, process killed) is enqueued here. Job id = row id, so a row that is already queued
 * is not queued twice; SKIP LOCKED lets any number of replicas relay side by side.
 */
@Injectable()
export class OutboxRelayService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jobQueues: JobQueues,
  ) {}

  /** Returns how many rows this call enqueued. */
  async relay(limit = OUTBOX_RELAY_BATCH): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: { id: string }[] = await manager.query(
        `SELECT id FROM outbox_message
          WHERE delivered_at IS NULL AND failed_at IS NULL
            AND (enqueued_at IS NULL OR enqueued_at < now() - $1::interval)
          ORDER BY created_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [OUTBOX_REENQUEUE_AFTER, limit],
      );
      if (due.length === 0) return 0;
      const ids = due.map((row) => row.id);
      // Enqueue while the rows are locked: if Redis refuses, the transaction rolls back and the
      // rows stay due; if the commit fails after the enqueue, the next relay's add is a no-op.
      await this.jobQueues.enqueueOutboxDelivery(ids, { restartFailed: true });
      await manager.query('UPDATE outbox_message SET enqueued_at = now() WHERE id = ANY($1::uuid[])', [ids]);
      return ids.length;
    });
  }
}
