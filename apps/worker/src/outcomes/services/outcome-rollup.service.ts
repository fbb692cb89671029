import { Injectable, Logger } from '@nestjs/common';
import { computeOutcomeRollup, publishSubscales, type OutcomeRollupFigures, type RollupSubscaleInfo } from '@lena/domain';
import { JobQueues } from '@lena/jobs';
import { DataSource } from 'typeorm';
import type { TenantJobContext } from '../../jobs/job-handler';
import { inPlatformTransaction } from '../../jobs/platform-transaction';
import { OutcomeRollupRepository, type ProgrammeRawRows } from '../outcome-rollup.repository';

/**
 * The outcomes queue's rollups. A refresh recomputes one programme's row from its raw rows with
 * the domain's pure `computeOutcomeRollup`, under the programme's lock: however often and in
 * whatever order refreshes run, the row's live figures end equal to a recompute from scratch. What
 * the dashboards read, the published subscales, move only by the publication rule (`publishSubscales`):
 * at the minimum group size, then only after that many more pairs. The nightly run
 * refreshes every programme of every active organisation (one job each), so a lost nudge costs
 * at most a day.
 */
@Injectable()
export class OutcomeRollupService {
  private readonly logger = new Logger(OutcomeRollupService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly rollups: OutcomeRollupRepository,
    private readonly jobQueues: JobQueues,
  ) {}

  /** Recomputes and writes the programme's rollup; null when the programme is not the tenant's. */
  async refresh({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>, programmeId: string): Promise<OutcomeRollupFigures | null> {
    await this.rollups.lockProgramme(uow, tenantId, programmeId);
    const raw = await this.rollups.rawRows(uow, tenantId, programmeId);
    if (!raw) return null;
    const figures = computeOutcomeRollup({ ...raw, subscales: subscalesOf(raw) });
    const { published, minGroupSize } = await this.rollups.publication(uow, tenantId, programmeId);
    await this.rollups.write(uow, tenantId, programmeId, figures, publishSubscales(figures.subscales, published, minGroupSize));
    return figures;
  }

  /** One organisation's share of the nightly run: a refresh job per programme. */
  async refreshTenant({ uow, tenantId }: Pick<TenantJobContext, 'uow' | 'tenantId'>): Promise<{ programmes: number }> {
    const programmeIds = await this.rollups.programmeIds(uow, tenantId);
    await this.jobQueues.enqueueOutcomeRollupRefresh(programmeIds.map((programmeId) => ({ tenantId, programmeId })));
    return { programmes: programmeIds.length };
  }

  /** `runJobId`: the nightly job's own id, which names the tenant jobs it adds. */
  async refreshAll(runJobId: string): Promise<{ organisations: number }> {
    const tenantIds = await inPlatformTransaction(this.dataSource, (uow) => this.rollups.activeTenantIds(uow), this.logger);
    await this.jobQueues.enqueueTenantOutcomeRollups(tenantIds, runJobId);
    return { organisations: tenantIds.length };
  }
}

/**
 * The subscales to pair: each instrument's, from the newest version its measurements used (a new
 * version keeps its subscales' keys; its direction and reliability are the current word).
 */
function subscalesOf(raw: ProgrammeRawRows): RollupSubscaleInfo[] {
  const newest = new Map<string, ProgrammeRawRows['instruments'][number]>();
  for (const instrument of raw.instruments) {
    const seen = newest.get(instrument.key);
    if (instrument.definition && (!seen || seen.version < instrument.version)) newest.set(instrument.key, instrument);
  }
  return [...newest.values()].flatMap(({ key, definition }) =>
    definition!.subscales.map((subscale) => ({
      instrumentKey: key,
      subscaleKey: subscale.key,
      direction: subscale.direction,
      ...(subscale.reliability === undefined ? {} : { reliability: subscale.reliability }),
    })),
  );
}
