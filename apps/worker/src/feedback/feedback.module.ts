import { Module } from '@nestjs/common';
import { FeedbackRollupRepository } from './feedback-rollup.repository';
import { MarkFeedbackRollupStaleJob } from './mark-feedback-rollup-stale.job';

/**
 * Feedback (the feedback queue): marking rollups stale as responses arrive. Opening a request when
 * a session is delivered, emailing its links, reminding and closing join here once the delivery
 * context marks sessions delivered.
 */
@Module({
  providers: [FeedbackRollupRepository, MarkFeedbackRollupStaleJob],
})
export class FeedbackModule {}
