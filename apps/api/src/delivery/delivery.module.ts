import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { DeliveryResolver } from './delivery.resolver';
import { DeliveryService } from './delivery.service';
import { SessionDeliveryRepository } from './session-delivery.repository';
import { SessionNoteRepository } from './session-note.repository';
import { SharedActionItemRepository } from './shared-action-item.repository';
import { SharedActionItemResolver } from './shared-action-item.resolver';

/** Delivering sessions: run sheets, registers, confidential notes, completing and reopening. */
@Module({
  imports: [AuditModule, NotificationsModule],
  providers: [DeliveryResolver, DeliveryService, SessionDeliveryRepository, SessionNoteRepository, SharedActionItemRepository, SharedActionItemResolver],
})
export class DeliveryModule {}
