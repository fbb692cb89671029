export * from './entities';
export * from './tenant-tables';
export * from './database-config';
export * from './data-source';
export * from './migrate';
export * from './unit-of-work';
export * from './one-row';
export * from './outcome-rollups';
