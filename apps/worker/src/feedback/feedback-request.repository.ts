import { Injectable } from '@nestjs/common';
import { oneRow, type UnitOfWork } from '@lena/database';
import type { FeedbackSettings, Instrument } from '@lena/domain';
import type { LinkHash, LinkRecipient } from '../notifications/services/single-use-link-mailer.service';

/** A delivered session that has no feedback request yet, with what its request's window is computed from. */
export interface SessionAwaitingFeedback {
  sessionId: string;
  deliveredAt: Date;
}

/** What a feedback email says about the session, and whom it goes to. */
export interface FeedbackRecipient {
  requestId: string;
  userId: string;
  email: string;
  name: string;
  programmeTitle: string;
  sequence: number;
  sessionCount: number;
  startsAt: Date;
  closesAt: Date;
  timeZone: string;
}

/** Who attended, as the feedback context counts it: present or joined late; never absent or apologies. */
const ATTENDED = `('PRESENT', 'LATE')`;

/** The columns a feedback email needs, over `r` (request), `s` (session), `p` (programme) and `u` (recipient). */
const RECIPIENT_COLUMNS = `r.id AS "requestId", u.id AS "userId", u.email, u.display_name AS name, p.title AS "programmeTitle",
       s.sequence, p.session_count AS "sessionCount", s.starts_at AS "startsAt", r.closes_at AS "closesAt", p.time_zone AS "timeZone"`;

/**
 * `feedback_request` and `feedback_link` as the feedback sweep works them. Every write here is
 * conditional on the state it changes (no request yet, no link yet, not yet reminded, still
 * unspent), so a second sweep (a retry after a crash, another replica, a sweep after Redis lost
 * its jobs) finds nothing left to do, and of two sweeps racing, the unique indexes and row locks
 * let one through. Nothing here reads or writes `feedback_response`.
 */
@Injectable()
export class FeedbackRequestRepository {
  /** Organisations the feedback sweep looks after: the active ones (platform table). */
  async activeTenantIds(uow: UnitOfWork): Promise<string[]> {
    const rows = await uow.query<{ id: string }>("SELECT id FROM tenant WHERE status = 'ACTIVE' ORDER BY id");
    return rows.map((row) => row.id);
  }

  /** The organisation's feedback settings (platform columns of `tenant`). */
  async settings(uow: UnitOfWork, tenantId: string): Promise<Pick<FeedbackSettings, 'reminderAfterHours' | 'windowDays'>> {
    const rows = await uow.query<Pick<FeedbackSettings, 'reminderAfterHours' | 'windowDays'>>(
      'SELECT feedback_reminder_after_hours AS "reminderAfterHours", feedback_window_days AS "windowDays" FROM tenant WHERE id = $1',
      [tenantId],
    );
    return oneRow(rows, 'tenant');
  }

  /** The instrument version new requests use, written once (platform table; never changed once used). */
  async instrumentId(uow: UnitOfWork, instrument: Instrument): Promise<string> {
    const rows = await uow.query<{ id: string }>(
      `WITH inserted AS (
         INSERT INTO feedback_instrument (key, version, licence, definition) VALUES ($1, $2, $3, $4)
         ON CONFLICT (key, version) DO NOTHING RETURNING id)
       SELECT id FROM inserted UNION ALL SELECT id FROM feedback_instrument WHERE key = $1 AND version = $2`,
      [instrument.key, instrument.version, instrument.licence, JSON.stringify(instrument)],
    );
    return oneRow(rows, 'feedback_instrument').id;
  }

