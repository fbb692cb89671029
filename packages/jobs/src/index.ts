export * from './catalogue';
export * from './constants';
export * from './define-job';
export * from './connection';
export * from './email-message';
export * from './job-options';
export * from './job-queues';
export * from './recurring';
