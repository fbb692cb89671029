import { z } from 'zod';
import { QueueName } from './constants';
import { defineJob, JobCatalogue, type JobDefinition } from './define-job';

/*
 * Every job, one `defineJob` each. Job data sits in Redis in clear text, so payloads carry ids
 * only, never message bodies, answers or names; the worker loads everything else from PostgreSQL.
 * A job that touches tenant rows is `scope: 'tenant'` (its payload gets `tenantId`, and the worker
 * runs it inside that tenant's transaction); the others work on platform tables.
 */

export const OUTBOX_RELAY_EVERY_MS = 30_000;
export const RETENTION_PURGE_EVERY_MS = 24 * 60 * 60 * 1000;
export const SCHEDULING_SWEEP_EVERY_MS = 60_000;
export const FEEDBACK_SWEEP_EVERY_MS = 60_000;
/** Measurement windows are days long: every five minutes is prompt enough, and the API nudges nothing. */
export const OUTCOMES_SWEEP_EVERY_MS = 5 * 60_000;
/** The nightly recompute of every outcome rollup. */
export const OUTCOME_ROLLUPS_EVERY_MS = 24 * 60 * 60 * 1000;

export const Jobs = {
  /** Deliver one row of `outbox_message` (job id = the row's id). The outbox is a platform table. */
  deliverOutboxMessage: defineJob({
    name: 'deliver-outbox-message',
    queue: QueueName.notifications,
    scope: 'platform',
    payload: { messageId: z.uuid() },
  }),
  /** Enqueue every undelivered outbox row that the fast path missed. Recurring. */
  relayOutbox: defineJob({
    name: 'relay-outbox',
    queue: QueueName.maintenance,
    scope: 'platform',
    payload: {},
    schedule: { everyMs: OUTBOX_RELAY_EVERY_MS },
  }),
  /** Delete records past their retention period (RetentionPolicy in @lena/domain); platform tables only. Daily. */
  purgeExpiredRecords: defineJob({
    name: 'purge-expired-records',
    queue: QueueName.maintenance,
    scope: 'platform',
    payload: {},
    schedule: { everyMs: RETENTION_PURGE_EVERY_MS },
  }),
  /**
   * Expand one accepted programme's series into group sessions (with their reminders) and invite
   * its people. Job id `expand-programme-<id>` (see `JobQueues.enqueueProgrammeExpansion`).
   */
  expandProgrammeSeries: defineJob({
    name: 'expand-programme-series',
    queue: QueueName.scheduling,
    scope: 'tenant',
    payload: { programmeId: z.uuid() },
  }),
  /**
   * One organisation's share of the scheduling sweep: enqueue the expansion of each of its accepted
   * programmes still waiting for sessions, and send its reminders that have fallen due.
   */
  sweepTenantScheduling: defineJob({
    name: 'sweep-tenant-scheduling',
    queue: QueueName.scheduling,
    scope: 'tenant',
    payload: {},
  }),
  /**
   * The scheduling safety net, derived from the database: one `sweep-tenant-scheduling` per active
   * organisation (a platform job sees no programme; each organisation's job looks in its own). Recurring.
   */
  sweepScheduling: defineJob({
    name: 'sweep-scheduling',
    queue: QueueName.scheduling,
    scope: 'platform',
    payload: {},
    schedule: { everyMs: SCHEDULING_SWEEP_EVERY_MS },
  }),
  /**
   * A response to this feedback request has been stored: count the session's responses and, when
   * the domain's rule says so (`decidePublication`: first at the minimum group size, then only
   * after that many new responses), publish its results snapshot, the only thing results screens
   * read. The request id only, never answers, and nothing that names the link or the person who
   * answered. Deduplicated per request (one waiting, one running); publishing is idempotent.
   */
  publishFeedbackResults: defineJob({
    name: 'publish-feedback-results',
    queue: QueueName.feedback,
    scope: 'tenant',
    payload: { requestId: z.uuid() },
  }),
  /**
   * One organisation's share of the feedback sweep, derived from its rows alone: open a request for
   * each delivered session without one, issue and email a link to each attendee marked present or
   * late who has none (withdrawing the unspent links of people no longer marked so), and remind
   * those whose link is unspent once the organisation's delay has passed. The payload is the tenant
   * id alone.
   */
  sweepTenantFeedback: defineJob({
    name: 'sweep-tenant-feedback',
    queue: QueueName.feedback,
    scope: 'tenant',
    payload: {},
  }),
  /** The feedback safety net: one `sweep-tenant-feedback` per active organisation. Recurring. */
  sweepFeedback: defineJob({
    name: 'sweep-feedback',
    queue: QueueName.feedback,
    scope: 'platform',
    payload: {},
    schedule: { everyMs: FEEDBACK_SWEEP_EVERY_MS },
  }),
  /**
   * One organisation's share of the outcomes sweep, derived from its rows alone: open each
   * programme's measurement point whose window (from its plan and sessions) has opened, issue and
   * email one single-use link per person enrolled who has none for it, and remind once, halfway
   * through the window, those whose link is unspent. The payload is the tenant id alone.
   */
  sweepTenantOutcomes: defineJob({
    name: 'sweep-tenant-outcomes',
    queue: QueueName.outcomes,
    scope: 'tenant',
    payload: {},
  }),
  /**
   * Recompute one programme's `outcome_rollup` row from its raw rows (sessions, attendance,
   * outcome measurements). Enqueued when a measurement arrives and when a session is delivered or
   * cancelled, with job id `refresh-outcome-rollup-<programme id>` and a short delay: a burst of
   * answers makes one job (see `JobQueues.enqueueOutcomeRollupRefresh`). Idempotent.
   */
  refreshOutcomeRollup: defineJob({
    name: 'refresh-outcome-rollup',
    queue: QueueName.outcomes,
    scope: 'tenant',
    payload: { programmeId: z.uuid() },
  }),
  /** One organisation's share of the nightly recompute: a `refresh-outcome-rollup` for each of its programmes. */
  refreshTenantOutcomeRollups: defineJob({
    name: 'refresh-tenant-outcome-rollups',
    queue: QueueName.outcomes,
    scope: 'tenant',
    payload: {},
  }),
  /** The outcomes safety net: one `sweep-tenant-outcomes` per active organisation. Recurring. */
  sweepOutcomes: defineJob({
    name: 'sweep-outcomes',
    queue: QueueName.outcomes,
    scope: 'platform',
    payload: {},
    schedule: { everyMs: OUTCOMES_SWEEP_EVERY_MS },
  }),
  /**
   * Build one outcome report (`outcome_report`): its figures from the rollups through the same
   * domain functions and suppression as the dashboard, then its PDF and CSV, with progress as it
   * goes; then email the person who asked. Job id `build-outcome-report-<report id>`; a report
   * already READY is not rebuilt. On the `reports` queue (concurrency 1), so a long report never
   * holds up another queue's jobs.
   */
  buildOutcomeReport: defineJob({
    name: 'build-outcome-report',
    queue: QueueName.reports,
    scope: 'tenant',
    payload: { reportId: z.uuid() },
  }),
  /** The nightly recompute of every rollup: one `refresh-tenant-outcome-rollups` per active organisation. Recurring. */
  refreshOutcomeRollups: defineJob({
    name: 'refresh-outcome-rollups',
    queue: QueueName.outcomes,
    scope: 'platform',
    payload: {},
    schedule: { everyMs: OUTCOME_ROLLUPS_EVERY_MS },
  }),
} as const satisfies Record<string, JobDefinition>;

/** The name of a declared job, as stored in Redis. */
export type JobName = (typeof Jobs)[keyof typeof Jobs]['name'];

/** Every declared job: the worker starts only when each has exactly one handler. */
export const jobCatalogue = new JobCatalogue(Object.values(Jobs));
