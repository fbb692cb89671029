import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { FeedbackLinkController } from './feedback-link.controller';
import { FeedbackLinkRepository } from './feedback-link.repository';
import { FeedbackResultsRepository } from './feedback-results.repository';
import { FeedbackResultsResolver } from './feedback-results.resolver';
import { FeedbackResultsService } from './feedback-results.service';
import { FeedbackSubmissionService } from './feedback-submission.service';
import { FeedbackToGiveRepository } from './feedback-to-give.repository';
import { FeedbackToGiveResolver } from './feedback-to-give.resolver';
import { FeedbackToGiveService } from './feedback-to-give.service';

/**
 * Anonymous post-session feedback: the feedback page's public calls (a single-use link, no
 * sign-in), a participant's sessions still to answer, and the results facilitators and org admins see through the suppression rule.
 */
@Module({
  imports: [NotificationsModule],
  controllers: [FeedbackLinkController],
  providers: [
    FeedbackLinkRepository,
    FeedbackSubmissionService,
    FeedbackResultsRepository,
    FeedbackResultsService,
    FeedbackResultsResolver,
    FeedbackToGiveRepository,
    FeedbackToGiveService,
    FeedbackToGiveResolver,
  ],
  // The outcomes dashboards show a programme's feedback as this context decides it (one channel).
  exports: [FeedbackResultsService],
})
export class FeedbackModule {}
