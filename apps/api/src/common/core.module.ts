import { Global, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AfterResponseWork } from './after-response-work';
import { dataSourceProvider, redisProvider } from './database.providers';

/** Connections every context shares: PostgreSQL (as the app role) and Redis. The job queues are notifications'. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  static forConfig(config: AppConfig) {
    return {
      module: CoreModule,
      providers: [{ provide: APP_CONFIG, useValue: config }, dataSourceProvider, redisProvider, AfterResponseWork],
      exports: [APP_CONFIG, DataSource, Redis, AfterResponseWork],
    };
  }

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
    await this.dataSource.destroy();
  }
}
