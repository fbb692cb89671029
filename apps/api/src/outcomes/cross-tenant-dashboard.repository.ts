import { Injectable } from '@nestjs/common';
import type { DashboardProgramme, FacilitatorMonthSessions, OutcomeInstrument, SubscaleLabel, UtilisationMonthCounts } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** A rollup row of an organisation in which the facilitator has a programme (theirs named, the rest counts only). */
export interface FacilitatorRollupRow {
  tenantId: string;
  tenantName: string;
  minGroupSize: number;
  programmeId: string;
  assigned: boolean;
  title: string | null;
  teamId: string | null;
  teamName: string | null;
  serviceType: DashboardProgramme['serviceType'] | null;
  sessionCount: number | null;
  rolledUp: boolean;
  rollup: DashboardProgramme['rollup'] | null;
  computedAt: Date | null;
}

export interface UtilisationRow extends UtilisationMonthCounts {
  tenantId: string;
  tenantName: string;
  minGroupSize: number;
  periodAttendees: number;
}

/**
 * Reads that span organisations, for the facilitators' and platform admins' dashboards. Row-level
 * security shows a request one organisation, so each goes through a narrow SECURITY DEFINER
 * function (migration 1797850000000) that answers only its own reader: the facilitator's
 * organisations for `app.user_id`, the platform's to an active platform admin. Counts only.
 */
@Injectable()
export class CrossTenantDashboardRepository {
  async facilitatorRollups(): Promise<FacilitatorRollupRow[]> {
    const rows = await requestContext().uow.query<
      Omit<FacilitatorRollupRow, 'rollup'> & {
        sessionsBought: number | null;
        sessionsPlanned: number | null;
        sessionsDelivered: number | null;
        sessionsCancelled: number | null;
        attendanceMarked: number | null;
        attendancePresent: number | null;
        attendees: number | null;
        finalMonth: string | null;
        months: DashboardProgramme['rollup']['months'] | null;
        subscales: DashboardProgramme['rollup']['subscales'] | null;
        measurements: number | null;
      }
    >(
      `SELECT f.tenant_id AS "tenantId", f.tenant_name AS "tenantName", f.min_group_size AS "minGroupSize", f.programme_id AS "programmeId",
              f.assigned, f.title, f.team_id AS "teamId", f.team_name AS "teamName", f.service_type AS "serviceType", f.session_count AS "sessionCount",
              f.rolled_up AS "rolledUp", f.sessions_bought AS "sessionsBought", f.sessions_planned AS "sessionsPlanned",
              f.sessions_delivered AS "sessionsDelivered", f.sessions_cancelled AS "sessionsCancelled", f.attendance_marked AS "attendanceMarked",
              f.attendance_present AS "attendancePresent", f.attendees, f.final_month AS "finalMonth", f.months, f.subscales, f.measurements,
              f.computed_at AS "computedAt"
         FROM facilitator_outcome_rollups() f`,
    );
    return rows.map(
      ({
        sessionsBought,
        sessionsPlanned,
        sessionsDelivered,
        sessionsCancelled,
        attendanceMarked,
        attendancePresent,
        attendees,
        finalMonth,
        months,
        subscales,
        measurements,
        ...row
      }) => ({
        ...row,
        rollup: row.rolledUp
          ? {
              sessionsBought: sessionsBought!,
              sessionsPlanned: sessionsPlanned!,
              sessionsDelivered: sessionsDelivered!,
              sessionsCancelled: sessionsCancelled!,
              attendanceMarked: attendanceMarked!,
              attendancePresent: attendancePresent!,
              attendees: attendees!,
              finalMonth,
              months: months!,
              subscales: subscales!,
              measurements: measurements!,
            }
          : null,
      }),
    );
  }

  async platformUtilisation(from: string, to: string): Promise<UtilisationRow[]> {
    return requestContext().uow.query<UtilisationRow>(
      `SELECT u.tenant_id AS "tenantId", u.tenant_name AS "tenantName", u.min_group_size AS "minGroupSize", u.month, u.bought, u.scheduled,
              u.delivered, u.attendances, u.attendees, u.period_attendees AS "periodAttendees"
         FROM platform_utilisation($1, $2) u`,
      [from, to],
    );
  }

  async platformFacilitatorLoad(from: string, to: string): Promise<FacilitatorMonthSessions[]> {
    return requestContext().uow.query<FacilitatorMonthSessions>(
      `SELECT l.user_id AS "userId", l.display_name AS "displayName", l.month, l.sessions FROM platform_facilitator_load($1, $2) l`,
      [from, to],
    );
  }

  /** An organisation's name (a platform table), or null when there is none with that id. */
  async tenantName(tenantId: string): Promise<string | null> {
    const [row] = await requestContext().uow.query<{ name: string }>(`SELECT name FROM tenant WHERE id = $1`, [tenantId]);
    return row?.name ?? null;
  }

  /** Subscale names of the organisations' own instruments, by organisation, where the facilitator has a programme. */
  async facilitatorOwnSubscaleLabels(): Promise<Array<SubscaleLabel & { tenantId: string }>> {
    return requestContext().uow.query<SubscaleLabel & { tenantId: string }>(
      `SELECT l.tenant_id AS "tenantId", l.instrument_key AS "instrumentKey", l.subscale_key AS "subscaleKey", l.title FROM facilitator_subscale_labels() l`,
    );
  }

  /**
   * Subscale names from the newest version of each of the platform's instruments (an
   * organisation's own instrument of the same key takes their place).
   */
  async platformSubscaleLabels(instrumentKeys: readonly string[]): Promise<SubscaleLabel[]> {
    if (instrumentKeys.length === 0) return [];
    const rows = await requestContext().uow.query<{ key: string; definition: OutcomeInstrument }>(
      `SELECT DISTINCT ON (key) key, definition FROM outcome_instrument WHERE key = ANY ($1::text[]) AND definition IS NOT NULL ORDER BY key, version DESC`,
      [instrumentKeys],
    );
    return rows.flatMap(({ key, definition }) => definition.subscales.map((subscale) => ({ instrumentKey: key, subscaleKey: subscale.key, title: subscale.title })));
  }
}
