import { Inject, Injectable } from '@nestjs/common';
import { assessQueue, QUEUE_BACKLOG_AFTER_SECONDS } from '@lena/domain';
import { JOB_QUEUES, type ApiJobQueues } from './job-queues.provider';
import type { QueueHealth } from './dtos/queue-health.type';
import { OutboxRepository } from './outbox.repository';

@Injectable()
export class QueueHealthService {
  constructor(
    @Inject(JOB_QUEUES) private readonly queues: ApiJobQueues,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Every queue's counts and state, and the outbox behind them, read now. */
  async read(): Promise<QueueHealth> {
    // Redis being down is exactly when someone looks here: say so, and still show the outbox.
    const [readings, outbox] = await Promise.all([this.queues.readQueues().catch(() => null), this.outbox.health()]);
    const checkedAt = new Date();
    return {
      checkedAt,
      queuesReachable: readings !== null,
      backlogAfterSeconds: QUEUE_BACKLOG_AFTER_SECONDS,
      queues: (readings ?? []).map((reading) => ({ ...reading, state: assessQueue(reading, checkedAt) })),
      outbox,
    };
  }
}
