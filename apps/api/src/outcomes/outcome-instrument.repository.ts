import { Injectable } from '@nestjs/common';
import type { InstrumentLicence, OutcomeInstrument } from '@lena/domain';
import { DataSource } from 'typeorm';
import { requestContext } from '../common/request-context';

/** An instrument version as stored: a shipped one, a licence-only entry (no definition) or an organisation's own. */
export interface StoredInstrument {
  key: string;
  version: number;
  title: string;
  licence: InstrumentLicence;
  definition: OutcomeInstrument | null;
  tenantSpecific: boolean;
}

/** A shipped entry as the domain defines it, for writing at start-up. */
export interface ShippedEntry {
  key: string;
  version: number;
  title: string;
  licence: InstrumentLicence;
  definition: OutcomeInstrument | null;
}

export interface StoredConfirmation {
  instrumentKey: string;
  confirmedAt: Date;
  confirmedByName: string | null;
}

const COLUMNS = `key, version, title, licence, definition`;

/**
 * Outcome instruments: the platform's (`outcome_instrument`, no tenant) and each organisation's
 * own (`tenant_outcome_instrument`, row-level security), and organisations' licence confirmations.
 * Rows are only ever inserted: a used version cannot change (trigger), and none is edited here.
 */
@Injectable()
export class OutcomeInstrumentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes each shipped entry that is not stored yet, outside any request (start-up), and returns
   * the keys and versions whose stored row differs from the domain's definition: a shipped
   * instrument changed without a new version, which must never reach people's answers.
   */
  async ensureShipped(entries: readonly ShippedEntry[]): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `WITH wanted AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS w(key text, version integer, title text, licence jsonb, definition jsonb)
       ), inserted AS (
         INSERT INTO outcome_instrument (${COLUMNS}) SELECT ${COLUMNS} FROM wanted
         ON CONFLICT (key, version) DO NOTHING RETURNING key, version
       )
       SELECT w.key || ' version ' || w.version AS label
         FROM wanted w JOIN outcome_instrument o ON o.key = w.key AND o.version = w.version
        WHERE (o.title, o.licence, o.definition) IS DISTINCT FROM (w.title, w.licence, w.definition)`,
      [JSON.stringify(entries)],
    )) as Array<{ label: string }>;
    return rows.map((row) => row.label);
  }

  /** The newest version of each platform instrument and licence entry. */
  latestShipped(): Promise<StoredInstrument[]> {
    return requestContext().uow.query<StoredInstrument>(`SELECT DISTINCT ON (key) ${COLUMNS}, false AS "tenantSpecific" FROM outcome_instrument ORDER BY key, version DESC`);
  }

  /** The newest version of each of the organisation's own instruments. */
  latestOwn(tenantId: string): Promise<StoredInstrument[]> {
    return requestContext().uow.query<StoredInstrument>(
      `SELECT DISTINCT ON (key) ${COLUMNS}, true AS "tenantSpecific" FROM tenant_outcome_instrument WHERE tenant_id = $1 ORDER BY key, version DESC`,
      [tenantId],
    );
  }

  /** The newest version of the organisation's own instrument `key`, or null. */
  async latestOwnVersion(tenantId: string, key: string): Promise<number | null> {
    const [row] = await requestContext().uow.query<{ version: number | null }>(`SELECT max(version) AS version FROM tenant_outcome_instrument WHERE tenant_id = $1 AND key = $2`, [
      tenantId,
      key,
    ]);
    return row?.version ?? null;
  }

  async insertOwn(tenantId: string, instrument: OutcomeInstrument, createdBy: string): Promise<void> {
    await requestContext().uow.query(
      `INSERT INTO tenant_outcome_instrument (tenant_id, key, version, title, licence, definition, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [tenantId, instrument.key, instrument.version, instrument.title, JSON.stringify(instrument.licence), JSON.stringify(instrument), createdBy],
    );
  }

  async tenantExists(tenantId: string): Promise<boolean> {
    const rows = await requestContext().uow.query(`SELECT 1 FROM tenant WHERE id = $1`, [tenantId]);
    return rows.length > 0;
  }

  async confirmations(tenantId: string): Promise<StoredConfirmation[]> {
    return requestContext().uow.query<StoredConfirmation>(
      `SELECT l.instrument_key AS "instrumentKey", l.confirmed_at AS "confirmedAt", u.display_name AS "confirmedByName"
         FROM tenant_instrument_licence l LEFT JOIN user_account u ON u.id = l.confirmed_by
        WHERE l.tenant_id = $1`,
      [tenantId],
    );
  }

  /** Records the confirmation; false when the organisation had already given one (the first stands). */
  async confirm(tenantId: string, instrumentKey: string, userId: string): Promise<boolean> {
    const rows = await requestContext().uow.query(
      `INSERT INTO tenant_instrument_licence (tenant_id, instrument_key, confirmed_by) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, instrument_key) DO NOTHING RETURNING 1`,
      [tenantId, instrumentKey, userId],
    );
    return rows.length > 0;
  }
}