  /**
   * Delivered sessions with no request yet whose window (`windowDays` from delivery) has not
   * already passed: a session delivered long before feedback existed gets no request.
   */
  async awaitingRequest(uow: UnitOfWork, tenantId: string, windowDays: number, limit: number): Promise<SessionAwaitingFeedback[]> {
    return uow.query<SessionAwaitingFeedback>(
      `SELECT s.id AS "sessionId", s.delivered_at AS "deliveredAt"
         FROM group_session s
        WHERE s.tenant_id = $1 AND s.status = 'DELIVERED' AND s.delivered_at > now() - make_interval(days => $2)
          AND NOT EXISTS (SELECT 1 FROM feedback_request r WHERE r.tenant_id = s.tenant_id AND r.session_id = s.id)
        ORDER BY s.delivered_at
        LIMIT $3`,
      [tenantId, windowDays, limit],
    );
  }

  /** Opens the requests (one per session: a racing sweep's insert waits on the unique index, then does nothing); the sessions opened. */
  async open(
    uow: UnitOfWork,
    tenantId: string,
    instrumentId: string,
    requests: ReadonlyArray<{ sessionId: string; opensAt: Date; remindAt: Date; closesAt: Date }>,
  ): Promise<string[]> {
    if (requests.length === 0) return [];
    const rows = await uow.query<{ sessionId: string }>(
      `INSERT INTO feedback_request (tenant_id, session_id, instrument_id, opens_at, remind_at, closes_at)
       SELECT $1, opened.session_id, $2, opened.opens_at, opened.remind_at, opened.closes_at
         FROM unnest($3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[]) AS opened (session_id, opens_at, remind_at, closes_at)
       ON CONFLICT (tenant_id, session_id) DO NOTHING
       RETURNING session_id AS "sessionId"`,
      [
        tenantId,
        instrumentId,
        requests.map((request) => request.sessionId),
        requests.map((request) => request.opensAt),
        requests.map((request) => request.remindAt),
        requests.map((request) => request.closesAt),
      ],
    );
    return rows.map((row) => row.sessionId);
  }

  /**
   * Attendees (present or late) of sessions whose request is open who have no link for it: those
   * opened just now, and anyone marked present since (attendance corrected after reopening).
   */
  async awaitingLink(uow: UnitOfWork, tenantId: string, limit: number): Promise<FeedbackRecipient[]> {
    return uow.query<FeedbackRecipient>(
      `SELECT ${RECIPIENT_COLUMNS}
         FROM feedback_request r
         JOIN group_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
         JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
         JOIN attendance a ON a.tenant_id = s.tenant_id AND a.session_id = s.id AND a.status IN ${ATTENDED}
         JOIN user_account u ON u.id = a.user_id AND u.status = 'ACTIVE'
        WHERE r.tenant_id = $1 AND r.closes_at > now() AND s.status <> 'CANCELLED'
          AND NOT EXISTS (SELECT 1 FROM feedback_link l WHERE l.tenant_id = r.tenant_id AND l.request_id = r.id AND l.user_id = a.user_id)
        ORDER BY r.id, u.id
        LIMIT $2`,
      [tenantId, limit],
    );
  }

  /**
   * Issues links with their unspent rows. One link per person and request (unique index): a racing
   * sweep's insert waits for this one's transaction and then does nothing, so only the links
   * returned here may be emailed.
   */
  async issue(uow: UnitOfWork, tenantId: string, links: readonly LinkHash[]): Promise<LinkRecipient[]> {
    if (links.length === 0) return [];
    return uow.query<{ requestId: string; userId: string }>(
      `WITH link AS (
         INSERT INTO feedback_link (tenant_id, request_id, user_id, token_hash)
         SELECT $1, issued.request_id, issued.user_id, issued.token_hash
           FROM unnest($2::uuid[], $3::uuid[], $4::bytea[]) AS issued (request_id, user_id, token_hash)
         ON CONFLICT (tenant_id, request_id, user_id) DO NOTHING
         RETURNING tenant_id, id, request_id, user_id),
       unspent AS (INSERT INTO feedback_link_unspent (tenant_id, link_id) SELECT tenant_id, id FROM link)
       SELECT request_id AS "requestId", user_id AS "userId" FROM link`,
      [tenantId, links.map((link) => link.requestId), links.map((link) => link.userId), links.map((link) => link.tokenHash)],
    );
  }

