import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { FeedbackRequestRepository } from './feedback-request.repository';
import { FeedbackRollupRepository } from './feedback-rollup.repository';
import { MarkFeedbackRollupStaleJob } from './mark-feedback-rollup-stale.job';
import { FeedbackSweepService } from './services/feedback-sweep.service';
import { SweepFeedbackJob } from './sweep-feedback.job';
import { SweepTenantFeedbackJob } from './sweep-tenant-feedback.job';

/**
 * Feedback (the feedback queue): the sweep that opens a request for each delivered session, emails
 * its attendees' links and reminds them, and marking rollups stale as responses arrive.
 */
@Module({
  imports: [NotificationsModule],
  providers: [FeedbackRollupRepository, FeedbackRequestRepository, FeedbackSweepService, MarkFeedbackRollupStaleJob, SweepFeedbackJob, SweepTenantFeedbackJob],
})
export class FeedbackModule {}
