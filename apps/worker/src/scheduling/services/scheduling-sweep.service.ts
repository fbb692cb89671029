import { Injectable, Logger } from '@nestjs/common';
import { assertProgrammeTransition, ProgrammeAction, ProgrammeStatus, SYSTEM_ACTOR } from '@lena/domain';
import { JobQueues } from '@lena/jobs';
import { DataSource } from 'typeorm';
import { SessionDeliveryRepository } from '../../delivery/session-delivery.repository';
import type { TenantJobContext } from '../../jobs/job-handler';
import { inPlatformTransaction } from '../../jobs/platform-transaction';
import { ProgrammeProgressRepository } from '../programme-progress.repository';
import { ReminderRepository } from '../reminder.repository';
import { SeriesRepository } from '../series.repository';
import { EnrolmentInvitationService } from './enrolment-invitation.service';
import { ReminderSendingService } from './reminder-sending.service';
import { SessionCalendarService } from './session-calendar.service';

/** Where the lifecycle (in the domain) lets the system take a programme on each step. */
const SYSTEM_STEP = {
  ACTIVATE: assertProgrammeTransition(ProgrammeStatus.ACCEPTED, ProgrammeAction.ACTIVATE, SYSTEM_ACTOR),
  COMPLETE: assertProgrammeTransition(ProgrammeStatus.ACTIVE, ProgrammeAction.COMPLETE, SYSTEM_ACTOR),
};

/** Expansions handed over per organisation and sweep; the next sweep takes the rest. */
const EXPANSIONS_PER_SWEEP = 500;

export interface TenantSweepOutcome {
  expansions: number;
  /** Changed or cancelled sessions whose calendar update went out. */
  calendarUpdates: number;
  /** Invitations sent to people enrolled after their programme's sessions were written. */
  invitations: number;
  reminders: number;
  emails: number;
  /** Sessions that ended without being completed, now delivered. */
  delivered: number;
  /** Programmes that became active (their first session began) or completed (their last ended). */
  activated: number;
  completed: number;
}

/**
 * The scheduling safety net, derived from the database and safe on any number of replicas. Every
 * minute the platform sweep gives each active organisation a sweep of its own (a platform job
 * sees no programme or session: row-level security). That tenant sweep enqueues the expansion of
 * each accepted programme still waiting for its sessions (the job id the API's fast path uses, so
 * one already queued is not queued twice), emails the calendar update of every changed or
 * cancelled session, invites people enrolled since the sessions were written, sends the reminders
 * that have fallen due, delivers the sessions that ended without being completed, and moves programmes on: active
 * once their first session has begun, completed once their last has ended. A flushed
 * Redis loses nothing: the rows are still there at the next sweep.
 */
@Injectable()
export class SchedulingSweepService {
  private readonly logger = new Logger(SchedulingSweepService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly series: SeriesRepository,
    private readonly reminders: ReminderRepository,
    private readonly reminderSending: ReminderSendingService,
    private readonly sessionCalendars: SessionCalendarService,
    private readonly progress: ProgrammeProgressRepository,
    private readonly enrolmentInvitations: EnrolmentInvitationService,
    private readonly delivery: SessionDeliveryRepository,
    private readonly jobQueues: JobQueues,
  ) {}

  /** `sweepJobId`: the sweep job's own id, which names the tenant sweeps it adds. */
  async sweep(sweepJobId: string): Promise<{ organisations: number }> {
    const tenantIds = await inPlatformTransaction(this.dataSource, (uow) => this.reminders.activeTenantIds(uow), this.logger);
    await this.jobQueues.enqueueTenantSchedulingSweeps(tenantIds, sweepJobId);
    return { organisations: tenantIds.length };
  }

  async sweepTenant(context: Pick<TenantJobContext, 'uow' | 'tenantId'>): Promise<TenantSweepOutcome> {
    const waiting = await this.series.awaitingExpansion(context.uow, context.tenantId, EXPANSIONS_PER_SWEEP);
    await this.jobQueues.enqueueProgrammeExpansions(waiting.map((programmeId) => ({ tenantId: context.tenantId, programmeId })));
    // Changes first: a reminder read after them names the session's new time.
    const calendarUpdates = await this.sessionCalendars.sendChanges(context);
    const invitations = await this.enrolmentInvitations.sendDue(context);
    const sent = await this.reminderSending.sendDue(context);
    // Sessions whose end has passed without completion are delivered (feedback opens for them).
    const delivered = await this.delivery.deliverEnded(context.uow, context.tenantId);
    // Activation first: a programme whose sessions have all been held since the last sweep is activated, then completed.
    const activated = await this.progress.advance(context.uow, context.tenantId, 'ACTIVATE', ProgrammeStatus.ACCEPTED, SYSTEM_STEP.ACTIVATE);
    const completed = await this.progress.advance(context.uow, context.tenantId, 'COMPLETE', ProgrammeStatus.ACTIVE, SYSTEM_STEP.COMPLETE);
    return { expansions: waiting.length, calendarUpdates, invitations, ...sent, delivered: delivered.length, activated: activated.length, completed: completed.length };
  }
}
