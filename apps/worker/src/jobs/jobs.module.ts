import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueues } from '@lena/jobs';
import { WORKER_CONFIG } from '../config/config.module';
import type { WorkerConfig } from '../config/worker-config';
import { JobRunner } from './job-runner.service';

/** The queues (to enqueue) and the runner (to process), shared by every bounded context. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: JobQueues,
      inject: [WORKER_CONFIG],
      useFactory: (config: WorkerConfig) =>
        new JobQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix, retry: config.retry }),
    },
    JobRunner,
  ],
  exports: [JobQueues],
})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(JobQueues) private readonly jobQueues: JobQueues) {}

  async onApplicationShutdown(): Promise<void> {
    await this.jobQueues.close();
  }
}
