import { Injectable } from '@nestjs/common';
import { oneRow, queryOnItsOwn } from '@lena/database';
import type { InstrumentLicence, MeasurementPoint, OutcomeInstrument, ScoredMeasurement } from '@lena/domain';
import { DataSource } from 'typeorm';
import { requestContext } from '../common/request-context';

/** What a presented outcome link may do (never whose it is). */
export interface PresentedOutcomeLink {
  tenantId: string;
  linkId: string;
  requestId: string;
  programmeId: string;
  point: MeasurementPoint;
  closesAt: Date;
  unspent: boolean;
}

/** A plan's instrument as stored, with its licence and wording (null for a licence-only entry). */
export interface PlannedInstrument {
  key: string;
  version: number;
  licence: InstrumentLicence;
  definition: OutcomeInstrument | null;
}

interface PresentedLinkRow {
  tenant_id: string;
  link_id: string;
  request_id: string;
  programme_id: string;
  point: MeasurementPoint;
  closes_at: Date;
  unspent: boolean;
}

/**
 * Single-use outcome links and the measurements they let in. The link table names its recipient;
 * nothing here reads that column. The recipient's pairing salt is reached only through
 * `outcome_link_pairing_salt(secret)`, and storing the measurements writes no row that the link,
 * or anything naming a person, could be joined to (migration 1797400000000).
 */
@Injectable()
export class OutcomeLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The link with this hash, in any organisation, in one autocommit statement before the unit of work acts anywhere. */
  async findByHash(tokenHash: Buffer): Promise<PresentedOutcomeLink | null> {
    const rows = await queryOnItsOwn<PresentedLinkRow>(this.dataSource, 'SELECT * FROM outcome_link_by_token($1)', [tokenHash]);
    const row = rows[0];
    return row
      ? { tenantId: row.tenant_id, linkId: row.link_id, requestId: row.request_id, programmeId: row.programme_id, point: row.point, closesAt: row.closes_at, unspent: row.unspent }
      : null;
  }

  /** The programme's title, and the instruments its plan asks with their licences, and the licences its organisation confirmed. */
  async plan(tenantId: string, programmeId: string): Promise<{ title: string; instruments: PlannedInstrument[]; confirmed: Set<string> }> {
    const rows = await requestContext().uow.query<{ title: string; instruments: PlannedInstrument[]; confirmed: string[] }>(
      `SELECT p.title,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('key', i.instrument_key, 'version', i.instrument_version,
                                                            'licence', COALESCE(o.licence, t.licence), 'definition', COALESCE(o.definition, t.definition)) ORDER BY i.instrument_key)
                          FROM programme_outcome_instrument i
                          LEFT JOIN outcome_instrument o ON o.key = i.instrument_key AND o.version = i.instrument_version
                          LEFT JOIN tenant_outcome_instrument t ON t.tenant_id = i.tenant_id AND t.key = i.instrument_key AND t.version = i.instrument_version
                         WHERE i.tenant_id = p.tenant_id AND i.programme_id = p.id AND COALESCE(o.licence, t.licence) IS NOT NULL), '[]') AS instruments,
              ARRAY(SELECT c.instrument_key FROM tenant_instrument_licence c WHERE c.tenant_id = p.tenant_id) AS confirmed
         FROM programme p WHERE p.tenant_id = $1 AND p.id = $2`,
      [tenantId, programmeId],
    );
    const row = oneRow(rows, 'programme');
    return { title: row.title, instruments: row.instruments, confirmed: new Set(row.confirmed) };
  }

  /** The link's recipient's pairing salt, for the link's secret while it is unspent and open (made the first time); null otherwise. */
  async pairingSalt(token: string, candidate: Buffer): Promise<Buffer | null> {
    const [row] = await requestContext().uow.query<{ salt: Buffer | null }>('SELECT outcome_link_pairing_salt($1, $2) AS salt', [token, candidate]);
    return row?.salt ?? null;
  }

  /**
   * Spends the link and stores one measurement per instrument in one statement, only while the
   * link is unspent and its request open: of concurrent submissions with one link the DELETE lets
   * one through and the others store nothing. False when this one was not the one.
   */
  async spendAndStore(
    link: Pick<PresentedOutcomeLink, 'tenantId' | 'linkId' | 'requestId' | 'programmeId' | 'point'>,
    pseudonym: string,
    measurements: readonly ScoredMeasurement[],
  ): Promise<boolean> {
    const rows = await requestContext().uow.query(
      `WITH spent AS (
         DELETE FROM outcome_link_unspent u
          USING outcome_request r
          WHERE u.tenant_id = $1 AND u.link_id = $2 AND r.tenant_id = $1 AND r.id = $3 AND r.closes_at > now()
         RETURNING u.tenant_id)
       INSERT INTO outcome_measurement (tenant_id, programme_id, instrument_key, instrument_version, point, pseudonym, scores)
       SELECT $1, $4, m.key, m.version, $5, $6, m.scores
         FROM spent, unnest($7::text[], $8::int[], $9::jsonb[]) AS m (key, version, scores)
       RETURNING 1`,
      [
        link.tenantId,
        link.linkId,
        link.requestId,
        link.programmeId,
        link.point,
        pseudonym,
        measurements.map((measurement) => measurement.instrumentKey),
        measurements.map((measurement) => measurement.instrumentVersion),
        measurements.map((measurement) => JSON.stringify(measurement.scores)),
      ],
    );
    return rows.length > 0;
  }
}
