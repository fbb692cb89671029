import 'reflect-metadata';
import { Logger, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JobQueues } from '@lena/jobs';
import { loadWorkerConfig, type WorkerConfig } from './config/worker-config';
import { WorkerModule } from './worker.module';

export interface StartWorkerOptions {
  /** Settings that win over the environment (tests shorten the retry backoff, for instance). */
  config?: Partial<WorkerConfig>;
  logger?: LoggerService | LogLevel[] | false;
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
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    abortOnError: false,
    logger: options.logger ?? ['log', 'warn', 'error'],
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
