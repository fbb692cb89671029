import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EmailComposer } from './email-composer.service';
import { FailedMessageResolver } from './failed-message.resolver';
import { FailedMessageService } from './failed-message.service';
import { OutboxService } from './outbox.service';
import { QueueHealthResolver } from './queue-health.resolver';
import { QueueHealthService } from './queue-health.service';

@Module({
  imports: [AuditModule],
  providers: [OutboxService, EmailComposer, FailedMessageService, FailedMessageResolver, QueueHealthService, QueueHealthResolver],
  exports: [OutboxService, EmailComposer],
})
export class NotificationsModule {}
