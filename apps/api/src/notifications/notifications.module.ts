import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FailedMessageResolver } from './failed-message.resolver';
import { FailedMessageService } from './failed-message.service';
import { OutboxService } from './outbox.service';

@Module({
  imports: [AuditModule],
  providers: [OutboxService, FailedMessageService, FailedMessageResolver],
  exports: [OutboxService],
})
export class NotificationsModule {}
