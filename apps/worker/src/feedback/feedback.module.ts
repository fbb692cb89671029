import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { FeedbackRequestRepository } from './feedback-request.repository';
import { FeedbackPublicationRepository } from './feedback-publication.repository';
import { PublishFeedbackResultsJob } from './publish-feedback-results.job';
import { FeedbackPublicationService } from './services/feedback-publication.service';
import { FeedbackSweepService } from './services/feedback-sweep.service';
import { SweepFeedbackJob } from './sweep-feedback.job';
import { SweepTenantFeedbackJob } from './sweep-tenant-feedback.job';

/**
 * Feedback (the feedback queue): the sweep that opens a request for each delivered session, emails
 * its attendees' links and reminds them, and publishing each session's results snapshot as responses arrive (only when the domain's rule says so).
 */
@Module({
  imports: [NotificationsModule],
  providers: [
    FeedbackPublicationRepository,
    FeedbackPublicationService,
    FeedbackRequestRepository,
    FeedbackSweepService,
    PublishFeedbackResultsJob,
    SweepFeedbackJob,
    SweepTenantFeedbackJob,
  ],
})
export class FeedbackModule {}
