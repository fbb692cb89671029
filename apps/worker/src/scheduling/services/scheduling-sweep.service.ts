import { Injectable, Logger } from '@nestjs/common';
import { JobQueues } from '@lena/jobs';
import { DataSource } from 'typeorm';
import { inPlatformTransaction } from '../../jobs/platform-transaction';
import { ReminderRepository } from '../reminder.repository';
import { SeriesRepository } from '../series.repository';

/** Expansions handed over per sweep; the next sweep takes the rest. */
const EXPANSIONS_PER_SWEEP = 1_000;

/**
 * The scheduling safety net, derived from the database and safe on any number of replicas:
 * every accepted programme still waiting for its sessions gets its expansion job (the same job id
 * the API's fast path uses, so a programme already queued is not queued twice), and every active
 * organisation gets one reminder run per sweep (job id = organisation and sweep, so a retried
 * sweep adds none). A flushed Redis loses nothing: the rows are still there at the next sweep.
 */
@Injectable()
export class SchedulingSweepService {
  private readonly logger = new Logger(SchedulingSweepService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly series: SeriesRepository,
    private readonly reminders: ReminderRepository,
    private readonly jobQueues: JobQueues,
  ) {}

  /** `sweepJobId`: the sweep job's own id, which names the reminder runs it adds. */
  async sweep(sweepJobId: string): Promise<{ expansions: number; reminderRuns: number }> {
    const { due, tenantIds } = await inPlatformTransaction(
      this.dataSource,
      async (uow) => ({ due: await this.series.expansionsDue(uow, EXPANSIONS_PER_SWEEP), tenantIds: await this.reminders.activeTenantIds(uow) }),
      this.logger,
    );
    await this.jobQueues.enqueueProgrammeExpansions(due);
    await this.jobQueues.enqueueReminderRuns(tenantIds, sweepJobId);
    return { expansions: due.length, reminderRuns: tenantIds.length };
  }
}
