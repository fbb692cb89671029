import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomeRequestRepository } from './outcome-request.repository';
import { OutcomeSweepService } from './services/outcome-sweep.service';
import { SweepOutcomesJob } from './sweep-outcomes.job';
import { SweepTenantOutcomesJob } from './sweep-tenant-outcomes.job';

/** Outcomes (the outcomes queue): the sweep that opens measurement points, emails their single-use links and reminds once. */
@Module({
  imports: [NotificationsModule],
  providers: [OutcomeRequestRepository, OutcomeSweepService, SweepOutcomesJob, SweepTenantOutcomesJob],
})
export class OutcomesModule {}
