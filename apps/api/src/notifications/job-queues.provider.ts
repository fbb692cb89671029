import type { Provider } from '@nestjs/common';
import { JobQueues } from '@lena/jobs';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const JOB_QUEUES = Symbol('JOB_QUEUES');

/** The part of the job queues the API uses. */
export interface OutboxDeliveryQueue {
  enqueueOutboxDelivery(messageIds: string[]): Promise<void>;
  close(): Promise<void>;
}

export const jobQueuesProvider: Provider = {
  provide: JOB_QUEUES,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): OutboxDeliveryQueue => new JobQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix }),
};
