import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EmailComposer } from './email-composer.service';
import { EmailDetailsRepository } from './email-details.repository';
import { FailedMessageResolver } from './failed-message.resolver';
import { FailedMessageService } from './failed-message.service';
import { JOB_QUEUES, jobQueuesProvider, type ApiJobQueues } from './job-queues.provider';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { QueueHealthResolver } from './queue-health.resolver';
import { QueueHealthService } from './queue-health.service';
import { WorkerNudgeService } from './worker-nudge.service';

/** The outbox, the job queues that deliver it and nudge the worker, their health and the dead letters. */
@Module({
  imports: [AuditModule],
  providers: [
    jobQueuesProvider,
    OutboxRepository,
    OutboxService,
    EmailDetailsRepository,
    EmailComposer,
    FailedMessageService,
    FailedMessageResolver,
    QueueHealthService,
    QueueHealthResolver,
    WorkerNudgeService,
  ],
  exports: [OutboxService, EmailComposer, WorkerNudgeService],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(JOB_QUEUES) private readonly queues: ApiJobQueues) {}

  async onApplicationShutdown(): Promise<void> {
    await this.queues.close();
  }
}
