import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, storedSeriesSessions, type ProgrammeStatus, type ScheduledSession } from '@lena/domain';
import { UnrecoverableError } from 'bullmq';
import { WORKER_CONFIG } from '../../config/config.module';
import type { WorkerConfig } from '../../config/worker-config';
import type { TenantJobContext } from '../../jobs/job-handler';
import { OutboxEmailService } from '../../notifications/services/outbox-email.service';
import { organizerFrom, seriesInvitationEmail } from '../scheduling-emails';
import { SeriesRepository, type ProgrammeToExpand } from '../series.repository';

export type ExpansionOutcome =
  { outcome: 'expanded'; sessions: number; invited: number } | { outcome: 'already-expanded' } | { outcome: 'not-accepted'; status: ProgrammeStatus } | { outcome: 'not-found' };

/**
 * Expands an accepted programme's series into its group sessions, in the job's tenant transaction:
 * the programme is claimed (marked expanded, its row locked), the sessions are written (reminders
 * planned by the table's trigger) and everyone invited, or nothing at all. Running it
 * again, or on two workers at once, finds the programme expanded and does nothing.
 *
 * The programme stays ACCEPTED: by the lifecycle it becomes ACTIVE when its first session begins.
 *
 * Round trips are most of its cost: the claim travels with BEGIN (and reads who to invite), and
 * when there is nobody to invite the sessions travel with COMMIT, so such a job is two round trips.
 */
@Injectable()
export class SeriesExpansionService {
  private readonly logger = new Logger(SeriesExpansionService.name);

  constructor(
    private readonly series: SeriesRepository,
    private readonly emails: OutboxEmailService,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async expand(programmeId: string, { uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>): Promise<ExpansionOutcome> {
    const programme = await this.series.claimForExpansion(uow, tenantId, programmeId);
    if (!programme) {
      const state = await this.series.expansionState(uow, tenantId, programmeId);
      if (!state) return { outcome: 'not-found' };
      return state.expanded ? { outcome: 'already-expanded' } : { outcome: 'not-accepted', status: state.status };
    }

    const sessions = this.sessionsOf(programme);
    const { recipients } = programme;
    if (recipients.length === 0) {
      // Nobody to invite yet (enrolment usually follows acceptance): nothing reads the sessions
      // back, so they travel with the commit, one round trip fewer.
      this.series.insertSessionsWithCommit(uow, tenantId, programmeId, sessions);
      return { outcome: 'expanded', sessions: sessions.length, invited: 0 };
    }
    await this.series.insertSessions(uow, tenantId, programmeId, sessions);
    const stored = await this.series.scheduledSessions(uow, tenantId, programmeId);
    const organizer = organizerFrom(this.config.mailFrom);
    const now = new Date();
    const invited = await this.emails.queueEmails(
      uow,
      tenantId,
      recipients.map((recipient) => seriesInvitationEmail({ programme, sessions: stored, recipient, organizer, now })),
    );
    // Those enrolled now are invited; anyone enrolled from here on is the sweep's to invite.
    await this.series.markInvited(
      uow,
      tenantId,
      programmeId,
      recipients.map((recipient) => recipient.userId),
    );
    return { outcome: 'expanded', sessions: sessions.length, invited };
  }

  private sessionsOf(programme: ProgrammeToExpand): ScheduledSession[] {
    if (!programme.rrule || !programme.startLocal) {
      throw new UnrecoverableError(`Programme ${programme.id} was accepted without a repeat rule and start: nothing to expand.`);
    }
    try {
      return storedSeriesSessions({
        rrule: programme.rrule,
        startLocal: programme.startLocal,
        startSlots: programme.startSlots,
        timeZone: programme.timeZone,
        sessionMinutes: programme.sessionMinutes,
        sessionCount: programme.sessionCount,
      });
    } catch (error) {
      // A stored series the domain refuses will be refused on every retry too.
      if (error instanceof DomainError) {
        this.logger.error(`Programme ${programme.id} has a series that cannot be expanded: ${error.message}`);
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  }
}
