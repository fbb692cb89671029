import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import { describeRecurrence, fromStoredSeriesStart, type ProgrammeDetails, type ProgrammeListFilter, type ProgrammeStatus, type StoredSeriesStart } from '@lena/domain';
import { requestContext } from '../common/request-context';
import type { FacilitatorRole } from './dtos/programme-enums';
import type { Programme, ProgrammeFacilitator, ProgrammeListing } from './dtos/programme.type';

/** A programme as the reads below select it, with what the screens show beside it. */
interface ProgrammeRow {
  id: string;
  tenantId: string;
  tenantName: string;
  teamId: string;
  teamName: string | null;
  needsAssessmentId: string | null;
  serviceType: Programme['serviceType'];
  title: string;
  status: ProgrammeStatus;
  sessionCount: number;
  rrule: string | null;
  startLocal: string | null;
  startSlots: string[];
  sessionMinutes: number;
  timeZone: string;
  deliveryMode: Programme['deliveryMode'];
  videoLink: string | null;
  location: string | null;
  minGroupSize: number;
  maxGroupSize: number;
  membership: Programme['membership'];
  cancelledReason: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  enrolledCount: number;
  facilitators: ProgrammeFacilitator[];
}

function toProgramme(row: ProgrammeRow): Programme {
  const start = row.startLocal ? fromStoredSeriesStart({ startLocal: row.startLocal, startSlots: row.startSlots }) : null;
  const recurrence = row.rrule ? describeRecurrence(row.rrule) : null;
  return {
    id: row.id,
    tenantId: row.tenantId,
    tenantName: row.tenantName,
    teamId: row.teamId,
    teamName: row.teamName,
    needsAssessmentId: row.needsAssessmentId,
    serviceType: row.serviceType,
    title: row.title,
    status: row.status,
    numberOfSessions: row.sessionCount,
    cadence: recurrence?.cadence ?? null,
    cadenceSummary: recurrence?.summary ?? null,
    rrule: row.rrule,
    startDate: start?.startDate ?? null,
    startTimes: start?.startTimes ?? [],
    sessionLengthMinutes: row.sessionMinutes,
    timeZone: row.timeZone,
    deliveryMode: row.deliveryMode,
    videoLink: row.videoLink,
    location: row.location,
    minGroupSize: row.minGroupSize,
    maxGroupSize: row.maxGroupSize,
    membership: row.membership,
    cancelledReason: row.cancelledReason,
    version: row.version,
    facilitators: row.facilitators,
    enrolledCount: row.enrolledCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    series: { rrule: row.rrule, startLocal: row.startLocal, startSlots: row.startSlots, timeZone: row.timeZone, sessionMinutes: row.sessionMinutes },
  };
}

