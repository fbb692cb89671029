import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance, PlatformJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { SchedulingSweepService } from './services/scheduling-sweep.service';

/** Every minute (a job scheduler upserted at start) and on demand. */
@Injectable()
@JobHandler(Jobs.sweepScheduling)
export class SweepSchedulingJob implements JobHandlerInstance<typeof Jobs.sweepScheduling> {
  constructor(private readonly sweeper: SchedulingSweepService) {}

  handle(_payload: unknown, { job }: PlatformJobContext): Promise<{ organisations: number }> {
    return this.sweeper.sweep(job.id ?? `sweep-${job.timestamp}`);
  }
}
