import { createLogger, loggerOptionsFromEnv } from '@lena/logging';
import { startWorker } from './start-worker';

export { startWorker } from './start-worker';
export type { StartWorkerOptions, WorkerHandle } from './start-worker';

async function main(): Promise<void> {
  const logger = createLogger(loggerOptionsFromEnv(process.env, 'worker'));
  let worker: Awaited<ReturnType<typeof startWorker>>;
  try {
    worker = await startWorker(process.env, { logger });
  } catch (error) {
    logger.fatal({ err: error }, 'Start-up failed');
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal} received: finishing running jobs, then closing`);
    worker.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    // Only reached when the log settings themselves are wrong.
    console.error('Start-up failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
