import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { OutcomeRollupService } from './services/outcome-rollup.service';

@Injectable()
@JobHandler(Jobs.refreshTenantOutcomeRollups)
export class RefreshTenantOutcomeRollupsJob implements JobHandlerInstance<typeof Jobs.refreshTenantOutcomeRollups> {
  constructor(private readonly rollups: OutcomeRollupService) {}

  handle(_payload: unknown, context: TenantJobContext): Promise<{ programmes: number }> {
    return this.rollups.refreshTenant(context);
  }
}
