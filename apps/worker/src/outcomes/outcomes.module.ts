import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { BuildOutcomeReportJob } from './build-outcome-report.job';
import { OutcomeReportRepository } from './outcome-report.repository';
import { OutcomeReportRetentionRepository } from './outcome-report-retention.repository';
import { OutcomeRequestRepository } from './outcome-request.repository';
import { OutcomeRollupRepository } from './outcome-rollup.repository';
import { RefreshOutcomeRollupJob } from './refresh-outcome-rollup.job';
import { RefreshOutcomeRollupsJob } from './refresh-outcome-rollups.job';
import { RefreshTenantOutcomeRollupsJob } from './refresh-tenant-outcome-rollups.job';
import { OutcomeReportService } from './services/outcome-report.service';
import { OutcomeRollupService } from './services/outcome-rollup.service';
import { OutcomeSweepService } from './services/outcome-sweep.service';
import { SweepOutcomesJob } from './sweep-outcomes.job';
import { SweepTenantOutcomesJob } from './sweep-tenant-outcomes.job';

/**
 * Outcomes (the outcomes queue): the sweep that opens measurement points, emails their single-use
 * links and reminds once; each programme's rollup, recomputed as its rows change and nightly; and
 * outcome reports (the `reports` queue), built from the rollups as the dashboard reads them.
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
    OutcomeReportRepository,
    OutcomeReportService,
    BuildOutcomeReportJob,
    OutcomeReportRetentionRepository,
  ],
  exports: [OutcomeReportRetentionRepository],
})
export class OutcomesModule {}
