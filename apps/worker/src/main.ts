import { Logger } from '@nestjs/common';
import { startWorker } from './start-worker';

export { startWorker } from './start-worker';
export type { StartWorkerOptions, WorkerHandle } from './start-worker';

async function main(): Promise<void> {
  const worker = await startWorker(process.env);
  const logger = new Logger('Worker');
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: finishing running jobs, then closing`);
    worker.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Shutdown failed: ${(error as Error).stack ?? error}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    new Logger('Worker').error(`Start-up failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  });
}
