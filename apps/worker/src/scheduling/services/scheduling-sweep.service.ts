import { Injectable, Logger } from '@nestjs/common';
import { JobQueues } from '@lena/jobs';
import { DataSource } from 'typeorm';
import type { TenantJobContext } from '../../jobs/job-handler';
import { inPlatformTransaction } from '../../jobs/platform-transaction';
import { ReminderRepository } from '../reminder.repository';
import { SeriesRepository } from '../series.repository';
import { ReminderSendingService } from './reminder-sending.service';
import { SessionCalendarService } from './session-calendar.service';

/** Expansions handed over per organisation and sweep; the next sweep takes the rest. */
const EXPANSIONS_PER_SWEEP = 500;

export interface TenantSweepOutcome {
  expansions: number;
  /** Changed or cancelled sessions whose calendar update went out. */
  calendarUpdates: number;
  reminders: number;
  emails: number;
}

/**
 * The scheduling safety net, derived from the database and safe on any number of replicas. Every
 * minute the platform sweep gives each active organisation a sweep of its own (a platform job
 * sees no programme or session: row-level security). That tenant sweep enqueues the expansion of
 * each accepted programme still waiting for its sessions (the job id the API's fast path uses, so
 * one already queued is not queued twice), emails the calendar update of every changed or
 * cancelled session, and sends the reminders that have fallen due. A flushed
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
    const sent = await this.reminderSending.sendDue(context);
    return { expansions: waiting.length, calendarUpdates, ...sent };
  }
}
