import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomeRequestRepository } from './outcome-request.repository';
import { OutcomeRollupRepository } from './outcome-rollup.repository';
import { RefreshOutcomeRollupJob } from './refresh-outcome-rollup.job';
import { RefreshOutcomeRollupsJob } from './refresh-outcome-rollups.job';
import { RefreshTenantOutcomeRollupsJob } from './refresh-tenant-outcome-rollups.job';
import { OutcomeRollupService } from './services/outcome-rollup.service';
import { OutcomeSweepService } from './services/outcome-sweep.service';
import { SweepOutcomesJob } from './sweep-outcomes.job';
import { SweepTenantOutcomesJob } from './sweep-tenant-outcomes.job';

/**
 * Outcomes (the outcomes queue): the sweep that opens measurement points, emails their single-use
 * links and reminds once; and each programme's rollup, recomputed as its rows change and nightly.
 */
@Module({
  imports: [NotificationsModule],
  providers: [
    OutcomeRequestRepository,
    OutcomeSweepService,
    SweepOutcomesJob,
    SweepTenantOutcomesJob,
    OutcomeRollupRepository,
    OutcomeRollupService,
    RefreshOutcomeRollupJob,
    RefreshTenantOutcomeRollupsJob,
    RefreshOutcomeRollupsJob,
  ],
})
export class OutcomesModule {}
