import { Injectable } from '@nestjs/common';
import { JobName, type JobPayload } from '@lena/jobs';
import type { JobHandlerInstance } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { OutboxDeliveryService, type DeliveryOutcome } from './services/outbox-delivery.service';

@Injectable()
@JobHandler(JobName.deliverOutboxMessage)
export class DeliverOutboxMessageJob implements JobHandlerInstance<typeof JobName.deliverOutboxMessage> {
  constructor(private readonly delivery: OutboxDeliveryService) {}

  handle({ messageId }: JobPayload<typeof JobName.deliverOutboxMessage>): Promise<DeliveryOutcome> {
    return this.delivery.deliver(messageId);
  }
}
