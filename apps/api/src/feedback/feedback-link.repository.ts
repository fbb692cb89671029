import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
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

/** What the feedback page shows above the form. */
export interface FeedbackSessionDetails {
  programmeTitle: string;
  startsAt: Date;
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

  constructor(private readonly dataSource: DataSource) {}

  /**
   * The link with this hash, in any organisation, in one autocommit statement before the unit of
   * work opens (the page has no sign-in, so no organisation until the link says which).
   */
  async findByHash(tokenHash: Buffer): Promise<PresentedLink | null> {
    const rows = (await this.dataSource.query('SELECT * FROM feedback_link_by_token($1)', [tokenHash])) as PresentedLinkRow[];
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

  /**
   * Spends the link and stores the answers in one statement, only while the link is unspent and
   * its request open: of concurrent submissions with one link the DELETE lets one through and the
   * others find nothing to delete (and store nothing). False when this one was not the one.
   *
   * The statement is the request's whole transaction, sent with BEGIN, the organisation's setting
   * and COMMIT in one round trip (`queryAlone`): its outcome is all there is to decide, and a
   * submission is the feedback page's hot path (`pnpm bench`: feedback-submissions).
   */
  async spendAndStore(tenantId: string, linkId: string, requestId: string, answers: FeedbackAnswers): Promise<boolean> {
    const rows = await requestContext().uow.queryAlone(
      `WITH spent AS (
         DELETE FROM feedback_link_unspent u
          USING feedback_request r
          WHERE u.tenant_id = $1::uuid AND u.link_id = $2::uuid AND r.tenant_id = $1::uuid AND r.id = $3::uuid AND r.closes_at > now()
         RETURNING u.tenant_id)
       INSERT INTO feedback_response (tenant_id, request_id, answers)
       SELECT $1::uuid, $3::uuid, $4::jsonb FROM spent
       RETURNING 1`,
      [tenantId, linkId, requestId, JSON.stringify(answers)],
    );
    return rows.length === 1;
  }
}
