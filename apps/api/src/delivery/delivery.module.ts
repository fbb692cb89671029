import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { DeliveryResolver } from './delivery.resolver';
import { DeliveryService } from './delivery.service';
import { SessionDeliveryRepository } from './session-delivery.repository';
import { SessionNoteRepository } from './session-note.repository';

/** Delivering sessions: run sheets, registers, confidential notes, completing and reopening. */
@Module({
  imports: [AuditModule, NotificationsModule],
  providers: [DeliveryResolver, DeliveryService, SessionDeliveryRepository, SessionNoteRepository],
})
export class DeliveryModule {}
