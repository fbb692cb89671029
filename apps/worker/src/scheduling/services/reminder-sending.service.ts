import { Injectable } from '@nestjs/common';
import type { TenantJobContext } from '../../jobs/job-handler';
import { OutboxEmailService } from '../../notifications/services/outbox-email.service';
import { ReminderRepository } from '../reminder.repository';
import { sessionReminderEmail } from '../scheduling-emails';
import { SeriesRepository } from '../series.repository';

/** Reminders claimed per statement; a job keeps claiming until none are due. */
export const REMINDER_BATCH = 500;

/**
 * Sends an organisation's due reminders: each claimed reminder's emails (one per enrolled
 * participant and assigned facilitator) are written to the outbox in the same transaction that
 * marks it sent. If the job dies before it commits, neither happened and the next run sends it;
 * once it commits, the reminder is never claimed again.
 */
@Injectable()
export class ReminderSendingService {
  constructor(
    private readonly reminders: ReminderRepository,
    private readonly series: SeriesRepository,
    private readonly emails: OutboxEmailService,
  ) {}

  async sendDue({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>, batch: number = REMINDER_BATCH): Promise<{ reminders: number; emails: number }> {
    let reminders = 0;
    let emails = 0;
    for (;;) {
      const due = await this.reminders.claimDue(uow, tenantId, batch);
      if (due.length === 0) break;
      const recipients = await this.series.recipients(uow, tenantId, [...new Set(due.map((reminder) => reminder.programmeId))]);
      const messages = due.flatMap((reminder) =>
        recipients.filter((recipient) => recipient.programmeId === reminder.programmeId).map((recipient) => sessionReminderEmail(reminder, recipient)),
      );
      emails += await this.emails.queueEmails(uow, tenantId, messages);
      await this.reminders.markSent(uow, tenantId, due);
      reminders += due.length;
      if (due.length < batch) break;
    }
    return { reminders, emails };
  }
}
