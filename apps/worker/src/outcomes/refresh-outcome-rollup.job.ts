import { Injectable } from '@nestjs/common';
import { Jobs, type JobPayloadOf } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { OutcomeRollupService } from './services/outcome-rollup.service';

/** A programme's measurements or sessions changed (or the night came): recompute its rollup. */
@Injectable()
@JobHandler(Jobs.refreshOutcomeRollup)
export class RefreshOutcomeRollupJob implements JobHandlerInstance<typeof Jobs.refreshOutcomeRollup> {
  constructor(private readonly rollups: OutcomeRollupService) {}

  async handle({ programmeId }: JobPayloadOf<typeof Jobs.refreshOutcomeRollup>, context: TenantJobContext): Promise<{ refreshed: boolean; measurements: number }> {
    // A programme deleted since, or another organisation's id: nothing to refresh, done (not failed).
    const figures = await this.rollups.refresh(context, programmeId);
    return { refreshed: figures !== null, measurements: figures?.measurements ?? 0 };
  }
}
