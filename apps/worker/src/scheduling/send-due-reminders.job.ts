import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance, TenantJobContext } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { ReminderSendingService } from './services/reminder-sending.service';

@Injectable()
@JobHandler(Jobs.sendDueReminders)
export class SendDueRemindersJob implements JobHandlerInstance<typeof Jobs.sendDueReminders> {
  constructor(private readonly reminders: ReminderSendingService) {}

  handle(_payload: unknown, context: TenantJobContext): Promise<{ reminders: number; emails: number }> {
    return this.reminders.sendDue(context);
  }
}
