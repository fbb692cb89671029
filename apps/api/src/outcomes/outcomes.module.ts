import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CrossTenantDashboardRepository } from './cross-tenant-dashboard.repository';
import { CrossTenantDashboardResolver } from './cross-tenant-dashboard.resolver';
import { CrossTenantDashboardService } from './cross-tenant-dashboard.service';
import { MyMeasuresRepository } from './my-measures.repository';
import { MyMeasuresResolver } from './my-measures.resolver';
import { MyMeasuresService } from './my-measures.service';
import { OutcomeDashboardRepository } from './outcome-dashboard.repository';
import { OutcomeDashboardResolver } from './outcome-dashboard.resolver';
import { OutcomeDashboardService } from './outcome-dashboard.service';
import { OutcomeInstrumentRepository } from './outcome-instrument.repository';
import { OutcomeInstrumentResolver } from './outcome-instrument.resolver';
import { OutcomeInstrumentService } from './outcome-instrument.service';
import { OutcomeLinkController } from './outcome-link.controller';
import { OutcomeLinkRepository } from './outcome-link.repository';
import { OutcomePairingRepository } from './outcome-pairing.repository';
import { OutcomeReportController } from './outcome-report.controller';
import { OutcomeReportRepository } from './outcome-report.repository';
import { OutcomeReportResolver } from './outcome-report.resolver';
import { OutcomeReportService } from './outcome-report.service';
import { OutcomePlanRepository } from './outcome-plan.repository';
import { OutcomePlanResolver } from './outcome-plan.resolver';
import { OutcomePlanService } from './outcome-plan.service';
import { OutcomeRollupRefreshService } from './outcome-rollup-refresh.service';
import { OutcomeSubmissionService } from './outcome-submission.service';

/**
 * Outcome measures: the instrument library (the platform's, organisations' own, licence
 * confirmations), each programme's measurement plan, the measures page's public calls (a
 * single-use link, no sign-in), a person's own scores ("My measures") and unpairing them.
 * Rollups are the worker's; the dashboards read them (`OutcomeDashboardService`; across
 * organisations, the facilitators' and platform admins' `CrossTenantDashboardService`), and
 * `OutcomeRollupRefreshService` asks for a recompute. Reports (PDF and CSV) are asked for here,
 * built by the worker and downloaded through `OutcomeReportController`.
 */
@Module({
  imports: [AuditModule, NotificationsModule, FeedbackModule],
  controllers: [OutcomeLinkController, OutcomeReportController],
  providers: [
    OutcomeInstrumentRepository,
    OutcomeInstrumentService,
    OutcomeInstrumentResolver,
    OutcomePlanRepository,
    OutcomePlanService,
    OutcomePlanResolver,
    OutcomeLinkRepository,
    OutcomePairingRepository,
    OutcomeSubmissionService,
    MyMeasuresRepository,
    MyMeasuresService,
    MyMeasuresResolver,
    OutcomeRollupRefreshService,
    OutcomeDashboardRepository,
    OutcomeDashboardService,
    OutcomeDashboardResolver,
    CrossTenantDashboardRepository,
    CrossTenantDashboardService,
    CrossTenantDashboardResolver,
    OutcomeReportRepository,
    OutcomeReportService,
    OutcomeReportResolver,
  ],
  exports: [OutcomePlanService, OutcomeRollupRefreshService],
})
export class OutcomesModule {}
