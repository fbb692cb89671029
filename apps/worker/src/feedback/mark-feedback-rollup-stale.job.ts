import { Injectable } from '@nestjs/common';
import { Jobs, type JobPayloadOf } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { FeedbackRollupRepository } from './feedback-rollup.repository';

/** A response arrived: its session's (and programme's) feedback aggregates are stale. */
@Injectable()
@JobHandler(Jobs.markFeedbackRollupStale)
export class MarkFeedbackRollupStaleJob implements JobHandlerInstance<typeof Jobs.markFeedbackRollupStale> {
  constructor(private readonly rollups: FeedbackRollupRepository) {}

  async handle({ requestId }: JobPayloadOf<typeof Jobs.markFeedbackRollupStale>, { uow, tenantId }: TenantJobContext): Promise<{ marked: boolean }> {
    // A request deleted since (its session removed) has nothing left to mark: done, not failed.
    return { marked: await this.rollups.markStale(uow, tenantId, requestId) };
  }
}
