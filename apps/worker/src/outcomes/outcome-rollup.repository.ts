import { Injectable } from '@nestjs/common';
import { rollupUpsert, type UnitOfWork } from '@lena/database';
import type { OutcomeInstrument, OutcomeRollupFigures, RollupMeasurement, RollupSession, SubscaleRollup } from '@lena/domain';

/** A programme's raw rows, as the rollup reads them. */
export interface ProgrammeRawRows {
  sessionsBought: number;
  sessions: RollupSession[];
  attendance: { marked: number; present: number; attendees: number };
  measurements: RollupMeasurement[];
  /** The definitions of the instrument versions its measurements used. */
  instruments: Array<{ key: string; version: number; definition: OutcomeInstrument | null }>;
}

/** Reads a programme's raw rows and writes its `outcome_rollup` row. Every statement names the tenant. */
@Injectable()
export class OutcomeRollupRepository {
  /**
   * Holds the programme's rollup lock until the transaction ends: two refreshes of one programme
   * (the debounced job and its follow-up, or two replicas) run one after the other, so the later
   * one reads what the earlier did and more.
   */
  async lockProgramme(uow: UnitOfWork, tenantId: string, programmeId: string): Promise<void> {
    await uow.query(`SELECT pg_advisory_xact_lock(hashtextextended('outcome_rollup:' || $1 || ':' || $2, 0))`, [tenantId, programmeId]);
  }

  /** What the programme's rollup last published, and the organisation's minimum group size it publishes by. */
  async publication(uow: UnitOfWork, tenantId: string, programmeId: string): Promise<{ published: SubscaleRollup[]; minGroupSize: number }> {
    const [row] = await uow.query<{ published: SubscaleRollup[] | null; minGroupSize: number }>(
      `SELECT r.published_subscales AS published, t.min_reporting_group_size AS "minGroupSize"
         FROM tenant t LEFT JOIN outcome_rollup r ON r.tenant_id = t.id AND r.programme_id = $2
        WHERE t.id = $1`,
      [tenantId, programmeId],
    );
    if (!row) throw new Error(`Organisation ${tenantId} is not there to publish outcome figures for.`);
    return { published: row.published ?? [], minGroupSize: row.minGroupSize };
  }

  /** Null when the programme is not this tenant's (or is gone). */
  async rawRows(uow: UnitOfWork, tenantId: string, programmeId: string): Promise<ProgrammeRawRows | null> {
    const [programme] = await uow.query<{ sessionsBought: number }>(`SELECT session_count AS "sessionsBought" FROM programme WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      programmeId,
    ]);
    if (!programme) return null;
    const [sessions, [attendance], measurements] = await Promise.all([
      uow.query<RollupSession>(
        `SELECT s.status, to_char(s.starts_at AT TIME ZONE p.time_zone, 'YYYY-MM') AS month
           FROM group_session s JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
          WHERE s.tenant_id = $1 AND s.programme_id = $2
          ORDER BY s.sequence`,
        [tenantId, programmeId],
      ),
      uow.query<{ marked: number; present: number; attendees: number }>(
        `SELECT count(*)::int AS marked, count(*) FILTER (WHERE a.status IN ('PRESENT', 'LATE'))::int AS present, count(DISTINCT a.user_id)::int AS attendees
           FROM attendance a JOIN group_session s ON s.tenant_id = a.tenant_id AND s.id = a.session_id
          WHERE a.tenant_id = $1 AND s.programme_id = $2 AND s.status = 'DELIVERED'`,
        [tenantId, programmeId],
      ),
      uow.query<RollupMeasurement & { instrumentVersion: number }>(
        `SELECT instrument_key AS "instrumentKey", instrument_version AS "instrumentVersion", point, pseudonym, scores
           FROM outcome_measurement WHERE tenant_id = $1 AND programme_id = $2
          ORDER BY instrument_key, point, pseudonym`,
        [tenantId, programmeId],
      ),
    ]);
    const versions = [
      ...new Map(measurements.map((row) => [`${row.instrumentKey}@${row.instrumentVersion}`, { key: row.instrumentKey, version: row.instrumentVersion }])).values(),
    ];
    const instruments =
      versions.length === 0
        ? []
        : await uow.query<{ key: string; version: number; definition: OutcomeInstrument | null }>(
            `WITH wanted AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS w(key text, version integer))
             SELECT t.key, t.version, t.definition FROM tenant_outcome_instrument t JOIN wanted w USING (key, version) WHERE t.tenant_id = $1
             UNION ALL
             SELECT o.key, o.version, o.definition FROM outcome_instrument o JOIN wanted w USING (key, version)
              WHERE NOT EXISTS (SELECT 1 FROM tenant_outcome_instrument t WHERE t.tenant_id = $1 AND t.key = o.key AND t.version = o.version)`,
            [tenantId, JSON.stringify(versions)],
          );
    return {
      sessionsBought: programme.sessionsBought,
      sessions,
      attendance: attendance!,
      measurements: measurements.map(({ instrumentKey, point, pseudonym, scores }) => ({ instrumentKey, point, pseudonym, scores })),
      instruments,
    };
  }

  /** `published`: the subscales as the dashboards are to show them (`publishSubscales`). */
  async write(uow: UnitOfWork, tenantId: string, programmeId: string, figures: OutcomeRollupFigures, published: readonly SubscaleRollup[]): Promise<void> {
    const { sql, params } = rollupUpsert(tenantId, programmeId, figures, published);
    await uow.query(sql, params);
  }

  /** The organisation's programmes that can have figures: every one past its request. */
  async programmeIds(uow: UnitOfWork, tenantId: string): Promise<string[]> {
    const rows = await uow.query<{ id: string }>(`SELECT id FROM programme WHERE tenant_id = $1 AND status NOT IN ('REQUESTED', 'PROPOSED') ORDER BY id`, [tenantId]);
    return rows.map((row) => row.id);
  }

  async activeTenantIds(uow: UnitOfWork): Promise<string[]> {
    const rows = await uow.query<{ id: string }>("SELECT id FROM tenant WHERE status = 'ACTIVE' ORDER BY id");
    return rows.map((row) => row.id);
  }
}
