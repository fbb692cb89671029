import { Module } from '@nestjs/common';
import { DeliverOutboxMessageJob } from './deliver-outbox-message.job';
import { OutboxRepository } from './outbox.repository';
import { EmailSender } from './services/email-sender.service';
import { OutboxDeliveryService } from './services/outbox-delivery.service';

/** Email (and later other channels) delivered from the transactional outbox. */
@Module({
  providers: [OutboxRepository, EmailSender, OutboxDeliveryService, DeliverOutboxMessageJob],
  exports: [OutboxRepository],
})
export class NotificationsModule {}
