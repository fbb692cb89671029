import { Injectable } from '@nestjs/common';
import { Jobs } from '@lena/jobs';
import type { JobHandlerInstance } from '../jobs/job-handler';
import { JobHandler } from '../jobs/job-handler.decorator';
import { RetentionPurgeService, type PurgeCounts } from './services/retention-purge.service';

/** Runs daily (a job scheduler upserted at start). */
@Injectable()
@JobHandler(Jobs.purgeExpiredRecords)
export class PurgeExpiredRecordsJob implements JobHandlerInstance<typeof Jobs.purgeExpiredRecords> {
  constructor(private readonly retention: RetentionPurgeService) {}

  handle(): Promise<PurgeCounts> {
    return this.retention.purge();
  }
}
