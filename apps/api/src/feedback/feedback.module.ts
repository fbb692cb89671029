import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { FeedbackLinkController } from './feedback-link.controller';
import { FeedbackLinkRepository } from './feedback-link.repository';
import { FeedbackResultsRepository } from './feedback-results.repository';
import { FeedbackResultsResolver } from './feedback-results.resolver';
import { FeedbackResultsService } from './feedback-results.service';
import { FeedbackSubmissionService } from './feedback-submission.service';

/**
 * Anonymous post-session feedback: the feedback page's public calls (a single-use link, no
 * sign-in) and the results facilitators and org admins see through the suppression rule.
 */
@Module({
  imports: [NotificationsModule],
  controllers: [FeedbackLinkController],
  providers: [FeedbackLinkRepository, FeedbackSubmissionService, FeedbackResultsRepository, FeedbackResultsService, FeedbackResultsResolver],
})
export class FeedbackModule {}
