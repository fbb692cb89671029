import { Module } from '@nestjs/common';
import { DeliverOutboxMessageJob } from './deliver-outbox-message.job';
import { EmailSender } from './services/email-sender.service';
import { OutboxDeliveryService } from './services/outbox-delivery.service';

/** Email (and later other channels) delivered from the transactional outbox. */
@Module({
  providers: [EmailSender, OutboxDeliveryService, DeliverOutboxMessageJob],
})
export class NotificationsModule {}
