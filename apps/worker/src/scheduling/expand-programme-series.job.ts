import { Injectable } from '@nestjs/common';
import { Jobs, type JobPayloadOf } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { SeriesExpansionService, type ExpansionOutcome } from './services/series-expansion.service';

@Injectable()
@JobHandler(Jobs.expandProgrammeSeries)
export class ExpandProgrammeSeriesJob implements JobHandlerInstance<typeof Jobs.expandProgrammeSeries> {
  constructor(private readonly expansion: SeriesExpansionService) {}

  handle({ programmeId }: JobPayloadOf<typeof Jobs.expandProgrammeSeries>, context: TenantJobContext): Promise<ExpansionOutcome> {
    return this.expansion.expand(programmeId, context);
  }
}
