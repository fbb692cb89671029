import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import type { DashboardProgramme, OutcomeInstrument, SubscaleLabel } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** A programme's rollup as the dashboard reads it, with when it was computed. */
export type DashboardRow = DashboardProgramme & { computedAt: Date };

/**
 * Reads rollups (`outcome_rollup`), never raw measurements: the dashboard's figures come from the
 * worker's rows. Outcome changes come from the published subscales only, never the live ones, so
 * two reads differ by whole publications (at least the minimum group size of pairs). Every
 * statement names the tenant.
 */
@Injectable()
export class OutcomeDashboardRepository {
  async minGroupSize(tenantId: string): Promise<number> {
    const rows = await requestContext().uow.query<{ minGroupSize: number }>(`SELECT min_reporting_group_size AS "minGroupSize" FROM tenant WHERE id = $1`, [tenantId], {
      prepared: true,
    });
    return oneRow(rows, 'tenant').minGroupSize;
  }

  /** Every programme of the organisation that has a rollup, with its team and service type. */
  async rollups(tenantId: string): Promise<DashboardRow[]> {
    const rows = await requestContext().uow.query<{
      programmeId: string;
      title: string;
      teamId: string;
      teamName: string;
      serviceType: DashboardProgramme['serviceType'];
      sessionsBought: number;
      sessionsPlanned: number;
      sessionsDelivered: number;
      sessionsCancelled: number;
      attendanceMarked: number;
      attendancePresent: number;
      attendees: number;
      finalMonth: string | null;
      months: DashboardProgramme['rollup']['months'];
      subscales: DashboardProgramme['rollup']['subscales'];
      measurements: number;
      computedAt: Date;
    }>(
      `SELECT r.programme_id AS "programmeId", p.title, p.team_id AS "teamId", t.name AS "teamName", p.service_type AS "serviceType",
              r.sessions_bought AS "sessionsBought", r.sessions_planned AS "sessionsPlanned", r.sessions_delivered AS "sessionsDelivered",
              r.sessions_cancelled AS "sessionsCancelled", r.attendance_marked AS "attendanceMarked", r.attendance_present AS "attendancePresent",
              r.attendees, r.final_month AS "finalMonth", r.months, r.published_subscales AS subscales, r.measurements, r.computed_at AS "computedAt"
         FROM outcome_rollup r
         JOIN programme p ON p.tenant_id = r.tenant_id AND p.id = r.programme_id
         JOIN team t ON t.tenant_id = p.tenant_id AND t.id = p.team_id
        WHERE r.tenant_id = $1`,
      [tenantId],
      { prepared: true },
    );
    return rows.map(({ programmeId, title, teamId, teamName, serviceType, computedAt, ...rollup }) => ({ programmeId, title, teamId, teamName, serviceType, computedAt, rollup }));
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
  async programmeInfo(
    tenantId: string,
    programmeId: string,
  ): Promise<{ programmeId: string; title: string; teamId: string; teamName: string; serviceType: DashboardProgramme['serviceType']; sessionsBought: number }> {
    const rows = await requestContext().uow.query<{
      programmeId: string;
      title: string;
      teamId: string;
      teamName: string;
      serviceType: DashboardProgramme['serviceType'];
      sessionsBought: number;
    }>(
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
  async subscaleLabels(tenantId: string, instrumentKeys: readonly string[]): Promise<SubscaleLabel[]> {
    if (instrumentKeys.length === 0) return [];
    const rows = await requestContext().uow.query<{ key: string; definition: OutcomeInstrument }>(
      `SELECT DISTINCT ON (key) key, definition FROM (
         SELECT t.key, t.version, t.definition, 0 AS own FROM tenant_outcome_instrument t WHERE t.tenant_id = $1 AND t.key = ANY($2::text[])
         UNION ALL
         SELECT o.key, o.version, o.definition, 1 AS own FROM outcome_instrument o WHERE o.key = ANY($2::text[]) AND o.definition IS NOT NULL
       ) i ORDER BY key, own, version DESC`,
      [tenantId, instrumentKeys],
      { prepared: true },
    );
    return rows.flatMap(({ key, definition }) => definition.subscales.map((subscale) => ({ instrumentKey: key, subscaleKey: subscale.key, title: subscale.title })));
  }
}
