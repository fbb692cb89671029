import { Injectable } from '@nestjs/common';
import { JobQueues, Jobs } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { OutcomeReportRepository } from './outcome-report.repository';
import { OutcomeSweepService, type TenantOutcomeSweepOutcome } from './services/outcome-sweep.service';

@Injectable()
@JobHandler(Jobs.sweepTenantOutcomes)
export class SweepTenantOutcomesJob implements JobHandlerInstance<typeof Jobs.sweepTenantOutcomes> {
  constructor(
    private readonly sweeper: OutcomeSweepService,
    private readonly reports: OutcomeReportRepository,
    private readonly jobQueues: JobQueues,
  ) {}

  async handle(_payload: unknown, context: TenantJobContext): Promise<TenantOutcomeSweepOutcome & { reports: number }> {
    const outcome = await this.sweeper.sweepTenant(context);
    // The safety net for a lost nudge: a report asked for and not built is enqueued again (same job id, so never twice).
    const waiting = await this.reports.waiting(context.uow, context.tenantId);
    await this.jobQueues.enqueueOutcomeReports(waiting.map((reportId) => ({ tenantId: context.tenantId, reportId })));
    return { ...outcome, reports: waiting.length };
  }
}
