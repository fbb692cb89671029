import { withUnitOfWork, type UnitOfWork, type UnitOfWorkLogger } from '@lena/database';
import type { DataSource } from 'typeorm';

/**
 * Runs part of a platform job in a transaction of its own, for the repositories it calls: no
 * tenant and no person, so row-level security shows it no tenant rows (platform jobs work on
 * platform tables). Commits when `work` resolves, rolls back when it throws (and rethrows).
 */
export function inPlatformTransaction<T>(dataSource: DataSource, work: (uow: UnitOfWork) => Promise<T>, logger?: UnitOfWorkLogger): Promise<T> {
  return withUnitOfWork(dataSource, { tenantId: null, userId: null }, work, { logger });
}
