import { Module } from '@nestjs/common';
import { RelayOutboxJob } from './relay-outbox.job';
import { OutboxRelayService } from './services/outbox-relay.service';

/** Housekeeping: the outbox relay now, retention purges later. */
@Module({
  providers: [OutboxRelayService, RelayOutboxJob],
})
export class MaintenanceModule {}
