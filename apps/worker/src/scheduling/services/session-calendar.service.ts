import { Inject, Injectable } from '@nestjs/common';
import { WORKER_CONFIG } from '../../config/config.module';
import type { WorkerConfig } from '../../config/worker-config';
import type { TenantJobContext } from '../../jobs/job-handler';
import { OutboxEmailService } from '../../notifications/services/outbox-email.service';
import { organizerFrom, sessionChangeEmail } from '../scheduling-emails';
import { SeriesRepository } from '../series.repository';
import { SessionCalendarRepository } from '../session-calendar.repository';

/** Changed sessions claimed per statement; a job keeps claiming until none are left. */
const CHANGES_BATCH = 200;

/**
 * Tells everyone's calendar about changed sessions: a moved session is sent again (METHOD
 * REQUEST, same UID, the raised SEQUENCE), a cancelled one is cancelled (METHOD CANCEL). The
 * emails go to the outbox in the transaction that records them sent, so each change is sent once.
 */
@Injectable()
export class SessionCalendarService {
  constructor(
    private readonly calendars: SessionCalendarRepository,
    private readonly series: SeriesRepository,
    private readonly emails: OutboxEmailService,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async sendChanges({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>): Promise<number> {
    const organizer = organizerFrom(this.config.mailFrom);
    let sessions = 0;
    for (;;) {
      const changed = await this.calendars.claimChanged(uow, tenantId, CHANGES_BATCH);
      if (changed.length === 0) break;
      const recipients = await this.series.recipients(uow, tenantId, [...new Set(changed.map((session) => session.programmeId))]);
      const now = new Date();
      const messages = changed.flatMap((session) =>
        recipients.filter((recipient) => recipient.programmeId === session.programmeId).map((recipient) => sessionChangeEmail({ session, recipient, organizer, now })),
      );
      await this.emails.queueEmails(uow, tenantId, messages);
      await this.calendars.markSent(uow, tenantId, changed);
      sessions += changed.length;
      if (changed.length < CHANGES_BATCH) break;
    }
    return sessions;
  }
}
