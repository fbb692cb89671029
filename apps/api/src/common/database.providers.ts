import { createDataSource } from '@lena/database';
import type { Provider } from '@nestjs/common';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** The application's pool, signed in as the role that row-level security binds. */
export const dataSourceProvider: Provider = {
  provide: DataSource,
  inject: [APP_CONFIG],
  useFactory: async (config: AppConfig) => {
    const dataSource = createDataSource({
      url: config.appDatabaseUrl,
      poolSize: config.databasePoolSize,
      applicationName: 'lena-api',
    });
    return dataSource.initialize();
  },
};

export const redisProvider: Provider = {
  provide: Redis,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => new Redis(config.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }),
};
