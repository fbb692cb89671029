import { Injectable } from '@nestjs/common';
import { Jobs, type JobPayloadOf } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { FeedbackPublicationService, type PublicationOutcome } from './services/feedback-publication.service';

/** A response arrived: publish its session's results if the domain's rule says they are due. */
@Injectable()
@JobHandler(Jobs.publishFeedbackResults)
export class PublishFeedbackResultsJob implements JobHandlerInstance<typeof Jobs.publishFeedbackResults> {
  constructor(private readonly publication: FeedbackPublicationService) {}

  handle({ requestId }: JobPayloadOf<typeof Jobs.publishFeedbackResults>, { uow, tenantId }: TenantJobContext): Promise<PublicationOutcome> {
    // A request deleted since (its session removed) has nothing to publish: done, not failed.
    return this.publication.publish(uow, tenantId, requestId);
  }
}
