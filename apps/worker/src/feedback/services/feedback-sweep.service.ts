import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_SESSION_FEEDBACK, feedbackWindow } from '@lena/domain';
import { JobQueues } from '@lena/jobs';
import { DataSource } from 'typeorm';
import { WORKER_CONFIG } from '../../config/config.module';
import type { WorkerConfig } from '../../config/worker-config';
import type { TenantJobContext } from '../../jobs/job-handler';
import { inPlatformTransaction } from '../../jobs/platform-transaction';
import { SingleUseLinkMailer } from '../../notifications/services/single-use-link-mailer.service';
import { feedbackInvitationEmail, feedbackPageUrl, feedbackReminderEmail } from '../feedback-emails';
import { FeedbackRequestRepository } from '../feedback-request.repository';
import { FeedbackPublicationService } from './feedback-publication.service';

/** Rows taken per statement; a sweep keeps taking until none are left. */
export const FEEDBACK_BATCH = 500;

export interface TenantFeedbackSweepOutcome {
  /** Requests opened for sessions just delivered. */
  opened: number;
  /** Links issued (each emailed once). */
  links: number;
  /** Unspent links withdrawn from people no longer marked present or late. */
  withdrawn: number;
  /** Reminders sent (each link reminded once, with a new secret). */
  reminders: number;
  /** Sessions whose results were published by the sweep (a publication nudge was lost). */
  published: number;
}

/**
 * The feedback queue's sweep, derived from the database like the scheduling sweep: every minute
 * each active organisation gets a sweep of its own, which opens a request for each session
 * delivered since (by its facilitator or by the scheduling sweep), issues each attendee marked
 * present or late a single-use link and emails it, withdraws the unspent links of people since
 * marked absent, and reminds, once, those whose link is unspent after the organisation's delay.
 * Closing needs nothing: the request's closes_at is enforced when a link is read or spent.
 *
 * Emails are written to the outbox in the transaction that issues or rotates their links, and a
 * link is emailed only if this transaction's write created or rotated it: if the job dies before
 * it commits, nothing happened and the next sweep does it all; once it commits, no sweep finds it
 * to do again. A flushed Redis loses nothing: the rows are still there at the next sweep. The
 * secrets exist only in this process's memory and in the sealed outbox body; logs and job
 * payloads carry ids and counts only.
 */
@Injectable()
export class FeedbackSweepService {
  private readonly logger = new Logger(FeedbackSweepService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: FeedbackRequestRepository,
    private readonly links: SingleUseLinkMailer,
    private readonly jobQueues: JobQueues,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly publication: FeedbackPublicationService,
  ) {}

  /** `sweepJobId`: the sweep job's own id, which names the tenant sweeps it adds. */
  async sweep(sweepJobId: string): Promise<{ organisations: number }> {
    const tenantIds = await inPlatformTransaction(this.dataSource, (uow) => this.requests.activeTenantIds(uow), this.logger);
    await this.jobQueues.enqueueTenantFeedbackSweeps(tenantIds, sweepJobId);
    return { organisations: tenantIds.length };
  }

  async sweepTenant(context: Pick<TenantJobContext, 'uow' | 'tenantId'>): Promise<TenantFeedbackSweepOutcome> {
    const opened = await this.openRequests(context);
    // Withdrawals before issuing: a link withdrawn and a new one issued in one sweep would be a second email for nothing.
    const withdrawn = await this.requests.withdrawFromAbsent(context.uow, context.tenantId);
    const links = await this.issueLinks(context);
    const reminders = await this.remind(context);
    const published = await this.publication.publishDue(context.uow, context.tenantId, FEEDBACK_BATCH);
    return { opened, links, withdrawn, reminders, published };
  }

  private async openRequests({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>): Promise<number> {
    const settings = await this.requests.settings(uow, tenantId);
    let opened = 0;
    let instrumentId: string | undefined;
    for (;;) {
      const sessions = await this.requests.awaitingRequest(uow, tenantId, settings.windowDays, FEEDBACK_BATCH);
      if (sessions.length === 0) break;
      instrumentId ??= await this.requests.instrumentId(uow, DEFAULT_SESSION_FEEDBACK);
      const requests = sessions.map((session) => ({ sessionId: session.sessionId, opensAt: session.deliveredAt, ...feedbackWindow(session.deliveredAt, settings) }));
      opened += (await this.requests.open(uow, tenantId, instrumentId, requests)).length;
      if (sessions.length < FEEDBACK_BATCH) break;
    }
    return opened;
  }

  private issueLinks({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>): Promise<number> {
    return this.links.sendInBatches(uow, tenantId, {
      batchSize: FEEDBACK_BATCH,
      take: () => this.requests.awaitingLink(uow, tenantId, FEEDBACK_BATCH),
      write: (links) => this.requests.issue(uow, tenantId, links),
      email: (recipient, token) => feedbackInvitationEmail(recipient, feedbackPageUrl(this.config.clientPortalUrl, token)),
    });
  }

  private remind({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>): Promise<number> {
    return this.links.sendInBatches(uow, tenantId, {
      batchSize: FEEDBACK_BATCH,
      take: () => this.requests.claimDueReminders(uow, tenantId, FEEDBACK_BATCH),
      write: (links) => this.requests.rotateForReminder(uow, tenantId, links),
      email: (recipient, token) => feedbackReminderEmail(recipient, feedbackPageUrl(this.config.clientPortalUrl, token)),
    });
  }
}
