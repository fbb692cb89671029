import { Injectable } from '@nestjs/common';
import { oneRow, readPublishedRollups, readSubscaleLabels, type PublishedRollup } from '@lena/database';
import type { DashboardProgramme, SubscaleLabel } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** A programme's rollup as the dashboard reads it, with when it was computed. */
export type DashboardRow = PublishedRollup;

/**
 * Reads rollups (`outcome_rollup`), never raw measurements: the dashboard's figures come from the
 * worker's rows, through the reads the reports share (`@lena/database`'s outcome reads: published
 * subscales only). Every statement names the tenant.
 */
@Injectable()
export class OutcomeDashboardRepository {
  async minGroupSize(tenantId: string): Promise<number> {
    const rows = await requestContext().uow.query<{ minGroupSize: number }>(`SELECT min_reporting_group_size AS "minGroupSize" FROM tenant WHERE id = $1`, [tenantId], {
      prepared: true,
    });
    return oneRow(rows, 'tenant').minGroupSize;
  }

  /** Every programme of the organisation that has a rollup, with its team and service type (published figures only). */
  rollups(tenantId: string): Promise<DashboardRow[]> {
    return readPublishedRollups(requestContext().uow, tenantId);
  }

  /** The organisation of a programme the facilitator is assigned to; null for any other programme. */
  async assignedProgrammeTenant(userId: string, programmeId: string): Promise<string | null> {
    const [row] = await requestContext().uow.query<{ tenantId: string }>(
      `SELECT p.tenant_id AS "tenantId" FROM programme p
        WHERE p.id = $2 AND EXISTS (SELECT 1 FROM programme_facilitator pf WHERE pf.tenant_id = p.tenant_id AND pf.programme_id = p.id AND pf.user_id = $1)`,
      [userId, programmeId],
      { prepared: true },
    );
    return row?.tenantId ?? null;
  }

  async programmeExists(tenantId: string, programmeId: string): Promise<boolean> {
    const rows = await requestContext().uow.query(`SELECT 1 FROM programme WHERE tenant_id = $1 AND id = $2`, [tenantId, programmeId], { prepared: true });
    return rows.length > 0;
  }

  /** A programme of the organisation as the dashboard names it, for one not yet rolled up. */
  async programmeInfo(tenantId: string, programmeId: string): Promise<Omit<DashboardProgramme, 'rollup'> & { sessionsBought: number }> {
    const rows = await requestContext().uow.query<Omit<DashboardProgramme, 'rollup'> & { sessionsBought: number }>(
      `SELECT p.id AS "programmeId", p.title, p.team_id AS "teamId", t.name AS "teamName", p.service_type AS "serviceType", p.session_count AS "sessionsBought"
         FROM programme p JOIN team t ON t.tenant_id = p.tenant_id AND t.id = p.team_id
        WHERE p.tenant_id = $1 AND p.id = $2`,
      [tenantId, programmeId],
      { prepared: true },
    );
    return oneRow(rows, 'programme');
  }

  async teamExists(tenantId: string, teamId: string): Promise<boolean> {
    const rows = await requestContext().uow.query(`SELECT 1 FROM team WHERE tenant_id = $1 AND id = $2`, [tenantId, teamId], { prepared: true });
    return rows.length > 0;
  }

  /** Subscale names from the newest version of each instrument (the organisation's own first). */
  subscaleLabels(tenantId: string, instrumentKeys: readonly string[]): Promise<SubscaleLabel[]> {
    return readSubscaleLabels(requestContext().uow, tenantId, instrumentKeys);
  }
}
