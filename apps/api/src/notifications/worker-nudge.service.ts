import { Inject, Injectable, Logger } from '@nestjs/common';
import { requestContext } from '../common/request-context';
import { JOB_QUEUES, type ApiJobQueues } from './job-queues.provider';

/**
 * Tells the worker about work the request's transaction created, once it commits, so it starts
 * at once. The work itself is in the database: if a nudge is lost (Redis down, the process gone),
 * the worker's sweep finds it within a minute.
 */
@Injectable()
export class WorkerNudgeService {
  private readonly logger = new Logger('WorkerNudge');

  constructor(@Inject(JOB_QUEUES) private readonly queues: ApiJobQueues) {}

  /**
   * Someone has joined a programme whose sessions may already be written: the organisation's
   * scheduling sweep sends them their invitation now rather than at the next minute.
   */
  sweepOrganisationAfterCommit(tenantId: string, cause: string): void {
    requestContext().uow.afterCommit(async () => {
      await this.queues.enqueueTenantSchedulingSweeps([tenantId], cause).catch((error: unknown) => {
        this.logger.warn(`Could not enqueue a scheduling sweep of organisation ${tenantId}; the next one will do: ${String(error)}`);
      });
    });
  }

  /**
   * A session was delivered: the organisation's feedback sweep opens its request and emails its
   * attendees' links now rather than at the next minute. Ids only.
   */
  sweepFeedbackAfterCommit(tenantId: string): void {
    requestContext().uow.afterCommit(async () => {
      await this.queues.enqueueTenantFeedbackSweep(tenantId).catch((error: unknown) => {
        this.logger.warn(`Could not enqueue a feedback sweep of organisation ${tenantId}; the next one will do: ${String(error)}`);
      });
    });
  }

  /** An accepted programme's sessions are to be written: expand its series. */
  expandProgrammeAfterCommit(tenantId: string, programmeId: string): void {
    requestContext().uow.afterCommit(async () => {
      await this.queues.enqueueProgrammeExpansion(tenantId, programmeId).catch((error: unknown) => {
        this.logger.warn(`Could not enqueue the expansion of programme ${programmeId}; the scheduling sweep will pick it up: ${String(error)}`);
      });
    });
  }

  /**
   * A feedback response was stored (and committed: its one statement is its own transaction): the
   * worker decides whether its session's results are published again. Ids only. If the nudge is
   * lost, the feedback sweep publishes what is due.
   */
  async publishFeedback(tenantId: string, requestId: string): Promise<void> {
    await this.queues.enqueueFeedbackPublication(tenantId, requestId).catch((error: unknown) => {
      this.logger.warn(`Could not enqueue publishing the results of feedback request ${requestId}: ${String(error)}`);
    });
  }

  /**
   * A programme's outcome figures changed (a measurement stored, a session delivered, reopened or
   * cancelled): the worker recomputes its rollup, debounced per programme. Ids only. If the nudge
   * is lost, the nightly recompute catches up.
   */
  refreshOutcomeRollupAfterCommit(tenantId: string, programmeId: string): void {
    requestContext().uow.afterCommit(async () => {
      await this.queues.enqueueOutcomeRollupRefresh([{ tenantId, programmeId }]).catch((error: unknown) => {
        this.logger.warn(`Could not enqueue the outcome rollup of programme ${programmeId}; the nightly recompute will do it: ${String(error)}`);
      });
    });
  }

  /** An outcome report was asked for: the worker builds it. Ids only. If the nudge is lost, the outcomes sweep enqueues it. */
  buildOutcomeReportAfterCommit(tenantId: string, reportId: string): void {
    requestContext().uow.afterCommit(async () => {
      await this.queues.enqueueOutcomeReports([{ tenantId, reportId }]).catch((error: unknown) => {
        this.logger.warn(`Could not enqueue outcome report ${reportId}; the outcomes sweep will do it: ${String(error)}`);
      });
    });
  }
}
