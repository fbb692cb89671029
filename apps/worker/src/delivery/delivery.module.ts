import { Module } from '@nestjs/common';
import { NoteRetentionRepository } from './note-retention.repository';
import { SessionDeliveryRepository } from './session-delivery.repository';

/** Delivery's background work: sessions delivered once they end (in the scheduling sweep) and note text past retention (in the daily purge). */
@Module({
  providers: [SessionDeliveryRepository, NoteRetentionRepository],
  exports: [SessionDeliveryRepository, NoteRetentionRepository],
})
export class DeliveryModule {}
