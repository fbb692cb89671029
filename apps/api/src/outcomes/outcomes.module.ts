import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OutcomeDashboardRepository } from './outcome-dashboard.repository';
import { OutcomeDashboardResolver } from './outcome-dashboard.resolver';
import { OutcomeDashboardService } from './outcome-dashboard.service';
import { OutcomeInstrumentRepository } from './outcome-instrument.repository';
import { OutcomeInstrumentResolver } from './outcome-instrument.resolver';
import { OutcomeInstrumentService } from './outcome-instrument.service';
import { OutcomePlanRepository } from './outcome-plan.repository';
import { OutcomePlanResolver } from './outcome-plan.resolver';
import { OutcomePlanService } from './outcome-plan.service';
import { OutcomeRollupRefreshService } from './outcome-rollup-refresh.service';

/**
 * Outcome measures: the instrument library (the platform's, organisations' own, licence
 * confirmations) and each programme's measurement plan. Rollups are the worker's; the dashboards read them
 * (`OutcomeDashboardService`), and `OutcomeRollupRefreshService` asks for a recompute.
 */
@Module({
  imports: [AuditModule, NotificationsModule, FeedbackModule],
  providers: [
    OutcomeInstrumentRepository,
    OutcomeInstrumentService,
    OutcomeInstrumentResolver,
    OutcomePlanRepository,
    OutcomePlanService,
    OutcomePlanResolver,
    OutcomeRollupRefreshService,
    OutcomeDashboardRepository,
    OutcomeDashboardService,
    OutcomeDashboardResolver,
  ],
  exports: [OutcomePlanService, OutcomeRollupRefreshService],
})
export class OutcomesModule {}
