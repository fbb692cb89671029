import { Module } from '@nestjs/common';
import { DeliverOutboxMessageJob } from './deliver-outbox-message.job';
import { OutboxRepository } from './outbox.repository';
import { EmailSender } from './services/email-sender.service';
import { OutboxEmailService } from './services/outbox-email.service';
import { SingleUseLinkMailer } from './services/single-use-link-mailer.service';
import { OutboxDeliveryService } from './services/outbox-delivery.service';

/** Email (and later other channels) delivered from the transactional outbox. */
@Module({
  providers: [OutboxRepository, EmailSender, OutboxDeliveryService, OutboxEmailService, SingleUseLinkMailer, DeliverOutboxMessageJob],
  exports: [OutboxRepository, OutboxEmailService, SingleUseLinkMailer],
})
export class NotificationsModule {}
