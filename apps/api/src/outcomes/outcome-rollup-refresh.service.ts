import { Injectable } from '@nestjs/common';
import { WorkerNudgeService } from '../notifications/worker-nudge.service';

/**
 * The outcomes context's one way to have a programme's rollup recomputed, for whatever stores a
 * measurement (the submission path): after this request's commit, the worker's debounced
 * `refresh-outcome-rollup` job for the programme. Ids only.
 */
@Injectable()
export class OutcomeRollupRefreshService {
  constructor(private readonly nudges: WorkerNudgeService) {}

  afterCommit(tenantId: string, programmeId: string): void {
    this.nudges.refreshOutcomeRollupAfterCommit(tenantId, programmeId);
  }
}
