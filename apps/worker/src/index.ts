export { startWorker } from './start-worker';
export type { StartWorkerOptions, WorkerHandle } from './start-worker';
export { loadWorkerConfig, DEFAULT_MAIL_FROM, DEFAULT_SMTP_URL } from './config/worker-config';
export type { WorkerConfig } from './config/worker-config';
// The series expansion's parts, for the benchmark that drives the real code path (tooling/bench).
export { SeriesExpansionService } from './scheduling/services/series-expansion.service';
export { SeriesRepository } from './scheduling/series.repository';
export { OutboxEmailService } from './notifications/services/outbox-email.service';
export { OutboxRepository } from './notifications/outbox.repository';
