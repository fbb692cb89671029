import { Inject, Injectable, Logger } from '@nestjs/common';
import { askableInstruments, measurementsToOpen, measurementWindows, type MeasurementToOpen } from '@lena/domain';
import { JobQueues } from '@lena/jobs';
import { DataSource } from 'typeorm';
import { WORKER_CONFIG } from '../../config/config.module';
import type { WorkerConfig } from '../../config/worker-config';
import type { TenantJobContext } from '../../jobs/job-handler';
import { inPlatformTransaction } from '../../jobs/platform-transaction';
import { SingleUseLinkMailer } from '../../notifications/services/single-use-link-mailer.service';
import { measuresPageUrl, outcomeInvitationEmail, outcomeReminderEmail } from '../outcome-emails';
import { OutcomeRequestRepository } from '../outcome-request.repository';

/** Rows taken per statement; a sweep keeps taking until none are left. */
export const OUTCOMES_BATCH = 500;

export interface TenantOutcomeSweepOutcome {
  /** Measurement points opened (one request per programme and point). */
  opened: number;
  /** Links issued (each emailed once). */
  links: number;
  /** Reminders sent (each link reminded once, with a new secret). */
  reminders: number;
}

/**
 * The outcomes queue's sweep, derived from the database like the feedback sweep: every five
 * minutes each active organisation gets a sweep of its own, which opens each programme's
 * measurement point whose window (`measurementWindows` from its plan and the sessions not
 * cancelled) is open, issues each person enrolled a single-use link to it and emails it, and
 * reminds, once and halfway through the window, those whose link is unspent. A point is opened
 * only while its plan has an instrument that may be asked (`askableInstruments`: a licence the
 * organisation must confirm is never sent unconfirmed). Emails are written to the outbox in the
 * transaction that issues or rotates their links, and only for links that transaction wrote, so a
 * retry, a second worker or a flushed Redis never sends one twice. Secrets exist only in memory
 * and the sealed outbox body; payloads and logs carry ids and counts only.
 */
@Injectable()
export class OutcomeSweepService {
  private readonly logger = new Logger(OutcomeSweepService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: OutcomeRequestRepository,
    private readonly links: SingleUseLinkMailer,
    private readonly jobQueues: JobQueues,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  /** `sweepJobId`: the sweep job's own id, which names the tenant sweeps it adds. */
  async sweep(sweepJobId: string): Promise<{ organisations: number }> {
    const tenantIds = await inPlatformTransaction(this.dataSource, (uow) => this.requests.activeTenantIds(uow), this.logger);
    await this.jobQueues.enqueueTenantOutcomeSweeps(tenantIds, sweepJobId);
    return { organisations: tenantIds.length };
  }

  async sweepTenant(context: Pick<TenantJobContext, 'uow' | 'tenantId'>, now = new Date()): Promise<TenantOutcomeSweepOutcome> {
    const opened = await this.openPoints(context, now);
    const links = await this.issueLinks(context);
    const reminders = await this.remind(context);
    return { opened, links, reminders };
  }

  private async openPoints({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>, now: Date): Promise<number> {
    const programmes = await this.requests.plannedProgrammes(uow, tenantId);
    if (programmes.length === 0) return 0;
    const confirmed = await this.requests.confirmedLicences(uow, tenantId);
    const toOpen: Array<MeasurementToOpen & { programmeId: string }> = [];
    for (const programme of programmes) {
      if (askableInstruments(programme.instruments, confirmed).length === 0) continue;
      const windows = measurementWindows(programme.sessions ?? [], programme);
      for (const point of measurementsToOpen(windows, now, new Set(programme.opened))) toOpen.push({ programmeId: programme.programmeId, ...point });
    }
    return this.requests.open(uow, tenantId, toOpen);
  }

  private issueLinks({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>): Promise<number> {
    return this.links.sendInBatches(uow, tenantId, {
      batchSize: OUTCOMES_BATCH,
      take: () => this.requests.awaitingLink(uow, tenantId, OUTCOMES_BATCH),
      write: (links) => this.requests.issue(uow, tenantId, links),
      email: (recipient, token) => outcomeInvitationEmail(recipient, measuresPageUrl(this.config.clientPortalUrl, token)),
    });
  }

  private remind({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>): Promise<number> {
    return this.links.sendInBatches(uow, tenantId, {
      batchSize: OUTCOMES_BATCH,
      take: () => this.requests.claimDueReminders(uow, tenantId, OUTCOMES_BATCH),
      write: (links) => this.requests.rotateForReminder(uow, tenantId, links),
      email: (recipient, token) => outcomeReminderEmail(recipient, measuresPageUrl(this.config.clientPortalUrl, token)),
    });
  }
}
