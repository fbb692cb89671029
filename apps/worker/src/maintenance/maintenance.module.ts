import { Module } from '@nestjs/common';
import { PurgeExpiredRecordsJob } from './purge-expired-records.job';
import { RelayOutboxJob } from './relay-outbox.job';
import { OutboxRelayService } from './services/outbox-relay.service';
import { RetentionPurgeService } from './services/retention-purge.service';

/** Housekeeping: the outbox relay (every 30 s) and the retention purge (daily). */
@Module({
  providers: [OutboxRelayService, RelayOutboxJob, RetentionPurgeService, PurgeExpiredRecordsJob],
})
export class MaintenanceModule {}
