import { Queue } from 'bullmq';
import type { Job, JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_QUEUE_PREFIX, JobName, QueueName, allQueueNames, queueOfJob } from './constants';
import { assertClusterSafePrefix } from './connection';
import { defaultJobOptions, recurringJobOptions, type JobRetryOptions } from './job-options';
import { parseJobPayload, type JobPayload } from './payloads';
import { recurringJobs } from './recurring';

export interface JobQueuesOptions {
  redisUrl: string;
  /** Key prefix with a hash tag; defaults to `{lena}`. */
  prefix?: string;
  /** Overrides of the central retry policy (tests shorten the backoff). */
  retry?: JobRetryOptions;
  /** An enqueue that Redis has not acknowledged by then rejects. Default 5000 ms. */
  enqueueTimeoutMs?: number;
  /** Called for Redis connection errors; by default they are logged once per distinct message. */
  onError?: (error: Error) => void;
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
  private closed = false;

  constructor(options: JobQueuesOptions) {
    this.prefix = assertClusterSafePrefix(options.prefix ?? DEFAULT_QUEUE_PREFIX);
    this.enqueueTimeoutMs = options.enqueueTimeoutMs ?? 5_000;
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

  /** Adds one job after validating its payload; returns the job id. */
  async enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options: EnqueueOptions = {}): Promise<string> {
    const data = parseJobPayload(name, payload);
    const opts: JobsOptions = {};
    if (options.jobId) opts.jobId = options.jobId;
    if (options.delayMs) opts.delay = options.delayMs;
    const job = await this.withTimeout(this.queue(queueOfJob[name]).add(name, data, opts));
    return job.id as string;
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
    const queue = this.queue(queueOfJob[JobName.deliverOutboxMessage]);
    const jobs = unique.map((messageId) => ({
      name: JobName.deliverOutboxMessage,
      data: parseJobPayload(JobName.deliverOutboxMessage, { messageId }),
      opts: { jobId: outboxDeliveryJobId(messageId) },
    }));
    const added = await this.withTimeout(queue.addBulk(jobs));
    if (options.restartFailed) await this.withTimeout(Promise.all(added.map((job) => restartIfFailed(job))));
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

  /** Creates or updates every recurring schedule (safe from any number of replicas). */
  async upsertRecurringJobs(overrides: { outboxRelayEveryMs?: number } = {}): Promise<void> {
    for (const job of recurringJobs(overrides)) {
      await this.queue(job.queue).upsertJobScheduler(
        job.schedulerId,
        { every: job.everyMs },
        { name: job.name, data: parseJobPayload(job.name, {}), opts: recurringJobOptions() },
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
