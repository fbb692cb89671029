import { Injectable } from '@nestjs/common';
import { oneRow, queryOnItsOwn } from '@lena/database';
import type { FeedbackAnswers, Instrument } from '@lena/domain';
import { DataSource } from 'typeorm';
import { requestContext } from '../common/request-context';

/** What a presented link may do (never whose it is). */
export interface PresentedLink {
  tenantId: string;
  linkId: string;
  requestId: string;
  instrumentId: string;
  closesAt: Date;
  unspent: boolean;
}

/** What answering a link did: stored, or (not stored) what the link's state was. */
export interface LinkResponse {
  tenantId: string;
  requestId: string;
  /** The instrument the link's request asks. */
  instrumentId: string;
  closesAt: Date;
  /** Whether the link was unspent (when stored: it was, and is spent now). */
  unspent: boolean;
  stored: boolean;
}

/** A form the page says it was shown, as the platform holds it. */
export interface ShownForm {
  instrumentId: string;
  instrument: Instrument;
}

/** What the feedback page shows above the form. */
export interface FeedbackSessionDetails {
  programmeTitle: string;
  startsAt: Date;
}

interface LinkResponseRow {
  tenant_id: string;
  request_id: string;
  instrument_id: string;
  closes_at: Date;
  unspent: boolean;
  stored: boolean;
}

interface PresentedLinkRow {
  tenant_id: string;
  link_id: string;
  request_id: string;
  instrument_id: string;
  closes_at: Date;
  unspent: boolean;
}

/**
 * Single-use feedback links and the responses they let in. The link table names its recipient;
 * nothing here reads that column, and storing a response writes no row that the link, or anything
 * naming a person, could be joined to (migration 1797000000000 says why spending is a DELETE).
 */
@Injectable()
export class FeedbackLinkRepository {
  /** Instruments never change once used (a trigger enforces it), so each is read once per process. */
  private readonly instruments = new Map<string, Instrument>();
  /** Instrument ids by `key@version`, read once per process like the instruments. */
  private readonly instrumentIds = new Map<string, string>();

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The link with this hash, in any organisation, in one autocommit statement before the unit of
   * work opens (the page has no sign-in, so no organisation until the link says which).
   */
  async findByHash(tokenHash: Buffer): Promise<PresentedLink | null> {
    const rows = await queryOnItsOwn<PresentedLinkRow>(this.dataSource, 'SELECT * FROM feedback_link_by_token($1)', [tokenHash]);
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, linkId: row.link_id, requestId: row.request_id, instrumentId: row.instrument_id, closesAt: row.closes_at, unspent: row.unspent } : null;
  }

  async instrument(instrumentId: string): Promise<Instrument> {
    const cached = this.instruments.get(instrumentId);
    if (cached) return cached;
    const rows = (await this.dataSource.query('SELECT definition FROM feedback_instrument WHERE id = $1', [instrumentId])) as Array<{ definition: Instrument }>;
    const instrument = oneRow(rows, 'feedback_instrument').definition;
    this.instruments.set(instrumentId, instrument);
    return instrument;
  }

  /** The instrument with this key and version, or null when there is none. */
  async instrumentByVersion(key: string, version: number): Promise<ShownForm | null> {
    const versionKey = `${key}@${version}`;
    let instrumentId = this.instrumentIds.get(versionKey);
    if (!instrumentId) {
      const rows = (await this.dataSource.query('SELECT id, definition FROM feedback_instrument WHERE key = $1 AND version = $2', [key, version])) as Array<{
        id: string;
        definition: Instrument;
      }>;
      const row = rows[0];
      if (!row) return null;
      instrumentId = row.id;
      this.instrumentIds.set(versionKey, instrumentId);
      if (!this.instruments.has(instrumentId)) this.instruments.set(instrumentId, row.definition);
    }
    return { instrumentId, instrument: await this.instrument(instrumentId) };
  }

  /**
   * Answers the link with this hash in one autocommit statement (`feedback_respond`, migration
   * 1797900000000): only when its request asks `instrumentId` and is open, spends the link and
   * stores the answers; of concurrent submissions with one link, one stores. Null when no link has
   * this hash. One round trip, a prepared statement: a submission is the feedback page's hot path
   * (`pnpm bench`: feedback-submissions).
   */
  async respond(tokenHash: Buffer, instrumentId: string, answers: FeedbackAnswers): Promise<LinkResponse | null> {
    const rows = await queryOnItsOwn<LinkResponseRow>(this.dataSource, 'SELECT * FROM feedback_respond($1, $2, $3)', [tokenHash, instrumentId, JSON.stringify(answers)]);
    const row = rows[0];
    return row ? { tenantId: row.tenant_id, requestId: row.request_id, instrumentId: row.instrument_id, closesAt: row.closes_at, unspent: row.unspent, stored: row.stored } : null;
  }

  async sessionDetails(tenantId: string, requestId: string): Promise<FeedbackSessionDetails> {
    const rows = await requestContext().uow.query<{ title: string; starts_at: Date }>(
      `SELECT p.title, s.starts_at
         FROM feedback_request r
         JOIN group_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
         JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
        WHERE r.tenant_id = $1 AND r.id = $2`,
      [tenantId, requestId],
    );
    const row = oneRow(rows, 'feedback_request');
    return { programmeTitle: row.title, startsAt: row.starts_at };
  }
}