  /**
   * Withdraws the unspent links of people no longer marked present or late on an open request (the
   * facilitator corrected attendance after reopening). The unspent row goes first: if the person
   * is submitting at this moment, their submission's DELETE of the same row and this one wait on
   * each other and exactly one succeeds, so a spent link is never withdrawn (nor a withdrawn one
   * spent). Then the link itself goes, so marking them present again issues a new one.
   */
  async withdrawFromAbsent(uow: UnitOfWork, tenantId: string): Promise<number> {
    const rows = await uow.query<{ id: string }>(
      `WITH withdrawn AS (
         DELETE FROM feedback_link_unspent u
          USING feedback_link l, feedback_request r
          WHERE u.tenant_id = $1 AND l.tenant_id = u.tenant_id AND l.id = u.link_id
            AND r.tenant_id = l.tenant_id AND r.id = l.request_id AND r.closes_at > now()
            AND NOT EXISTS (SELECT 1 FROM attendance a
                             WHERE a.tenant_id = r.tenant_id AND a.session_id = r.session_id AND a.user_id = l.user_id AND a.status IN ${ATTENDED})
         RETURNING u.link_id)
       DELETE FROM feedback_link l USING withdrawn WHERE l.tenant_id = $1 AND l.id = withdrawn.link_id
       RETURNING l.id`,
      [tenantId],
    );
    return rows.length;
  }

  /**
   * Unspent, unreminded links whose reminder is due: the request's reminder delay has passed since
   * the link was issued (a link issued late, after attendance was corrected, waits its own delay),
   * and the window is still open. Locked for the job's transaction, SKIP LOCKED: a racing sweep
   * takes other links, never these.
   */
  async claimDueReminders(uow: UnitOfWork, tenantId: string, limit: number): Promise<FeedbackRecipient[]> {
    return uow.query<FeedbackRecipient>(
      `SELECT ${RECIPIENT_COLUMNS}
         FROM feedback_link l
         JOIN feedback_link_unspent un ON un.tenant_id = l.tenant_id AND un.link_id = l.id
         JOIN feedback_request r ON r.tenant_id = l.tenant_id AND r.id = l.request_id
         JOIN group_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
         JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
         JOIN user_account u ON u.id = l.user_id AND u.status = 'ACTIVE'
        WHERE l.tenant_id = $1 AND l.reminded_at IS NULL AND r.closes_at > now()
          AND r.remind_at <= now() AND l.created_at + (r.remind_at - r.opens_at) <= now()
        ORDER BY r.id, u.id
        LIMIT $2
          FOR UPDATE OF l SKIP LOCKED`,
      [tenantId, limit],
    );
  }

  /**
   * Gives reminded links a new secret (only the hash is stored, so the reminder cannot repeat the
   * first one; the old link stops working) and marks them reminded, only while still unreminded and
   * unspent; the links rotated, which alone may be emailed.
   */
  async rotateForReminder(uow: UnitOfWork, tenantId: string, links: readonly LinkHash[]): Promise<LinkRecipient[]> {
    if (links.length === 0) return [];
    return uow.query<{ requestId: string; userId: string }>(
      `UPDATE feedback_link l SET token_hash = rotated.token_hash, reminded_at = now()
         FROM unnest($2::uuid[], $3::uuid[], $4::bytea[]) AS rotated (request_id, user_id, token_hash)
        WHERE l.tenant_id = $1 AND l.request_id = rotated.request_id AND l.user_id = rotated.user_id AND l.reminded_at IS NULL
          AND EXISTS (SELECT 1 FROM feedback_link_unspent u WHERE u.tenant_id = l.tenant_id AND u.link_id = l.id)
       RETURNING l.request_id AS "requestId", l.user_id AS "userId"`,
      [tenantId, links.map((link) => link.requestId), links.map((link) => link.userId), links.map((link) => link.tokenHash)],
    );
  }
}
