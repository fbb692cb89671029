import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@lena/database';
import type { InstrumentLicence, MeasurementPoint, MeasurementToOpen, OutcomeInstrument, SessionTimes } from '@lena/domain';
import type { LinkHash, LinkRecipient } from '../notifications/services/single-use-link-mailer.service';

/** A programme with a measurement plan that may still have points to open, with what its windows are computed from. */
export interface PlannedProgramme {
  programmeId: string;
  midpoint: boolean;
  followUpMonths: number | null;
  sessions: SessionTimes[];
  opened: MeasurementPoint[];
  instruments: Array<{ key: string; licence: InstrumentLicence; definition: OutcomeInstrument | null }>;
}

/** What an outcomes email says, and whom it goes to. */
export interface OutcomeRecipient {
  requestId: string;
  userId: string;
  email: string;
  name: string;
  programmeTitle: string;
  point: MeasurementPoint;
  closesAt: Date;
  timeZone: string;
}

/** The columns an outcomes email needs, over `r` (request), `p` (programme) and `u` (recipient). */
const RECIPIENT_COLUMNS = `r.id AS "requestId", u.id AS "userId", u.email, u.display_name AS name, p.title AS "programmeTitle",
       r.point, r.closes_at AS "closesAt", p.time_zone AS "timeZone"`;

const UTC_ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/**
 * `outcome_request` and `outcome_link` as the outcomes sweep works them. As with feedback, every
 * write is conditional on the state it changes (no request for the point yet, no link yet, not yet
 * reminded, still unspent), so a retry, a second replica or a sweep after Redis lost its jobs finds
 * nothing left to do. Nothing here reads or writes `outcome_measurement`.
 */
@Injectable()
export class OutcomeRequestRepository {
  /** Organisations the outcomes sweep looks after: the active ones (platform table). */
  async activeTenantIds(uow: UnitOfWork): Promise<string[]> {
    const rows = await uow.query<{ id: string }>("SELECT id FROM tenant WHERE status = 'ACTIVE' ORDER BY id");
    return rows.map((row) => row.id);
  }

  /** The licences the organisation has confirmed. */
  async confirmedLicences(uow: UnitOfWork, tenantId: string): Promise<Set<string>> {
    const rows = await uow.query<{ key: string }>('SELECT instrument_key AS key FROM tenant_instrument_licence WHERE tenant_id = $1', [tenantId]);
    return new Set(rows.map((row) => row.key));
  }

  /**
   * Programmes with a plan, not cancelled, with a point still unopened and a session recent enough
   * that a window may be open (the last follow-up closes two weeks after its month count). The plans
   * are locked FOR SHARE until the sweep commits, so an admin's change waits and then finds the
   * baseline opened (the plan is frozen from then on).
   */
  async plannedProgrammes(uow: UnitOfWork, tenantId: string): Promise<PlannedProgramme[]> {
    return uow.query<PlannedProgramme>(
      `SELECT p.id AS "programmeId", plan.midpoint, plan.follow_up_months AS "followUpMonths",
              (SELECT jsonb_agg(jsonb_build_object('startsAt', ${UTC_ISO('s.starts_at')}, 'endsAt', ${UTC_ISO('s.ends_at')}) ORDER BY s.starts_at, s.sequence)
                 FROM group_session s WHERE s.tenant_id = p.tenant_id AND s.programme_id = p.id AND s.status <> 'CANCELLED') AS sessions,
              ARRAY(SELECT r.point FROM outcome_request r WHERE r.tenant_id = p.tenant_id AND r.programme_id = p.id ORDER BY r.point) AS opened,
              COALESCE((SELECT jsonb_agg(jsonb_build_object('key', i.instrument_key, 'licence', COALESCE(o.licence, t.licence), 'definition', COALESCE(o.definition, t.definition)) ORDER BY i.instrument_key)
                          FROM programme_outcome_instrument i
                          LEFT JOIN outcome_instrument o ON o.key = i.instrument_key AND o.version = i.instrument_version
                          LEFT JOIN tenant_outcome_instrument t ON t.tenant_id = i.tenant_id AND t.key = i.instrument_key AND t.version = i.instrument_version
                         WHERE i.tenant_id = plan.tenant_id AND i.programme_id = plan.programme_id AND COALESCE(o.licence, t.licence) IS NOT NULL), '[]') AS instruments
         FROM programme_outcome_plan plan
         JOIN programme p ON p.tenant_id = plan.tenant_id AND p.id = plan.programme_id
        WHERE plan.tenant_id = $1 AND p.status <> 'CANCELLED'
          AND (SELECT count(*) FROM outcome_request r WHERE r.tenant_id = p.tenant_id AND r.programme_id = p.id)
              < 2 + plan.midpoint::int + (plan.follow_up_months IS NOT NULL)::int
          AND EXISTS (SELECT 1 FROM group_session s
                       WHERE s.tenant_id = p.tenant_id AND s.programme_id = p.id AND s.status <> 'CANCELLED'
                         AND s.ends_at > now() - make_interval(months => COALESCE(plan.follow_up_months, 0), days => 15))
        ORDER BY p.id
          FOR SHARE OF plan`,
      [tenantId],
    );
  }

