import { Injectable } from '@nestjs/common';
import { Jobs, type JobPayloadOf } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { OutcomeReportService, type OutcomeReportOutcome } from './services/outcome-report.service';

/** An outcome report was asked for (or the sweep found one waiting): build its PDF and CSV. */
@Injectable()
@JobHandler(Jobs.buildOutcomeReport)
export class BuildOutcomeReportJob implements JobHandlerInstance<typeof Jobs.buildOutcomeReport> {
  constructor(private readonly reports: OutcomeReportService) {}

  handle({ reportId }: JobPayloadOf<typeof Jobs.buildOutcomeReport>, context: TenantJobContext): Promise<OutcomeReportOutcome> {
    return this.reports.build(context, reportId);
  }
}
