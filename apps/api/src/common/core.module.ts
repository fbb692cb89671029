import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { JOB_QUEUES, jobQueuesProvider, type ApiJobQueues } from '../notifications/job-queues.provider';
import { AfterResponseWork } from './after-response-work';
import { dataSourceProvider, redisProvider } from './database.providers';

/** Connections every context shares: PostgreSQL (as the app role), Redis and the job queues. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  static forConfig(config: AppConfig) {
    return {
      module: CoreModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, dataSourceProvider, redisProvider, jobQueuesProvider, AfterResponseWork],
      exports: [APP_CONFIG, DataSource, Redis, JOB_QUEUES, AfterResponseWork],
    };
  }

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: Redis,
    @Inject(JOB_QUEUES) private readonly queues: ApiJobQueues,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
    this.redis.disconnect();
    await this.dataSource.destroy();
  }
}
