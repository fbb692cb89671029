import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { OutboxRelayService } from './services/outbox-relay.service';

/** Runs every 30 s (a job scheduler upserted at start) and on demand. */
@Injectable()
@JobHandler(Jobs.relayOutbox)
export class RelayOutboxJob implements JobHandlerInstance<typeof Jobs.relayOutbox> {
  constructor(private readonly relay: OutboxRelayService) {}

  async handle(): Promise<{ enqueued: number }> {
    return { enqueued: await this.relay.relay() };
  }
}
