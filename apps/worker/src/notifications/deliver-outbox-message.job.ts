import { Injectable } from '@nestjs/common';
import { Jobs, type JobPayloadOf } from '@lena/jobs';
import type { JobHandlerInstance } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { OutboxDeliveryService, type DeliveryOutcome } from './services/outbox-delivery.service';

@Injectable()
@JobHandler(Jobs.deliverOutboxMessage)
export class DeliverOutboxMessageJob implements JobHandlerInstance<typeof Jobs.deliverOutboxMessage> {
  constructor(private readonly delivery: OutboxDeliveryService) {}

  handle({ messageId }: JobPayloadOf<typeof Jobs.deliverOutboxMessage>): Promise<DeliveryOutcome> {
    return this.delivery.deliver(messageId);
  }
}
