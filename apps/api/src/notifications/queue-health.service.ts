import { Inject, Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import { assessQueue, QUEUE_BACKLOG_AFTER_SECONDS } from '@lena/domain';
import { requestContext } from '../common/request-context';
import { JOB_QUEUES, type ApiJobQueues } from './job-queues.provider';
import type { OutboxHealth, QueueHealth } from './dtos/queue-health.type';

@Injectable()
export class QueueHealthService {
  constructor(@Inject(JOB_QUEUES) private readonly queues: ApiJobQueues) {}

  /** Every queue's counts and state, and the outbox behind them, read now. */
  async read(): Promise<QueueHealth> {
    // Redis being down is exactly when someone looks here: say so, and still show the outbox.
    const [readings, outbox] = await Promise.all([this.queues.readQueues().catch(() => null), this.readOutbox()]);
    const checkedAt = new Date();
    return {
      checkedAt,
      queuesReachable: readings !== null,
      backlogAfterSeconds: QUEUE_BACKLOG_AFTER_SECONDS,
      queues: (readings ?? []).map((reading) => ({ ...reading, state: assessQueue(reading, checkedAt) })),
      outbox,
    };
  }

  private async readOutbox(): Promise<OutboxHealth> {
    const rows = await requestContext().uow.query<OutboxHealth>(
      `SELECT count(*) FILTER (WHERE failed_at IS NULL)::int AS pending,
              min(created_at) FILTER (WHERE failed_at IS NULL) AS "oldestPendingAt",
              count(*) FILTER (WHERE failed_at IS NOT NULL)::int AS failed
         FROM outbox_message WHERE delivered_at IS NULL`,
    );
    return oneRow(rows, 'outbox health');
  }
}
