import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from './config/config.module';
import type { WorkerConfig } from './config/worker-config';
import { DatabaseModule } from './database/database.module';
import { FeedbackModule } from './feedback/feedback.module';
import { JobsModule } from './jobs/jobs.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OutcomesModule } from './outcomes/outcomes.module';
import { SchedulingModule } from './scheduling/scheduling.module';

@Module({})
export class WorkerModule {
  static forRoot(config: WorkerConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule, JobsModule.forRoot(), NotificationsModule, MaintenanceModule, SchedulingModule, FeedbackModule, OutcomesModule],
    };
  }
}
