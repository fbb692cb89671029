import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { JobQueues, parseJobPayload, queueOfJob, QueueName, type JobName } from '@lena/jobs';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { WORKER_CONFIG } from '../config/config.module';
import type { WorkerConfig } from '../config/worker-config';
import type { JobHandlerInstance } from './job-handler';
import { JobHandler } from './job-handler.decorator';
import { buildJobHandlerRegistry } from './job-handler-registry';
import { jobLogFields, runWithJobLogFields } from './job-log-context';

/**
 * Runs one BullMQ worker per queue and hands each job to the handler registered for its name,
 * after validating the payload. Starts only once every job name has exactly one handler.
 */
@Injectable()
export class JobRunner implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private registry = new Map<JobName, JobHandlerInstance>();
  private readonly workers: Worker[] = [];
  private readonly loggedFailures = new WeakSet<Job>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly jobQueues: JobQueues,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  onModuleInit(): void {
    const discovered = this.discovery.getProviders({ metadataKey: JobHandler.KEY }).map((wrapper) => ({
      jobName: this.discovery.getMetadataByDecorator(JobHandler, wrapper),
      provider: String(wrapper.name),
      instance: wrapper.instance as JobHandlerInstance,
    }));
    this.registry = buildJobHandlerRegistry(discovered);
  }

  async onApplicationBootstrap(): Promise<void> {
    const queues = [...new Set([...this.registry.keys()].map((name) => queueOfJob[name]))];
    for (const queue of queues) {
      const worker = new Worker(queue, (job) => this.process(job), {
        connection: { url: this.config.redisUrl, connectionName: `lena-worker-${queue}` },
        prefix: this.config.queuePrefix,
        concurrency: queue === QueueName.notifications ? this.config.notificationsConcurrency : 1,
      });
      // Failures thrown by a handler are logged in process(); this catches the rest (a stalled job).
      worker.on('failed', (job, error) => {
        if (job && this.loggedFailures.delete(job)) return;
        this.logger.warn({ ...(job ? jobLogFields(job) : { queue }), attemptsMade: job?.attemptsMade, msg: `Job failed: ${error.message}` });
      });
      worker.on('error', (error) => this.logger.error(`${queue} worker: ${error.message}`));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    await this.jobQueues.upsertRecurringJobs({ outboxRelayEveryMs: this.config.outboxRelayEveryMs });
    this.logger.log(`Processing queues ${queues.join(', ')} under prefix ${this.config.queuePrefix}`);
  }

  /** Lets running jobs finish, then stops taking new ones. Connections close after this. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers.length = 0;
  }

  private process(job: Job): Promise<unknown> {
    return runWithJobLogFields(jobLogFields(job), async () => {
      const started = performance.now();
      const attempt = job.attemptsMade + 1;
      this.logger.log({ attempt, msg: 'Job started' });
      try {
        const outcome = await this.run(job);
        this.logger.log({ attempt, durationMs: Math.round(performance.now() - started), outcome: typeof outcome === 'string' ? outcome : undefined, msg: 'Job completed' });
        return outcome;
      } catch (error) {
        this.loggedFailures.add(job);
        this.logger.warn({ attempt, durationMs: Math.round(performance.now() - started), err: error, msg: 'Job failed' });
        throw error;
      }
    });
  }

  private async run(job: Job): Promise<unknown> {
    const handler = this.registry.get(job.name as JobName);
    if (!handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    let payload: unknown;
    try {
      payload = parseJobPayload(job.name as JobName, job.data);
    } catch (error) {
      // A payload that does not fit its schema will not fit on retry either.
      throw new UnrecoverableError((error as Error).message);
    }
    return handler.handle(payload as never, job);
  }
}
