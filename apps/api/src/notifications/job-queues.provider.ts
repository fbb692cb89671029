import type { Provider } from '@nestjs/common';
import { JobQueues } from '@lena/jobs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const JOB_QUEUES = Symbol('JOB_QUEUES');

/** The part of the job queues the API uses: handing over outbox rows, accepted programmes, new enrolments, delivered sessions, stored feedback and outcome measures, and reading queue health. */
export type ApiJobQueues = Pick<
  JobQueues,
  | 'enqueueOutboxDelivery'
  | 'enqueueProgrammeExpansion'
  | 'enqueueTenantSchedulingSweeps'
  | 'enqueueTenantFeedbackSweep'
  | 'enqueueFeedbackPublication'
  | 'enqueueOutcomeRollupRefresh'
  | 'enqueueOutcomeReports'
  | 'readQueues'
  | 'close'
>;

export const jobQueuesProvider: Provider = {
  provide: JOB_QUEUES,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): ApiJobQueues =>
    new JobQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix, feedbackPublicationDelayMs: config.feedbackPublicationDelayMs }),
};