  /** Opens the points (one request per programme and point: a racing sweep's insert waits on the unique index, then does nothing). */
  async open(uow: UnitOfWork, tenantId: string, requests: ReadonlyArray<MeasurementToOpen & { programmeId: string }>): Promise<number> {
    if (requests.length === 0) return 0;
    const rows = await uow.query<{ id: string }>(
      `INSERT INTO outcome_request (tenant_id, programme_id, point, opens_at, remind_at, closes_at)
       SELECT $1, opened.programme_id, opened.point, opened.opens_at, opened.remind_at, opened.closes_at
         FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[]) AS opened (programme_id, point, opens_at, remind_at, closes_at)
       ON CONFLICT (tenant_id, programme_id, point) DO NOTHING
       RETURNING id`,
      [
        tenantId,
        requests.map((request) => request.programmeId),
        requests.map((request) => request.point),
        requests.map((request) => request.opensAt),
        requests.map((request) => request.remindAt),
        requests.map((request) => request.closesAt),
      ],
    );
    return rows.length;
  }

  /** People enrolled in programmes whose point is open who have no link for it: those opened just now, and anyone enrolled since. */
  async awaitingLink(uow: UnitOfWork, tenantId: string, limit: number): Promise<OutcomeRecipient[]> {
    return uow.query<OutcomeRecipient>(
      `SELECT ${RECIPIENT_COLUMNS}
         FROM outcome_request r
         JOIN programme p ON p.tenant_id = r.tenant_id AND p.id = r.programme_id AND p.status <> 'CANCELLED'
         JOIN enrolment e ON e.tenant_id = r.tenant_id AND e.programme_id = r.programme_id
         JOIN user_account u ON u.id = e.user_id AND u.status = 'ACTIVE'
        WHERE r.tenant_id = $1 AND r.opens_at <= now() AND r.closes_at > now()
          AND NOT EXISTS (SELECT 1 FROM outcome_link l WHERE l.tenant_id = r.tenant_id AND l.request_id = r.id AND l.user_id = e.user_id)
        ORDER BY r.id, u.id
        LIMIT $2`,
      [tenantId, limit],
    );
  }

  /** Issues links with their unspent rows; only the links returned here may be emailed (one per person and request, unique index). */
  async issue(uow: UnitOfWork, tenantId: string, links: readonly LinkHash[]): Promise<LinkRecipient[]> {
    if (links.length === 0) return [];
    return uow.query<{ requestId: string; userId: string }>(
      `WITH link AS (
         INSERT INTO outcome_link (tenant_id, request_id, user_id, token_hash)
         SELECT $1, issued.request_id, issued.user_id, issued.token_hash
           FROM unnest($2::uuid[], $3::uuid[], $4::bytea[]) AS issued (request_id, user_id, token_hash)
         ON CONFLICT (tenant_id, request_id, user_id) DO NOTHING
         RETURNING tenant_id, id, request_id, user_id),
       unspent AS (INSERT INTO outcome_link_unspent (tenant_id, link_id) SELECT tenant_id, id FROM link)
       SELECT request_id AS "requestId", user_id AS "userId" FROM link`,
      [tenantId, links.map((link) => link.requestId), links.map((link) => link.userId), links.map((link) => link.tokenHash)],
    );
  }

  /**
   * Unspent, unreminded links whose reminder is due: the request's reminder time has passed and so
   * has the halfway point of the link's own time to answer (a link issued late, to someone
   * enrolled late or on a point opened late, is not reminded the moment it is sent), and the
   * window is still open. Locked SKIP LOCKED for this transaction.
   */
  async claimDueReminders(uow: UnitOfWork, tenantId: string, limit: number): Promise<OutcomeRecipient[]> {
    return uow.query<OutcomeRecipient>(
      `SELECT ${RECIPIENT_COLUMNS}
         FROM outcome_link l
         JOIN outcome_link_unspent un ON un.tenant_id = l.tenant_id AND un.link_id = l.id
         JOIN outcome_request r ON r.tenant_id = l.tenant_id AND r.id = l.request_id
         JOIN programme p ON p.tenant_id = r.tenant_id AND p.id = r.programme_id AND p.status <> 'CANCELLED'
         JOIN user_account u ON u.id = l.user_id AND u.status = 'ACTIVE'
        WHERE l.tenant_id = $1 AND l.reminded_at IS NULL AND r.remind_at <= now() AND r.closes_at > now()
          AND l.created_at + (r.closes_at - l.created_at) / 2 <= now()
        ORDER BY r.id, u.id
        LIMIT $2
          FOR UPDATE OF l SKIP LOCKED`,
      [tenantId, limit],
    );
  }

  /** New secrets for reminded links (the first link stops working), only while unreminded and unspent; the links rotated. */
  async rotateForReminder(uow: UnitOfWork, tenantId: string, links: readonly LinkHash[]): Promise<LinkRecipient[]> {
    if (links.length === 0) return [];
    return uow.query<{ requestId: string; userId: string }>(
      `UPDATE outcome_link l SET token_hash = rotated.token_hash, reminded_at = now()
         FROM unnest($2::uuid[], $3::uuid[], $4::bytea[]) AS rotated (request_id, user_id, token_hash)
        WHERE l.tenant_id = $1 AND l.request_id = rotated.request_id AND l.user_id = rotated.user_id AND l.reminded_at IS NULL
          AND EXISTS (SELECT 1 FROM outcome_link_unspent u WHERE u.tenant_id = l.tenant_id AND u.link_id = l.id)
       RETURNING l.request_id AS "requestId", l.user_id AS "userId"`,
      [tenantId, links.map((link) => link.requestId), links.map((link) => link.userId), links.map((link) => link.tokenHash)],
    );
  }
}
