import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { OutcomeSweepService, type TenantOutcomeSweepOutcome } from './services/outcome-sweep.service';

@Injectable()
@JobHandler(Jobs.sweepTenantOutcomes)
export class SweepTenantOutcomesJob implements JobHandlerInstance<typeof Jobs.sweepTenantOutcomes> {
  constructor(private readonly sweeper: OutcomeSweepService) {}

  handle(_payload: unknown, context: TenantJobContext): Promise<TenantOutcomeSweepOutcome> {
    return this.sweeper.sweepTenant(context);
  }
}
