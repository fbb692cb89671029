import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@lena/database';
import type { ProgrammeStatus, ScheduledSession } from '@lena/domain';

/** A programme as its series expansion needs it. */
export interface ProgrammeToExpand {
  id: string;
  title: string;
  serviceType: 'GRP' | 'GTS';
  status: ProgrammeStatus;
  sessionCount: number;
  rrule: string | null;
  /** `2027-03-17T10:00:00`: local, without an offset (read as text, never through a JS Date). */
  startLocal: string | null;
  startSlots: string[];
  sessionMinutes: number;
  timeZone: string;
  deliveryMode: 'ONLINE' | 'IN_PERSON' | 'HYBRID';
  videoLink: string | null;
  location: string | null;
  sessionsExpandedAt: Date | null;
}

export interface StoredSession {
  id: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  calendarSequence: number;
}

/** Someone a programme's emails go to: an enrolled participant or an assigned facilitator. */
export interface ProgrammeRecipient {
  programmeId: string;
  userId: string;
  email: string;
  name: string;
}

interface ProgrammeRow {
  id: string;
  title: string;
  service_type: 'GRP' | 'GTS';
  status: ProgrammeStatus;
  session_count: number;
  rrule: string | null;
  start_local: string | null;
  start_slots: string[];
  session_minutes: number;
  time_zone: string;
  delivery_mode: 'ONLINE' | 'IN_PERSON' | 'HYBRID';
  video_link: string | null;
  location: string | null;
  sessions_expanded_at: Date | null;
}

function toProgramme(row: ProgrammeRow): ProgrammeToExpand {
  return {
    id: row.id,
    title: row.title,
    serviceType: row.service_type,
    status: row.status,
    sessionCount: row.session_count,
    rrule: row.rrule,
    startLocal: row.start_local,
    startSlots: row.start_slots,
    sessionMinutes: row.session_minutes,
    timeZone: row.time_zone,
    deliveryMode: row.delivery_mode,
    videoLink: row.video_link,
    location: row.location,
    sessionsExpandedAt: row.sessions_expanded_at,
  };
}

/**
 * A programme's series in the worker: the programme claimed (and locked) while it is expanded, its
 * sessions written in one statement, the accepted programmes waiting for expansion, and who is told. Every
 * statement runs in the job's tenant unit of work (row-level security applies).
 */
@Injectable()
export class SeriesRepository {
  /**
   * Claims an accepted (or already running) programme whose series is not yet expanded: marks it
   * expanded and returns it with the people its invitation goes to (as `recipients` gives them),
   * in one statement whose row lock lasts until the job's transaction ends. A second expansion of
   * the same programme (a retry, another worker) waits on that lock and then claims nothing; if
   * this job fails, the rollback gives the claim back. Null when there was nothing to claim (see
   * `expansionState` for why).
   *
   * As the job's first statement it travels with BEGIN and the tenant settings, one round trip
   * for all three; the recipients ride along in the same statement rather than a round trip of
   * their own.
   */
  async claimForExpansion(uow: UnitOfWork, tenantId: string, programmeId: string): Promise<(ProgrammeToExpand & { recipients: ProgrammeRecipient[] }) | null> {
    // An expansion can be redone: if the server crashes in the moment after this transaction
    // commits, the programme is found unexpanded again and the sweep expands it (at worst an
    // invitation goes out twice, with the same event UIDs, which a calendar takes as one). So its
    // commit need not wait for the disk (asynchronous commit, for this transaction only), set in
    // the same round trip as the claim (joining the CTE makes PostgreSQL evaluate it first).
    const [row] = await uow.queryAtStart<ProgrammeRow & { recipients: ProgrammeRecipient[] }>(
      `WITH relaxed AS (SELECT set_config('synchronous_commit', 'off', true) AS setting)
       UPDATE programme p SET sessions_expanded_at = now(), updated_at = now()
         FROM relaxed
        WHERE p.tenant_id = $1 AND p.id = $2 AND p.sessions_expanded_at IS NULL AND p.status IN ('ACCEPTED', 'ACTIVE')
       RETURNING p.id, p.title, p.service_type, p.status, p.session_count, p.rrule,
                 to_char(p.start_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS start_local, p.start_slots, p.session_minutes, p.time_zone,
                 p.delivery_mode, p.video_link, p.location, p.sessions_expanded_at,
                 (SELECT coalesce(json_agg(json_build_object('programmeId', p.id, 'userId', u.id, 'email', u.email, 'name', u.display_name) ORDER BY u.email), '[]')
                    FROM (SELECT user_id FROM enrolment WHERE tenant_id = $1 AND programme_id = $2
                          UNION
                          SELECT user_id FROM programme_facilitator WHERE tenant_id = $1 AND programme_id = $2) AS people
                    JOIN user_account u ON u.id = people.user_id
                   WHERE u.status = 'ACTIVE') AS recipients`,
      [tenantId, programmeId],
    );
    return row ? { ...toProgramme(row), recipients: row.recipients } : null;
  }

