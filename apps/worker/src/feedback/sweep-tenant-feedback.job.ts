import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { FeedbackSweepService, type TenantFeedbackSweepOutcome } from './services/feedback-sweep.service';

@Injectable()
@JobHandler(Jobs.sweepTenantFeedback)
export class SweepTenantFeedbackJob implements JobHandlerInstance<typeof Jobs.sweepTenantFeedback> {
  constructor(private readonly sweeper: FeedbackSweepService) {}

  handle(_payload: unknown, context: TenantJobContext): Promise<TenantFeedbackSweepOutcome> {
    return this.sweeper.sweepTenant(context);
  }
}
