import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance, PlatformJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { OutcomeSweepService } from './services/outcome-sweep.service';

/** Every five minutes (a job scheduler upserted at start). */
@Injectable()
@JobHandler(Jobs.sweepOutcomes)
export class SweepOutcomesJob implements JobHandlerInstance<typeof Jobs.sweepOutcomes> {
  constructor(private readonly sweeper: OutcomeSweepService) {}

  handle(_payload: unknown, { job }: PlatformJobContext): Promise<{ organisations: number }> {
    return this.sweeper.sweep(job.id ?? `sweep-${job.timestamp}`);
  }
}
