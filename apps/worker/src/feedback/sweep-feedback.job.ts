import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance, PlatformJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { FeedbackSweepService } from './services/feedback-sweep.service';

/** Every minute (a job scheduler upserted at start) and on demand. */
@Injectable()
@JobHandler(Jobs.sweepFeedback)
export class SweepFeedbackJob implements JobHandlerInstance<typeof Jobs.sweepFeedback> {
  constructor(private readonly sweeper: FeedbackSweepService) {}

  handle(_payload: unknown, { job }: PlatformJobContext): Promise<{ organisations: number }> {
    return this.sweeper.sweep(job.id ?? `sweep-${job.timestamp}`);
  }
}
