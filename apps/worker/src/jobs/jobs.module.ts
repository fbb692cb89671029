import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { jobCatalogue, JobCatalogue, JobQueues } from '@lena/jobs';
import { WORKER_CONFIG } from '../config/config.module';
import type { WorkerConfig } from '../config/worker-config';
import { JobRunner } from './job-runner.service';

/** The queues (to enqueue) and the runner (to process), shared by every bounded context. */
@Global()
@Module({})
export class JobsModule implements OnApplicationShutdown {
  constructor(@Inject(JobQueues) private readonly jobQueues: JobQueues) {}

  /** `catalogue`: the jobs to run, each needing one handler; every declared job unless a test adds its own. */
  static forRoot(catalogue: JobCatalogue = jobCatalogue): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: JobCatalogue, useValue: catalogue },
        {
          provide: JobQueues,
          inject: [WORKER_CONFIG],
          useFactory: (config: WorkerConfig) =>
            new JobQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix, retry: config.retry, outcomeRollupDelayMs: config.outcomeRollupDelayMs, catalogue }),
        },
        JobRunner,
      ],
      exports: [JobQueues, JobCatalogue],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.jobQueues.close();
  }
}
