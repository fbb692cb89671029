import { Injectable } from '@nestjs/common';
import type { MeasurementPlan, ProgrammeStatus, SessionTimes } from '@lena/domain';
import { requestContext } from '../common/request-context';

export interface PlanProgramme {
  id: string;
  tenantId: string;
  status: ProgrammeStatus;
}

export interface StoredPlan extends MeasurementPlan {
  updatedAt: Date;
  instruments: Array<{ key: string; version: number; title: string | null; attribution: string | null }>;
}

/**
 * Programmes' outcome plans (`programme_outcome_plan` and its instruments) and what they are
 * computed from: the programme's status and its sessions.
 */
@Injectable()
export class OutcomePlanRepository {
  async programme(tenantId: string, programmeId: string): Promise<PlanProgramme | null> {
    const [row] = await requestContext().uow.query<PlanProgramme>(`SELECT id, tenant_id AS "tenantId", status FROM programme WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      programmeId,
    ]);
    return row ?? null;
  }

  /** The organisation of a programme, for a platform admin (null for anyone else, or no such programme). */
  async platformTenantOf(programmeId: string): Promise<string | null> {
    const [row] = await requestContext().uow.query<{ tenantId: string | null }>(`SELECT platform_programme_tenant($1) AS "tenantId"`, [programmeId]);
    return row?.tenantId ?? null;
  }

  async plan(tenantId: string, programmeId: string): Promise<StoredPlan | null> {
    const [row] = await requestContext().uow.query<StoredPlan>(
      `SELECT p.midpoint, p.follow_up_months AS "followUpMonths", p.updated_at AS "updatedAt",
              COALESCE((SELECT jsonb_agg(jsonb_build_object(
                         'key', i.instrument_key, 'version', i.instrument_version,
                         'title', COALESCE(o.title, t.title), 'attribution', COALESCE(o.licence, t.licence) ->> 'attribution') ORDER BY i.instrument_key)
                          FROM programme_outcome_instrument i
                          LEFT JOIN outcome_instrument o ON o.key = i.instrument_key AND o.version = i.instrument_version
                          LEFT JOIN tenant_outcome_instrument t ON t.tenant_id = i.tenant_id AND t.key = i.instrument_key AND t.version = i.instrument_version
                         WHERE i.tenant_id = p.tenant_id AND i.programme_id = p.programme_id), '[]') AS instruments
         FROM programme_outcome_plan p WHERE p.tenant_id = $1 AND p.programme_id = $2`,
      [tenantId, programmeId],
    );
    return row ?? null;
  }

  /** The programme's sessions still to be held or held (not cancelled), in start order, as UTC ISO instants. */
  sessions(tenantId: string, programmeId: string): Promise<SessionTimes[]> {
    return requestContext().uow.query<SessionTimes>(
      `SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startsAt", to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "endsAt"
         FROM group_session WHERE tenant_id = $1 AND programme_id = $2 AND status <> 'CANCELLED' ORDER BY starts_at, sequence`,
      [tenantId, programmeId],
    );
  }

  /** Replaces the programme's plan and its instruments, in one statement. */
  async save(tenantId: string, programmeId: string, plan: MeasurementPlan, instruments: ReadonlyArray<{ key: string; version: number }>, userId: string): Promise<void> {
    await requestContext().uow.query(
      `WITH plan AS (
         INSERT INTO programme_outcome_plan (tenant_id, programme_id, midpoint, follow_up_months, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tenant_id, programme_id) DO UPDATE SET midpoint = EXCLUDED.midpoint, follow_up_months = EXCLUDED.follow_up_months, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING tenant_id, programme_id
       ), dropped AS (
         DELETE FROM programme_outcome_instrument i USING plan WHERE i.tenant_id = plan.tenant_id AND i.programme_id = plan.programme_id AND NOT (i.instrument_key = ANY ($6::text[]))
       )
       INSERT INTO programme_outcome_instrument (tenant_id, programme_id, instrument_key, instrument_version)
       SELECT plan.tenant_id, plan.programme_id, chosen.key, chosen.version FROM plan, unnest($6::text[], $7::int[]) AS chosen(key, version)
       ON CONFLICT (tenant_id, programme_id, instrument_key) DO UPDATE SET instrument_version = EXCLUDED.instrument_version`,
      [tenantId, programmeId, plan.midpoint, plan.followUpMonths, userId, instruments.map((i) => i.key), instruments.map((i) => i.version)],
    );
  }

  /**
   * Whether the programme's baseline has been asked (its request opened): the plan is frozen from
   * then on. Locks the plan first, which the outcomes sweep reads FOR SHARE while it opens a point:
   * a sweep opening the baseline now finishes first, and the check (a statement of its own, so a
   * snapshot taken after the lock) then sees its request.
   */
  async baselineAsked(tenantId: string, programmeId: string): Promise<boolean> {
    await requestContext().uow.query('SELECT 1 FROM programme_outcome_plan WHERE tenant_id = $1 AND programme_id = $2 FOR UPDATE', [tenantId, programmeId]);
    const rows = await requestContext().uow.query(`SELECT 1 FROM outcome_request WHERE tenant_id = $1 AND programme_id = $2 AND point = 'BASELINE'`, [tenantId, programmeId]);
    return rows.length > 0;
  }
}
