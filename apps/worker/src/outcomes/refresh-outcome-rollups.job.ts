import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance, PlatformJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { OutcomeRollupService } from './services/outcome-rollup.service';

/** Nightly (a job scheduler upserted at start): every programme's rollup recomputed. */
@Injectable()
@JobHandler(Jobs.refreshOutcomeRollups)
export class RefreshOutcomeRollupsJob implements JobHandlerInstance<typeof Jobs.refreshOutcomeRollups> {
  constructor(private readonly rollups: OutcomeRollupService) {}

  handle(_payload: unknown, { job }: PlatformJobContext): Promise<{ organisations: number }> {
    return this.rollups.refreshAll(job.id ?? `refresh-outcome-rollups-${job.timestamp}`);
  }
}