  /** Why a programme could not be claimed: its status and whether it was expanded, or null when there is no such programme. */
  async expansionState(uow: UnitOfWork, tenantId: string, programmeId: string): Promise<{ status: ProgrammeStatus; expanded: boolean } | null> {
    const [row] = await uow.query<{ status: ProgrammeStatus; expanded: boolean }>(
      'SELECT status, sessions_expanded_at IS NOT NULL AS expanded FROM programme WHERE tenant_id = $1 AND id = $2',
      [tenantId, programmeId],
    );
    return row ?? null;
  }

  /**
   * Writes the sessions in one statement. The series key (programme, sequence) is unique, so a
   * session already there is left as it is (ON CONFLICT DO NOTHING): never a duplicate. Reminders
   * are planned by the table's trigger. Returns how many were new.
   */
  async insertSessions(uow: UnitOfWork, tenantId: string, programmeId: string, sessions: readonly ScheduledSession[]): Promise<number> {
    const rows = await uow.query<{ id: string }>(
      `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at)
       SELECT $1, $2, s.sequence, s.starts_at, s.ends_at FROM unnest($3::int[], $4::timestamptz[], $5::timestamptz[]) AS s (sequence, starts_at, ends_at)
       ON CONFLICT (tenant_id, programme_id, sequence) DO NOTHING
       RETURNING id`,
      [tenantId, programmeId, sessions.map((session) => session.sequence), sessions.map((session) => session.startsAt), sessions.map((session) => session.endsAt)],
    );
    return rows.length;
  }

  /**
   * `insertSessions` sent with the job's COMMIT, in the same round trip, when nothing after it
   * reads the sessions (nobody to invite yet): the unit of work writes them as it commits, and a
   * failure fails the commit, claim and all.
   */
  insertSessionsWithCommit(uow: UnitOfWork, tenantId: string, programmeId: string, sessions: readonly ScheduledSession[]): void {
    uow.writeWithCommit(
      `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at)
       SELECT $1::uuid, $2::uuid, s.sequence, s.starts_at, s.ends_at FROM unnest($3::int[], $4::timestamptz[], $5::timestamptz[]) AS s (sequence, starts_at, ends_at)
       ON CONFLICT (tenant_id, programme_id, sequence) DO NOTHING`,
      [tenantId, programmeId, sessions.map((session) => session.sequence), sessions.map((session) => session.startsAt), sessions.map((session) => session.endsAt)],
    );
  }

  async scheduledSessions(uow: UnitOfWork, tenantId: string, programmeId: string): Promise<StoredSession[]> {
    const rows = await uow.query<{ id: string; sequence: number; starts_at: Date; ends_at: Date; calendar_sequence: number }>(
      `SELECT id, sequence, starts_at, ends_at, calendar_sequence FROM group_session
        WHERE tenant_id = $1 AND programme_id = $2 AND status = 'SCHEDULED' ORDER BY sequence`,
      [tenantId, programmeId],
    );
    return rows.map((row) => ({ id: row.id, sequence: row.sequence, startsAt: row.starts_at, endsAt: row.ends_at, calendarSequence: row.calendar_sequence }));
  }

