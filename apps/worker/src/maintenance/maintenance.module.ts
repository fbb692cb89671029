import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { ExpiredRecordsRepository } from './expired-records.repository';
import { PurgeExpiredRecordsJob } from './purge-expired-records.job';
import { RelayOutboxJob } from './relay-outbox.job';
import { OutboxRelayService } from './services/outbox-relay.service';
import { RetentionPurgeService } from './services/retention-purge.service';

/** Housekeeping: the outbox relay (every 30 s; the outbox is notifications') and the retention purge (daily: notes' text and expired outcome reports too). */
@Module({
  imports: [DeliveryModule, NotificationsModule, OutcomesModule],
  providers: [OutboxRelayService, RelayOutboxJob, ExpiredRecordsRepository, RetentionPurgeService, PurgeExpiredRecordsJob],
})
export class MaintenanceModule {}
