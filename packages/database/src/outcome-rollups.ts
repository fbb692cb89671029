import type { DashboardProgramme, OutcomeInstrument, OutcomeRollupFigures, SubscaleLabel, SubscaleRollup } from '@lena/domain';
import type { UnitOfWork } from './unit-of-work';

/**
 * A programme's rollup (`outcome_rollup`), written one way and read one way. The write is the
 * worker's refresh (and, as it would write them, the demo seed and the tests). The reads are
 * shared by every channel (the API's dashboards, the worker's reports), so that all of them show
 * the same figures: the rollups (`outcome_rollup`, never raw measurements) with
 * the published subscales only, never the live ones, so two reads differ by whole publications (at
 * least the minimum group size of pairs). Prepared statements: planning their row-level security
 * policies costs more than running them. Every statement names the tenant.
 */

/**
 * The statement that stores a programme's rollup, replacing any it had: its figures (live) and
 * `published`, the subscales as the dashboards are to show them (`publishSubscales`). A statement
 * rather than a function of a unit of work, so that a test's own connection can run it too.
 */
export function rollupUpsert(tenantId: string, programmeId: string, figures: OutcomeRollupFigures, published: readonly SubscaleRollup[]): { sql: string; params: unknown[] } {
  return {
    sql: `INSERT INTO outcome_rollup (tenant_id, programme_id, sessions_bought, sessions_planned, sessions_delivered, sessions_cancelled,
                                      attendance_marked, attendance_present, attendees, final_month, months, subscales, measurements,
                                      published_subscales, computed_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now())
          ON CONFLICT (tenant_id, programme_id) DO UPDATE SET
            sessions_bought = EXCLUDED.sessions_bought, sessions_planned = EXCLUDED.sessions_planned,
            sessions_delivered = EXCLUDED.sessions_delivered, sessions_cancelled = EXCLUDED.sessions_cancelled,
            attendance_marked = EXCLUDED.attendance_marked, attendance_present = EXCLUDED.attendance_present,
            attendees = EXCLUDED.attendees, final_month = EXCLUDED.final_month, months = EXCLUDED.months,
            subscales = EXCLUDED.subscales, measurements = EXCLUDED.measurements,
            published_subscales = EXCLUDED.published_subscales, computed_at = now()`,
    params: [
      tenantId,
      programmeId,
      figures.sessionsBought,
      figures.sessionsPlanned,
      figures.sessionsDelivered,
      figures.sessionsCancelled,
      figures.attendanceMarked,
      figures.attendancePresent,
      figures.attendees,
      figures.finalMonth,
      JSON.stringify(figures.months),
      JSON.stringify(figures.subscales),
      figures.measurements,
      JSON.stringify(published),
    ],
  };
}

/** A programme's rollup as it is shown, with when it was computed. */
export type PublishedRollup = DashboardProgramme & { computedAt: Date };

/** Every programme of the organisation that has a rollup, with its team and service type. */
export async function readPublishedRollups(uow: UnitOfWork, tenantId: string): Promise<PublishedRollup[]> {
  const rows = await uow.query<Omit<DashboardProgramme, 'rollup'> & OutcomeRollupFigures & { computedAt: Date }>(
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

/** Subscale names from the newest version of each instrument (the organisation's own first). */
export async function readSubscaleLabels(uow: UnitOfWork, tenantId: string, instrumentKeys: readonly string[]): Promise<SubscaleLabel[]> {
  if (instrumentKeys.length === 0) return [];
  const rows = await uow.query<{ key: string; definition: OutcomeInstrument }>(
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
