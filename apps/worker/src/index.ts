export { startWorker } from './start-worker';
export type { StartWorkerOptions, WorkerHandle } from './start-worker';
export { loadWorkerConfig, DEFAULT_MAIL_FROM, DEFAULT_SMTP_URL } from './config/worker-config';
export type { WorkerConfig } from './config/worker-config';
