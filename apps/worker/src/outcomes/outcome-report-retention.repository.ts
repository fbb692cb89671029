import { Injectable } from '@nestjs/common';
import { AuditAction } from '@lena/domain';
import { DataSource } from 'typeorm';

/**
 * Outcome reports past their expiry (30 days after they were ready), deleted a batch per
 * statement. The purge acts for no organisation, so no policy shows it a report: the deleting is
 * done by `outcome_purge_expired_reports` (migration 1797600000000), which returns counts per
 * organisation; the same statement audits each organisation's count, as the note purge does.
 * Autocommitted per batch, safe on two replicas (SKIP LOCKED).
 */
@Injectable()
export class OutcomeReportRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes up to `batchSize` expired reports; how many it deleted. */
  async purgeBatch(batchSize: number): Promise<number> {
    const rows = (await this.dataSource.query(
      `WITH purged AS (SELECT * FROM outcome_purge_expired_reports($1))
       INSERT INTO audit_event (action, tenant_id, target_type, detail)
       SELECT $2, purged.tenant_id, 'outcome_report', jsonb_build_object('reports', purged.reports, 'by', 'SYSTEM')
         FROM purged
       RETURNING (detail->>'reports')::int AS reports`,
      [batchSize, AuditAction.OUTCOME_REPORTS_PURGED],
    )) as { reports: number }[];
    return rows.reduce((total, row) => total + row.reports, 0);
  }
}
