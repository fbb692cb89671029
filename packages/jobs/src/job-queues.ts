import { Queue } from 'bullmq';
import type { Job, JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { jobCatalogue, Jobs } from './catalogue';
import { DEFAULT_QUEUE_PREFIX, QueueName, allQueueNames } from './constants';
import { assertClusterSafePrefix } from './connection';
import { parseJobPayload, type JobCatalogue, type JobDefinition, type JobPayloadOf } from './define-job';
import { defaultJobOptions, recurringJobOptions, type JobRetryOptions } from './job-options';
import { recurringJobs } from './recurring';

export interface JobQueuesOptions {
  redisUrl: string;
  /** Key prefix with a hash tag; defaults to `{lena}`. */
  prefix?: string;
  /** Overrides of the central retry policy (tests shorten the backoff). */
  retry?: JobRetryOptions;
  /** An enqueue that Redis has not acknowledged by then rejects. Default 5000 ms. */
  enqueueTimeoutMs?: number;
  /** How long a programme's rollup refresh waits, so a burst of answers makes one job. Default 3000 ms. */
  outcomeRollupDelayMs?: number;
  /**
   * How long a feedback request's publication job waits, so a burst of answers makes one job.
   * Default 0 (at once); the API's is `LENA_FEEDBACK_PUBLICATION_DELAY_MS`, or
   * DEFAULT_FEEDBACK_PUBLICATION_DELAY_MS.
   */
  feedbackPublicationDelayMs?: number;
  /** Called for Redis connection errors; by default they are logged once per distinct message. */
  onError?: (error: Error) => void;
  /** The jobs that may be enqueued; defaults to every declared job (tests add one of their own). */
  catalogue?: JobCatalogue;
}

export interface QueueReading {
  name: QueueName;
  /** Jobs ready to start (prioritised ones included). */
  waiting: number;
  active: number;
  /** Jobs waiting for their time: retries in backoff, or scheduled. */
  delayed: number;
  /** Jobs that used up their attempts, kept a week. */
  failed: number;
  /** Jobs finished in the last day. */
  completed: number;
  /** Worker connections consuming the queue. */
  workers: number;
  oldestWaitingAt: Date | null;
}

export interface EnqueueOptions {
  /** Deterministic id: a job whose id is already in the queue is not added again. */
  jobId?: string;
  delayMs?: number;
  /**
   * Debounce by this id: while a job with it waits, adding another does nothing; while one runs,
   * the latest added is kept and starts once it finishes (BullMQ `keepLastIfActive`).
   */
  deduplicationId?: string;
}

/**
 * The producer side of every queue: one Redis connection shared by all queues, payloads validated
 * before they leave the process, deterministic job ids for idempotency.
 *
 * Enqueueing fails fast (no offline queue) and rejects when Redis is unreachable: callers that
 * enqueue after committing an outbox row may log and carry on, because the worker's relay
 * re-enqueues every row that was not.
 */
export class JobQueues {
  readonly prefix: string;
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();
  private readonly enqueueTimeoutMs: number;
  private readonly catalogue: JobCatalogue;
  private readonly outcomeRollupDelayMs: number;
  private readonly feedbackPublicationDelayMs: number;
  private closed = false;

  constructor(options: JobQueuesOptions) {
    this.prefix = assertClusterSafePrefix(options.prefix ?? DEFAULT_QUEUE_PREFIX);
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 5_000;
    this.catalogue = options.catalogue ?? jobCatalogue;
    this.outcomeRollupDelayMs = options.outcomeRollupDelayMs ?? 3_000;
    this.feedbackPublicationDelayMs = options.feedbackPublicationDelayMs ?? 0;
    const onError = options.onError ?? warnOncePerMessage();
    this.connection = new Redis(options.redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // A socket still connecting when we close is given this long to end before it is destroyed.
      disconnectTimeout: 200,
      connectionName: 'lena-job-queues',
    });
    this.connection.on('error', onError);
    const defaults = defaultJobOptions(options.retry);
    for (const name of allQueueNames) {
      const queue = new Queue(name, { connection: this.connection, prefix: this.prefix, defaultJobOptions: defaults });
      queue.on('error', onError);
      this.queues.set(name, queue);
    }
  }

  /** The BullMQ queue, for workers' events, dashboards and tests. */
  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`Unknown queue "${name}"`);
    return queue;
  }

  /**
   * Adds one job after validating its payload; returns the job id. A tenant job without a
   * `tenantId` (or with one that is not an id) is refused here, before anything reaches Redis.
   */
  async enqueue<D extends JobDefinition>(job: D, payload: JobPayloadOf<D>, options: EnqueueOptions = {}): Promise<string> {
    // A job nobody declared would have no handler and sit in Redis for ever.
    if (!this.catalogue.has(job)) throw new Error(`Job "${job.name}" is not declared in the job catalogue.`);
    const data = parseJobPayload(job, payload);
    const opts: JobsOptions = {};
    if (options.jobId) opts.jobId = options.jobId;
    if (options.delayMs) opts.delay = options.delayMs;
    if (options.deduplicationId) opts.deduplication = { id: options.deduplicationId, keepLastIfActive: true };
    const added = await this.withTimeout(this.queue(job.queue).add(job.name, data, opts));
    return added.id as string;
  }

  /**
   * Enqueues delivery of outbox rows in one round trip, job id = row id: calling this twice for the
   * same row (fast path and relay, or a retried request) adds one job.
   *
   * A job that used up its attempts stays in the failed set (for the dashboards) and keeps its id,
   * so adding it again would do nothing. `restartFailed` (the relay's next round, an admin's
   * retry) starts such a job again with a fresh set of attempts.
   */
  async enqueueOutboxDelivery(messageIds: string[], options: { restartFailed?: boolean } = {}): Promise<void> {
    const unique = [...new Set(messageIds)];
    if (unique.length === 0) return;
    const queue = this.queue(Jobs.deliverOutboxMessage.queue);
    const jobs = unique.map((messageId) => ({
      name: Jobs.deliverOutboxMessage.name,
      data: parseJobPayload(Jobs.deliverOutboxMessage, { messageId }),
      opts: { jobId: outboxDeliveryJobId(messageId) },
    }));
    const added = await this.withTimeout(queue.addBulk(jobs));
    if (options.restartFailed) await this.withTimeout(Promise.all(added.map((job) => restartIfFailed(job))));
  }

  /**
   * Enqueues the expansion of an accepted programme's series; the API calls it after the commit
   * that accepts, so the sessions appear at once. One job per programme however often it is
   * called (the worker's sweep enqueues the same id for any programme this call missed).
   */
  async enqueueProgrammeExpansion(tenantId: string, programmeId: string): Promise<void> {
    await this.enqueueProgrammeExpansions([{ tenantId, programmeId }]);
  }

  /** `enqueueProgrammeExpansion` for many programmes in one round trip. */
  async enqueueProgrammeExpansions(programmes: ReadonlyArray<{ tenantId: string; programmeId: string }>): Promise<void> {
    if (programmes.length === 0) return;
    const jobs = programmes.map((programme) => ({
      name: Jobs.expandProgrammeSeries.name,
      data: parseJobPayload(Jobs.expandProgrammeSeries, programme),
      opts: { jobId: programmeExpansionJobId(programme.programmeId) },
    }));
    await this.withTimeout(this.queue(Jobs.expandProgrammeSeries.queue).addBulk(jobs));
  }

  /**
   * One `sweep-tenant-scheduling` per organisation for the sweep job `sweepJobId`: the job id names
   * the organisation and the sweep, so a retried sweep adds no second one (and the job scheduler
   * already runs one sweep per interval, however many replicas there are).
   */
  async enqueueTenantSchedulingSweeps(tenantIds: readonly string[], sweepJobId: string): Promise<void> {
    await this.enqueueTenantSweeps(Jobs.sweepTenantScheduling, tenantIds, sweepJobId);
  }

  /** `enqueueTenantSchedulingSweeps` for the feedback sweep (`sweep-tenant-feedback`). */
  async enqueueTenantFeedbackSweeps(tenantIds: readonly string[], sweepJobId: string): Promise<void> {
    await this.enqueueTenantSweeps(Jobs.sweepTenantFeedback, tenantIds, sweepJobId);
  }

  /** `enqueueTenantSchedulingSweeps` for the outcomes sweep (`sweep-tenant-outcomes`). */
  async enqueueTenantOutcomeSweeps(tenantIds: readonly string[], sweepJobId: string): Promise<void> {
    await this.enqueueTenantSweeps(Jobs.sweepTenantOutcomes, tenantIds, sweepJobId);
  }

  /**
   * A session of this organisation was just delivered (the API calls this after the commit): its
   * feedback links go out now rather than at the next minute's sweep. Losing this job loses
   * nothing: the sweep finds the same rows.
   */
  async enqueueTenantFeedbackSweep(tenantId: string): Promise<void> {
    await this.enqueue(Jobs.sweepTenantFeedback, { tenantId });
  }

  private async enqueueTenantSweeps(
    job: typeof Jobs.sweepTenantScheduling | typeof Jobs.sweepTenantFeedback | typeof Jobs.sweepTenantOutcomes | typeof Jobs.refreshTenantOutcomeRollups,
    tenantIds: readonly string[],
    sweepJobId: string,
  ): Promise<void> {
    if (tenantIds.length === 0) return;
    // BullMQ keeps ':' for its own ids (a scheduler's jobs are `repeat:<name>:<time>`).
    const sweep = sweepJobId.replace(/:/g, '-');
    const jobs = tenantIds.map((tenantId) => ({
      name: job.name,
      data: parseJobPayload(job, { tenantId }),
      opts: { jobId: `${job.name}-${tenantId}-${sweep}` },
    }));
    await this.withTimeout(this.queue(job.queue).addBulk(jobs));
  }

  /**
   * A feedback response was stored (the API calls this after the commit): the worker decides
   * whether the request's session results are published again. The payload is the request id
   * alone. Deduplicated per request: while one job waits, more responses add nothing; while one
   * runs, one more is kept to follow it (`keepLastIfActive`), so a response that arrives after the
   * running job counted is never left unconsidered.
   *
   * The job waits `feedbackPublicationDelayMs` first, so a session's answers arriving together make
   * one publication, not one for every few answers: publishing tallies all of the session's
   * answers, so without the wait a busy worker took as much of the database as the submissions.
   */
  async enqueueFeedbackPublication(tenantId: string, requestId: string): Promise<void> {
    await this.enqueue(Jobs.publishFeedbackResults, { tenantId, requestId }, { deduplicationId: feedbackPublicationDedupId(requestId), delayMs: this.feedbackPublicationDelayMs });
  }

  /**
   * Recompute these programmes' outcome rollups (the API calls it after the commit that stored a
   * measurement or delivered or cancelled a session; the nightly recompute for every programme).
   * Debounced per programme: the job id is `refresh-outcome-rollup-<programme id>` and it waits
   * `outcomeRollupDelayMs`, so while one waits, more calls add nothing, and it reads every row
   * committed before it starts. Finished jobs free their id at once. A call that finds the job
   * already running (it may have read before this caller's commit) adds one follow-up job,
   * `…-again`; the worker runs a programme's jobs one at a time (an advisory lock), so the
   * follow-up reads after the running one. A job that used up its attempts is started again.
   */
  async enqueueOutcomeRollupRefresh(programmes: ReadonlyArray<{ tenantId: string; programmeId: string }>): Promise<void> {
    if (programmes.length === 0) return;
    const queue = this.queue(Jobs.refreshOutcomeRollup.queue);
    const options = (jobId: string): JobsOptions => ({
      jobId,
      delay: this.outcomeRollupDelayMs,
      removeOnComplete: true,
    });
    const jobs = (suffix: string, list: ReadonlyArray<{ tenantId: string; programmeId: string }>) =>
      list.map((programme) => ({
        name: Jobs.refreshOutcomeRollup.name,
        data: parseJobPayload(Jobs.refreshOutcomeRollup, programme),
        opts: options(`${outcomeRollupJobId(programme.programmeId)}${suffix}`),
      }));
    const added = await this.withTimeout(queue.addBulk(jobs('', programmes)));
    const running: Array<{ tenantId: string; programmeId: string }> = [];
    await this.withTimeout(
      Promise.all(
        added.map(async (job, index) => {
          if (await job.isActive()) running.push(programmes[index]!);
          else await restartIfFailed(job);
        }),
      ),
    );
    if (running.length > 0) {
      const again = await this.withTimeout(queue.addBulk(jobs('-again', running)));
      await this.withTimeout(Promise.all(again.map((job) => restartIfFailed(job))));
    }
  }

  /** One `refresh-tenant-outcome-rollups` per organisation for the nightly job `runJobId` (ids name both). */
  /**
   * Build an outcome report, job id `build-outcome-report-<id>`: asking twice (a retried request,
   * the sweep's safety net) adds one job. A job that used up its attempts is started again.
   */
  async enqueueOutcomeReports(reports: ReadonlyArray<{ tenantId: string; reportId: string }>): Promise<void> {
    if (reports.length === 0) return;
    const jobs = reports.map((report) => ({
      name: Jobs.buildOutcomeReport.name,
      data: parseJobPayload(Jobs.buildOutcomeReport, report),
      opts: { jobId: outcomeReportJobId(report.reportId) },
    }));
    const added = await this.withTimeout(this.queue(Jobs.buildOutcomeReport.queue).addBulk(jobs));
    await this.withTimeout(Promise.all(added.map((job) => restartIfFailed(job))));
  }

  async enqueueTenantOutcomeRollups(tenantIds: readonly string[], runJobId: string): Promise<void> {
    await this.enqueueTenantSweeps(Jobs.refreshTenantOutcomeRollups, tenantIds, runJobId);
  }

  /** What each queue holds and who consumes it, for the platform admins' queue health. */
  async readQueues(): Promise<QueueReading[]> {
    return this.withTimeout(
      Promise.all(
        allQueueNames.map(async (name) => {
          const queue = this.queue(name);
          const [counts, workers, [oldestWaiting]] = await Promise.all([
            queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'),
            queue.getWorkersCount(),
            queue.getJobs(['waiting', 'prioritized'], 0, 0, true),
          ]);
          return {
            name,
            waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
            active: counts.active ?? 0,
            delayed: counts.delayed ?? 0,
            failed: counts.failed ?? 0,
            completed: counts.completed ?? 0,
            workers,
            oldestWaitingAt: oldestWaiting ? new Date(oldestWaiting.timestamp) : null,
          };
        }),
      ),
    );
  }

  /**
   * Creates or updates every recurring schedule (safe from any number of replicas). `everyMs`
   * overrides a job's declared interval, by job name (the worker's LENA_OUTBOX_RELAY_EVERY_MS).
   */
  async upsertRecurringJobs(everyMs: Readonly<Record<string, number>> = {}): Promise<void> {
    for (const recurring of recurringJobs(this.catalogue, everyMs)) {
      await this.queue(recurring.queue).upsertJobScheduler(
        recurring.schedulerId,
        { every: recurring.everyMs },
        { name: recurring.job.name, data: parseJobPayload(recurring.job, {}), opts: recurringJobOptions() },
      );
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    // The queues share this connection and leave it open; quit() fails if it never connected.
    await this.connection.quit().catch(() => this.connection.disconnect());
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not accept the job within ${this.enqueueTimeoutMs} ms`)), this.enqueueTimeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}

async function restartIfFailed(job: Job): Promise<void> {
  if (!(await job.isFailed())) return;
  try {
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  } catch (error) {
    // Someone else restarted it between the check and the retry: that is what we wanted.
    if (await job.isFailed()) throw error;
  }
}

/** The job id of a programme's series expansion. */
export function programmeExpansionJobId(programmeId: string): string {
  return `expand-programme-${programmeId}`;
}

/** The deduplication id of a feedback request's publication job (one waiting and one running at most). */
export function feedbackPublicationDedupId(requestId: string): string {
  return `publish-feedback-results-${requestId}`;
}

/** The job id of a programme's outcome rollup refresh (one at a time per programme). */
export function outcomeRollupJobId(programmeId: string): string {
  return `refresh-outcome-rollup-${programmeId}`;
}

/** The job id of an outcome report's build (one per report). */
export function outcomeReportJobId(reportId: string): string {
  return `build-outcome-report-${reportId}`;
}

/** The job id of an outbox row's delivery: the row id itself. */
export function outboxDeliveryJobId(messageId: string): string {
  return messageId;
}

function warnOncePerMessage(): (error: Error) => void {
  let last = '';
  return (error) => {
    if (error.message === last) return;
    last = error.message;
    console.warn(`[@lena/jobs] Redis connection problem: ${error.message}`);
  };
}