  /**
   * Everyone the programmes' emails go to, each once per programme: enrolled participants and
   * assigned facilitators whose accounts are active.
   */
  async recipients(uow: UnitOfWork, tenantId: string, programmeIds: readonly string[]): Promise<ProgrammeRecipient[]> {
    return uow.query<ProgrammeRecipient>(
      `SELECT people.programme_id AS "programmeId", u.id AS "userId", u.email, u.display_name AS name
         FROM (SELECT programme_id, user_id FROM enrolment WHERE tenant_id = $1 AND programme_id = ANY ($2::uuid[])
               UNION
               SELECT programme_id, user_id FROM programme_facilitator WHERE tenant_id = $1 AND programme_id = ANY ($2::uuid[])) AS people
         JOIN user_account u ON u.id = people.user_id
        WHERE u.status = 'ACTIVE'
        ORDER BY people.programme_id, u.email`,
      [tenantId, programmeIds],
    );
  }

  /** Marks these people's enrolments invited: they were sent the invitation in this transaction. */
  async markInvited(uow: UnitOfWork, tenantId: string, programmeId: string, userIds: readonly string[]): Promise<void> {
    if (userIds.length === 0) return;
    await uow.query('UPDATE enrolment SET invited_at = now() WHERE tenant_id = $1 AND programme_id = $2 AND user_id = ANY ($3::uuid[]) AND invited_at IS NULL', [
      tenantId,
      programmeId,
      userIds,
    ]);
  }

  /**
   * People enrolled in a programme whose sessions are written but who have not been invited (they
   * joined later), with the programme as its emails need it; claimed (row locks, skipping rows
   * another worker holds) until the transaction ends. Someone whose account is not active is
   * claimed too, and marked without an email.
   */
  async claimUninvited(uow: UnitOfWork, tenantId: string, limit: number): Promise<Array<ProgrammeToExpand & { recipient: ProgrammeRecipient; active: boolean }>> {
    const rows = await uow.query<ProgrammeRow & { user_id: string; email: string; display_name: string; active: boolean }>(
      `SELECT p.id, p.title, p.service_type, p.status, p.session_count, p.rrule, to_char(p.start_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS start_local, p.start_slots,
              p.session_minutes, p.time_zone, p.delivery_mode, p.video_link, p.location, p.sessions_expanded_at,
              u.id AS user_id, u.email, u.display_name, u.status = 'ACTIVE' AS active
         FROM enrolment e
         JOIN programme p ON p.tenant_id = e.tenant_id AND p.id = e.programme_id
         JOIN user_account u ON u.id = e.user_id
        WHERE e.tenant_id = $1 AND e.invited_at IS NULL AND p.sessions_expanded_at IS NOT NULL AND p.status IN ('ACCEPTED', 'ACTIVE')
        ORDER BY e.enrolled_at
        LIMIT $2
        FOR UPDATE OF e SKIP LOCKED`,
      [tenantId, limit],
    );
    return rows.map((row) => ({
      ...toProgramme(row),
      recipient: { programmeId: row.id, userId: row.user_id, email: row.email, name: row.display_name },
      active: row.active,
    }));
  }

  /** The organisation's accepted programmes still waiting for their sessions, longest-waiting first. */
  async awaitingExpansion(uow: UnitOfWork, tenantId: string, limit: number): Promise<string[]> {
    const rows = await uow.query<{ id: string }>(
      `SELECT id FROM programme WHERE tenant_id = $1 AND status = 'ACCEPTED' AND sessions_expanded_at IS NULL ORDER BY updated_at LIMIT $2`,
      [tenantId, limit],
    );
    return rows.map((row) => row.id);
  }
}
