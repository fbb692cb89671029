export * from './constants';
export * from './connection';
export * from './email-message';
export * from './job-options';
export * from './job-queues';
export * from './payloads';
export * from './recurring';
