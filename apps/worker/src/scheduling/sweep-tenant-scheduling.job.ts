import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { SchedulingSweepService, type TenantSweepOutcome } from './services/scheduling-sweep.service';

@Injectable()
@JobHandler(Jobs.sweepTenantScheduling)
export class SweepTenantSchedulingJob implements JobHandlerInstance<typeof Jobs.sweepTenantScheduling> {
  constructor(private readonly sweeper: SchedulingSweepService) {}

  handle(_payload: unknown, context: TenantJobContext): Promise<TenantSweepOutcome> {
    return this.sweeper.sweepTenant(context);
  }
}
