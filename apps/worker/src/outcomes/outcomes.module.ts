import { Module } from '@nestjs/common';
import { OutcomeRollupRepository } from './outcome-rollup.repository';
import { RefreshOutcomeRollupJob } from './refresh-outcome-rollup.job';
import { RefreshOutcomeRollupsJob } from './refresh-outcome-rollups.job';
import { RefreshTenantOutcomeRollupsJob } from './refresh-tenant-outcome-rollups.job';
import { OutcomeRollupService } from './services/outcome-rollup.service';

/** Outcomes (the outcomes queue): each programme's rollup, recomputed as its rows change and nightly. */
@Module({
  providers: [OutcomeRollupRepository, OutcomeRollupService, RefreshOutcomeRollupJob, RefreshTenantOutcomeRollupsJob, RefreshOutcomeRollupsJob],
})
export class OutcomesModule {}
