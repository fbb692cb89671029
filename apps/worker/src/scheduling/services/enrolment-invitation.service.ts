import { Inject, Injectable } from '@nestjs/common';
import { WORKER_CONFIG } from '../../config/config.module';
import type { WorkerConfig } from '../../config/worker-config';
import type { TenantJobContext } from '../../jobs/job-handler';
import { OutboxEmailService } from '../../notifications/services/outbox-email.service';
import { organizerFrom, seriesInvitationEmail } from '../scheduling-emails';
import { SeriesRepository } from '../series.repository';

/** Enrolments claimed per statement; a sweep keeps claiming until none are left. */
export const INVITATION_BATCH = 200;

/**
 * Invites people enrolled after their programme's sessions were written (the usual case: people
 * are enrolled once a proposal is accepted, and the worker writes the sessions at once). Each gets
 * the invitation to the sessions still to come, with its calendar file, queued in the outbox in the
 * transaction that marks their enrolment invited: never lost, never twice.
 */
@Injectable()
export class EnrolmentInvitationService {
  constructor(
    private readonly series: SeriesRepository,
    private readonly emails: OutboxEmailService,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async sendDue({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>, batch: number = INVITATION_BATCH): Promise<number> {
    let invited = 0;
    const organizer = organizerFrom(this.config.mailFrom);
    for (;;) {
      const claimed = await this.series.claimUninvited(uow, tenantId, batch);
      if (claimed.length === 0) break;
      const now = new Date();
      // Grouped by programme: its sessions are read, its emails queued and its enrolments marked once.
      const byProgramme = new Map<string, typeof claimed>();
      for (const enrolment of claimed) byProgramme.set(enrolment.id, [...(byProgramme.get(enrolment.id) ?? []), enrolment]);
      for (const [programmeId, joiners] of byProgramme) {
        const toCome = (await this.series.scheduledSessions(uow, tenantId, programmeId)).filter((session) => session.startsAt.getTime() > now.getTime());
        if (toCome.length > 0) {
          const messages = joiners
            .filter((joiner) => joiner.active)
            .map(({ recipient, active: _active, ...programme }) => seriesInvitationEmail({ programme, sessions: toCome, recipient, organizer, now }));
          invited += await this.emails.queueEmails(uow, tenantId, messages);
        }
        await this.series.markInvited(
          uow,
          tenantId,
          programmeId,
          joiners.map((joiner) => joiner.recipient.userId),
        );
      }
      if (claimed.length < batch) break;
    }
    return invited;
  }
}
