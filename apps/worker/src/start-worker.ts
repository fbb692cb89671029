import 'reflect-metadata';
import { createLogger, loggerOptionsFromEnv, PinoNestLogger, type Logger as PinoLogger } from '@lena/logging';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JobQueues } from '@lena/jobs';
import { loadWorkerConfig, type WorkerConfig } from './config/worker-config';
import { currentJobLogFields } from './jobs/job-log-context';
import { WorkerModule } from './worker.module';

export interface StartWorkerOptions {
  /** Settings that win over the environment (tests shorten the retry backoff, for instance). */
  config?: Partial<WorkerConfig>;
  /**
   * Where the worker logs: a pino logger (tests pass one writing to a stream they read), `false`
   * for nothing, or by default JSON on stdout as LENA_LOG_FORMAT and LENA_LOG_LEVEL say.
   */
  logger?: PinoLogger | false;
}

export interface WorkerHandle {
  readonly config: WorkerConfig;
  /** The producer side of the queues, e.g. to trigger a relay now. */
  readonly queues: JobQueues;
  /** Waits for running jobs, then closes workers, Redis, SMTP and the database pool. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the worker in this process: `node dist/main.js` does this, and so can tests. Rejects if
 * a dependency is unreachable or a job name lacks exactly one handler.
 */
export async function startWorker(env: NodeJS.ProcessEnv = process.env, options: StartWorkerOptions = {}): Promise<WorkerHandle> {
  const config = loadWorkerConfig(env, options.config);
  const logger = options.logger === false ? createLogger({ service: 'worker', level: 'silent' }) : (options.logger ?? createLogger(loggerOptionsFromEnv(env, 'worker')));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    abortOnError: false,
    // Every Nest Logger line goes to pino; inside a job it carries the job's id, name and tenant.
    logger: new PinoNestLogger(logger, () => {
      const fields = currentJobLogFields();
      return fields ? logger.child(fields) : undefined;
    }),
  });
  let closing: Promise<void> | undefined;
  return {
    config,
    queues: app.get(JobQueues),
    close: () => {
      closing ??= app.close().then(() => Logger.log('Worker stopped', 'Worker'));
      return closing;
    },
  };
}