/** The programme's own columns, from whatever `p` is: the table, or the row the pipeline function returns. */
const PROGRAMME_COLUMNS = `p.id, p.tenant_id AS "tenantId", p.team_id AS "teamId", p.needs_assessment_id AS "needsAssessmentId",
  p.service_type AS "serviceType", p.title, p.status, p.session_count AS "sessionCount", p.rrule,
  to_char(p.start_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS "startLocal", p.start_slots AS "startSlots", p.session_minutes AS "sessionMinutes",
  p.time_zone AS "timeZone", p.delivery_mode AS "deliveryMode", p.video_link AS "videoLink", p.location,
  p.min_group_size AS "minGroupSize", p.max_group_size AS "maxGroupSize", p.membership, p.cancelled_reason AS "cancelledReason",
  p.version, p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

/**
 * A programme with its organisation's and team's names, its enrolled count and its facilitators.
 * Under row-level security a facilitator sees no team (null name) and only their own assignment.
 */
const SELECT_PROGRAMMES = `SELECT ${PROGRAMME_COLUMNS}, t.name AS "tenantName", tm.name AS "teamName",
  (SELECT count(*)::int FROM enrolment e WHERE e.tenant_id = p.tenant_id AND e.programme_id = p.id) AS "enrolledCount",
  (SELECT coalesce(jsonb_agg(jsonb_build_object('userId', u.id, 'displayName', u.display_name, 'role', pf.role) ORDER BY pf.role DESC, u.display_name), '[]'::jsonb)
     FROM programme_facilitator pf JOIN user_account u ON u.id = pf.user_id
    WHERE pf.tenant_id = p.tenant_id AND pf.programme_id = p.id) AS facilitators
  FROM programme p
  JOIN tenant t ON t.id = p.tenant_id
  LEFT JOIN team tm ON tm.tenant_id = p.tenant_id AND tm.id = p.team_id`;

/** What a change to a programme needs to know, read under the programme row's lock. */
export interface LockedProgramme {
  tenantId: string;
  id: string;
  teamId: string;
  title: string;
  serviceType: Programme['serviceType'];
  status: ProgrammeStatus;
  membership: Programme['membership'];
  maxGroupSize: number;
  version: number;
  enrolledCount: number;
}

export interface NewProgramme {
  teamId: string;
  needsAssessmentId: string | null;
  requestedBy: string;
  details: ProgrammeDetails;
  rrule: string;
  start: StoredSeriesStart;
}

export interface Proposal {
  details: ProgrammeDetails;
  rrule: string;
  start: StoredSeriesStart;
  facilitators: { userId: string; role: FacilitatorRole }[];
}

/**
 * The `programme` and `programme_facilitator` tables. Statements name the tenant except where the
 * reader acts in none: a facilitator's reads name the facilitator instead (and the
 * `assigned_facilitators` policy checks it again), and the platform admins' cross-organisation
 * reads go through the narrow functions of migration 1796400000000.
 */
@Injectable()
export class ProgrammeRepository {
  async findInTenant(tenantId: string, id: string): Promise<Programme | null> {
    const [row] = await requestContext().uow.query<ProgrammeRow>(`${SELECT_PROGRAMMES} WHERE p.tenant_id = $1 AND p.id = $2`, [tenantId, id]);
    return row ? toProgramme(row) : null;
  }

  async listInTenant(tenantId: string): Promise<Programme[]> {
    const rows = await requestContext().uow.query<ProgrammeRow>(`${SELECT_PROGRAMMES} WHERE p.tenant_id = $1 ORDER BY p.created_at DESC, p.id`, [tenantId]);
    return rows.map(toProgramme);
  }

  /** The programmes `userId` is enrolled in. */
  async listEnrolled(tenantId: string, userId: string): Promise<Programme[]> {
    const rows = await requestContext().uow.query<ProgrammeRow>(
      `${SELECT_PROGRAMMES} WHERE p.tenant_id = $1 AND EXISTS (SELECT 1 FROM enrolment e WHERE e.tenant_id = p.tenant_id AND e.programme_id = p.id AND e.user_id = $2)
        ORDER BY p.created_at DESC, p.id`,
      [tenantId, userId],
    );
    return rows.map(toProgramme);
  }

  /** The programme, when `userId` is enrolled in it. */
  async findEnrolled(tenantId: string, userId: string, id: string): Promise<Programme | null> {
    const [row] = await requestContext().uow.query<ProgrammeRow>(
      `${SELECT_PROGRAMMES} WHERE p.tenant_id = $1 AND p.id = $3
          AND EXISTS (SELECT 1 FROM enrolment e WHERE e.tenant_id = p.tenant_id AND e.programme_id = p.id AND e.user_id = $2)`,
      [tenantId, userId, id],
    );
    return row ? toProgramme(row) : null;
  }

  private static readonly ASSIGNED = `EXISTS (SELECT 1 FROM programme_facilitator a WHERE a.tenant_id = p.tenant_id AND a.programme_id = p.id AND a.user_id = $1)`;

  /** A programme `userId` is assigned to, in whichever organisation. */
  async findAssigned(userId: string, id: string): Promise<Programme | null> {
    const [row] = await requestContext().uow.query<ProgrammeRow>(`${SELECT_PROGRAMMES} WHERE p.id = $2 AND ${ProgrammeRepository.ASSIGNED}`, [userId, id]);
    return row ? toProgramme(row) : null;
  }

  async listAssigned(userId: string): Promise<Programme[]> {
    const rows = await requestContext().uow.query<ProgrammeRow>(`${SELECT_PROGRAMMES} WHERE ${ProgrammeRepository.ASSIGNED} ORDER BY p.created_at DESC, p.id`, [userId]);
    return rows.map(toProgramme);
  }

  /** Requests to propose and proposals awaiting acceptance in every organisation (platform admins only; empty for anyone else). */
  async pipeline(): Promise<Programme[]> {
    const rows = await requestContext().uow.query<ProgrammeRow>(
      `SELECT ${PROGRAMME_COLUMNS}, f.tenant_name AS "tenantName", f.team_name AS "teamName", f.enrolled_count AS "enrolledCount", f.facilitators
         FROM platform_programme_pipeline() f CROSS JOIN LATERAL (SELECT (f.programme).*) p`,
    );
    return rows.map(toProgramme);
  }

  /**
   * A page of programmes in every organisation, newest first, `limit` of them after the programme
   * `filter.after` (platform admins only; empty for anyone else). One statement, counts included.
   */
  async platformList(filter: ProgrammeListFilter, limit: number): Promise<ProgrammeListing[]> {
    const rows = await requestContext().uow.query<ProgrammeRow & { nextSessionStartsAt: Date | null; sessionsHeld: number; sessionsPlanned: number }>(
      `SELECT ${PROGRAMME_COLUMNS}, f.tenant_name AS "tenantName", f.team_name AS "teamName", f.enrolled_count AS "enrolledCount", f.facilitators,
              f.next_session_at AS "nextSessionStartsAt", f.sessions_held AS "sessionsHeld", f.sessions_planned AS "sessionsPlanned"
         FROM platform_programmes($1::text[], $2::uuid, $3::text, $4::uuid, $5::int) f CROSS JOIN LATERAL (SELECT (f.programme).*) p`,
      [filter.statuses, filter.tenantId, filter.serviceType, filter.after, limit],
    );
    return rows.map((row) => ({
      programme: toProgramme(row),
      nextSessionStartsAt: row.nextSessionStartsAt,
      sessionsHeld: row.sessionsHeld,
      sessionsPlanned: row.sessionsPlanned,
    }));
  }

  /** The organisation a programme belongs to, for a platform admin (null for anyone else, or no such programme). */
  async platformTenantOf(id: string): Promise<string | null> {
    const [row] = await requestContext().uow.query<{ tenantId: string | null }>(`SELECT platform_programme_tenant($1) AS "tenantId"`, [id]);
    return row?.tenantId ?? null;
  }

  /** Locks the programme row until the transaction ends, so changes to it (and its enrolments) take turns. */
  async lock(tenantId: string, id: string): Promise<LockedProgramme | null> {
    const [row] = await requestContext().uow.query<LockedProgramme>(
      `SELECT p.tenant_id AS "tenantId", p.id, p.team_id AS "teamId", p.title, p.service_type AS "serviceType", p.status, p.membership,
              p.max_group_size AS "maxGroupSize", p.version
         FROM programme p WHERE p.tenant_id = $1 AND p.id = $2 FOR UPDATE`,
      [tenantId, id],
    );
    if (!row) return null;
    const [count] = await requestContext().uow.query<{ enrolled: number }>(`SELECT count(*)::int AS enrolled FROM enrolment WHERE tenant_id = $1 AND programme_id = $2`, [
      tenantId,
      id,
    ]);
    return { ...row, enrolledCount: count?.enrolled ?? 0 };
  }

  /** Returns the new programme's id. */
  async insertRequest(tenantId: string, programme: NewProgramme): Promise<string> {
    const { details } = programme;
    const rows = await requestContext().uow.query<{ id: string }>(
      `INSERT INTO programme (tenant_id, team_id, needs_assessment_id, service_type, title, session_count, rrule, start_local, start_slots, session_minutes,
                              time_zone, delivery_mode, video_link, location, min_group_size, max_group_size, membership, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
      [
        tenantId,
        programme.teamId,
        programme.needsAssessmentId,
        details.serviceType,
        details.title,
        details.numberOfSessions,
        programme.rrule,
        programme.start.startLocal,
        programme.start.startSlots,
        details.sessionLengthMinutes,
        details.timeZone,
        details.deliveryMode,
        details.videoLink,
        details.location,
        details.minGroupSize,
        details.maxGroupSize,
        details.membership,
        programme.requestedBy,
      ],
    );
    return oneRow(rows, 'programme').id;
  }

  /** Sets the proposal's details and facilitators, moves the programme to PROPOSED and raises its version. */
  async applyProposal(tenantId: string, id: string, proposal: Proposal): Promise<void> {
    const { details } = proposal;
    await requestContext().uow.query(
      `UPDATE programme SET status = 'PROPOSED', service_type = $3, title = $4, session_count = $5, rrule = $6, start_local = $7, start_slots = $8,
              session_minutes = $9, time_zone = $10, delivery_mode = $11, video_link = $12, location = $13, min_group_size = $14, max_group_size = $15,
              membership = $16, version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND id = $2`,
      [
        tenantId,
        id,
        details.serviceType,
        details.title,
        details.numberOfSessions,
        proposal.rrule,
        proposal.start.startLocal,
        proposal.start.startSlots,
        details.sessionLengthMinutes,
        details.timeZone,
        details.deliveryMode,
        details.videoLink,
        details.location,
        details.minGroupSize,
        details.maxGroupSize,
        details.membership,
      ],
    );
    await requestContext().uow.query(`DELETE FROM programme_facilitator WHERE tenant_id = $1 AND programme_id = $2`, [tenantId, id]);
    await requestContext().uow.query(
      `INSERT INTO programme_facilitator (tenant_id, programme_id, user_id, role) SELECT $1, $2, f.user_id, f.role FROM unnest($3::uuid[], $4::text[]) AS f (user_id, role)`,
      [tenantId, id, proposal.facilitators.map((f) => f.userId), proposal.facilitators.map((f) => f.role)],
    );
  }

  async setStatus(tenantId: string, id: string, status: ProgrammeStatus, cancelledReason: string | null = null): Promise<void> {
    await requestContext().uow.query(
      `UPDATE programme SET status = $3, cancelled_reason = coalesce($4, cancelled_reason), version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, status, cancelledReason],
    );
  }

  async setGroupSize(tenantId: string, id: string, sizes: { minGroupSize: number; maxGroupSize: number }): Promise<void> {
    await requestContext().uow.query(`UPDATE programme SET min_group_size = $3, max_group_size = $4, version = version + 1, updated_at = now() WHERE tenant_id = $1 AND id = $2`, [
      tenantId,
      id,
      sizes.minGroupSize,
      sizes.maxGroupSize,
    ]);
  }

  /** The titles of those of `ids` this transaction may read (its own organisation's), by id. */
  async titlesOf(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await requestContext().uow.query<{ id: string; title: string }>(`SELECT id, title FROM programme WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
    return new Map(rows.map((row) => [row.id, row.title]));
  }
}
