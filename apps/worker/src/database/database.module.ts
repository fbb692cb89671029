import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createDataSource } from '@lena/database';
import { DataSource } from 'typeorm';
import { WORKER_CONFIG } from '../config/config.module';
import type { WorkerConfig } from '../config/worker-config';

/** One pool, as the application role, shared by every job handler. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [WORKER_CONFIG],
      useFactory: async (config: WorkerConfig) => {
        const dataSource = createDataSource({
          url: config.databaseUrl,
          // Each delivery holds a connection while it talks to SMTP; leave room for the relay.
          poolSize: config.notificationsConcurrency + 2,
          applicationName: 'lena-worker',
        });
        return dataSource.initialize();
      },
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Runs after every worker has finished its jobs (they close in beforeApplicationShutdown). */
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
