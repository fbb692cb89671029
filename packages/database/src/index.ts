export * from './entities';
export * from './database-config';
export * from './data-source';
export * from './migrate';
