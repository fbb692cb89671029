import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { UnitOfWork } from '@lena/database';
import { JobCatalogue, JobQueues, Jobs, parseJobPayload, QueueName, type JobDefinition } from '@lena/jobs';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { WORKER_CONFIG } from '../config/config.module';
import type { WorkerConfig } from '../config/worker-config';
import type { JobHandlerInstance, TenantJobContext } from './job-handler';
import { JobHandler } from './job-handler.decorator';
import { buildJobHandlerRegistry } from './job-handler-registry';
import { jobLogFields, runWithJobLogFields } from './job-log-context';
import { runInTenantJobContext } from './tenant-job-context';

/**
 * Runs one BullMQ worker per queue and hands each job to the handler registered for its name,
 * after validating the payload. Starts only once every declared job has exactly one handler.
 *
 * A tenant job runs inside its tenant's transaction, opened here with the payload's `tenantId`
 * (the unit of work the API uses per request): committed when the handler resolves, rolled back
 * when it throws. Platform jobs get no transaction; they work on platform tables alone.
 */
@Injectable()
export class JobRunner implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobRunner.name);
  private registry = new Map<string, JobHandlerInstance>();
  private readonly workers: Worker[] = [];
  private readonly loggedFailures = new WeakSet<Job>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly jobQueues: JobQueues,
    private readonly catalogue: JobCatalogue,
    private readonly dataSource: DataSource,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  onModuleInit(): void {
    const discovered = this.discovery.getProviders({ metadataKey: JobHandler.KEY }).map((wrapper) => ({
      jobName: this.discovery.getMetadataByDecorator(JobHandler, wrapper)?.name,
      provider: String(wrapper.name),
      instance: wrapper.instance as JobHandlerInstance,
    }));
    this.registry = buildJobHandlerRegistry(discovered, this.catalogue.names);
  }

  async onApplicationBootstrap(): Promise<void> {
    const queues = [...new Set(this.catalogue.definitions.map((job) => job.queue))];
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
    if (this.config.recurringJobs) await this.jobQueues.upsertRecurringJobs({ [Jobs.relayOutbox.name]: this.config.outboxRelayEveryMs });
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
    const definition = this.catalogue.find(job.name);
    const handler = this.registry.get(job.name);
    if (!definition || !handler) throw new UnrecoverableError(`No handler for job "${job.name}"`);
    let payload: unknown;
    try {
      payload = parseJobPayload(definition, job.data);
    } catch (error) {
      // A payload that does not fit its schema will not fit on retry either.
      throw new UnrecoverableError((error as Error).message);
    }
    if (definition.scope === 'platform') return handler.handle(payload as never, { job } as never);
    return this.runInTenant(definition, handler, payload as { tenantId: string }, job);
  }

  /** The handler's work and its tenant's transaction succeed or fail together. */
  private async runInTenant(definition: JobDefinition, handler: JobHandlerInstance, payload: { tenantId: string }, job: Job): Promise<unknown> {
    const uow = new UnitOfWork(this.dataSource, { tenantId: payload.tenantId, userId: null }, { logger: this.logger });
    const context: TenantJobContext = { job, tenantId: payload.tenantId, uow };
    let outcome: unknown;
    try {
      outcome = await runInTenantJobContext(context, () => handler.handle(payload as never, context as never));
    } catch (error) {
      await uow
        .finish(false)
        .catch((rollbackError: unknown) =>
          this.logger.error(`Could not roll back job "${definition.name}": ${rollbackError instanceof Error ? rollbackError.message : String(rollbackError)}`),
        );
      throw error;
    }
    // A failed commit fails the job, and BullMQ retries it: the handler's work is all or nothing.
    await uow.finish(true);
    return outcome;
  }
}
