import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import type { CellTally, FeedbackSettings, ServiceType } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** The programme whose feedback someone may see, and where it lives. */
export interface FeedbackProgramme {
  id: string;
  tenantId: string;
  serviceType: ServiceType;
}

/** A session with a feedback request, and its published results (never its live answers). */
export interface FeedbackSession {
  sessionId: string;
  sequence: number;
  startsAt: Date;
  instrumentId: string;
  /** The date (YYYY-MM-DD, UTC) they were published; null until first published. */
  publishedOn: string | null;
}

/** One organisation's published feedback over one form, summed. */
export interface PlatformFeedbackTally {
  tenantId: string;
  tenantName: string;
  minGroupSize: number;
  instrumentId: string;
  responses: number;
  tallies: Record<string, number[]>;
}

const PROGRAMME = `SELECT p.id, p.tenant_id AS "tenantId", p.service_type AS "serviceType" FROM programme p`;

/**
 * Reads feedback for results screens: counts, and answers tallied by session, item and value.
 * Facilitators read in no organisation, through the `assigned_facilitators` policies (their own
 * programmes only); org admins in their own. Every statement names the tenant as well.
 */
@Injectable()
export class FeedbackResultsRepository {
  async findInTenant(tenantId: string, programmeId: string): Promise<FeedbackProgramme | null> {
    const [row] = await requestContext().uow.query<FeedbackProgramme>(`${PROGRAMME} WHERE p.tenant_id = $1 AND p.id = $2`, [tenantId, programmeId], { prepared: true });
    return row ?? null;
  }

  async findAssigned(userId: string, programmeId: string): Promise<FeedbackProgramme | null> {
    const [row] = await requestContext().uow.query<FeedbackProgramme>(
      `${PROGRAMME} WHERE p.id = $2
          AND EXISTS (SELECT 1 FROM programme_facilitator pf WHERE pf.tenant_id = p.tenant_id AND pf.programme_id = p.id AND pf.user_id = $1)`,
      [userId, programmeId],
      { prepared: true },
    );
    return row ?? null;
  }

  /** Several programmes of one organisation at once (those it does not hold are left out). */
  async findManyInTenant(tenantId: string, programmeIds: readonly string[]): Promise<FeedbackProgramme[]> {
    if (programmeIds.length === 0) return [];
    return requestContext().uow.query<FeedbackProgramme>(`${PROGRAMME} WHERE p.tenant_id = $1 AND p.id = ANY ($2::uuid[])`, [tenantId, programmeIds], { prepared: true });
  }

  /** Several programmes the facilitator is assigned to, in any organisation (any other is left out). */
  async findManyAssigned(userId: string, programmeIds: readonly string[]): Promise<FeedbackProgramme[]> {
    if (programmeIds.length === 0) return [];
    return requestContext().uow.query<FeedbackProgramme>(
      `${PROGRAMME} WHERE p.id = ANY ($2::uuid[])
          AND EXISTS (SELECT 1 FROM programme_facilitator pf WHERE pf.tenant_id = p.tenant_id AND pf.programme_id = p.id AND pf.user_id = $1)`,
      [userId, programmeIds],
      { prepared: true },
    );
  }

  /** Each organisation's feedback settings, by organisation. */
  async settingsOf(tenantIds: readonly string[]): Promise<Map<string, FeedbackSettings>> {
    if (tenantIds.length === 0) return new Map();
    const rows = await requestContext().uow.query<FeedbackSettings & { tenantId: string }>(
      `SELECT id AS "tenantId", min_reporting_group_size AS "minGroupSize", feedback_min_comment_group_size AS "minCommentGroupSize",
              feedback_grp_comments_enabled AS "grpCommentsEnabled", feedback_reminder_after_hours AS "reminderAfterHours",
              feedback_window_days AS "windowDays"
         FROM tenant WHERE id = ANY ($1::uuid[])`,
      [tenantIds],
      { prepared: true },
    );
    return new Map(rows.map(({ tenantId, ...settings }) => [tenantId, settings]));
  }

  /**
   * `sessions` for several programmes (in any organisations the reader may see) in one statement:
   * each programme's sessions with a feedback request, in order.
   */
  async sessionsOfProgrammes(programmes: readonly FeedbackProgramme[]): Promise<Array<FeedbackSession & { tenantId: string; programmeId: string }>> {
    if (programmes.length === 0) return [];
    return requestContext().uow.query<FeedbackSession & { tenantId: string; programmeId: string }>(
      `SELECT s.tenant_id AS "tenantId", s.programme_id AS "programmeId", s.id AS "sessionId", s.sequence, s.starts_at AS "startsAt",
              r.instrument_id AS "instrumentId", to_char(snap.published_on, 'YYYY-MM-DD') AS "publishedOn"
         FROM unnest($1::uuid[], $2::uuid[]) AS wanted (tenant_id, programme_id)
         JOIN group_session s ON s.tenant_id = wanted.tenant_id AND s.programme_id = wanted.programme_id
         JOIN feedback_request r ON r.tenant_id = s.tenant_id AND r.session_id = s.id
         LEFT JOIN feedback_result_snapshot snap ON snap.tenant_id = r.tenant_id AND snap.request_id = r.id
        ORDER BY s.tenant_id, s.programme_id, s.sequence`,
      [programmes.map((programme) => programme.tenantId), programmes.map((programme) => programme.id)],
      { prepared: true },
    );
  }

  /** Each session's published scale tallies (no comments) for sessions of any organisations the reader may see, in one statement. */
  async scoreTalliesOf(sessions: ReadonlyArray<{ tenantId: string; sessionId: string }>): Promise<Record<string, CellTally>> {
    const tallies: Record<string, CellTally> = {};
    for (const session of sessions) tallies[session.sessionId] = { responses: 0, histograms: {}, comments: [], commentResponses: 0 };
    if (sessions.length === 0) return tallies;
    const rows = await requestContext().uow.query<SnapshotRow>(
      `SELECT snap.session_id AS "sessionId", snap.responses, snap.tallies, NULL::integer AS "commentResponses", NULL::jsonb AS comments
         FROM unnest($1::uuid[], $2::uuid[]) AS wanted (tenant_id, session_id)
         JOIN feedback_result_snapshot snap ON snap.tenant_id = wanted.tenant_id AND snap.session_id = wanted.session_id`,
      [sessions.map((session) => session.tenantId), sessions.map((session) => session.sessionId)],
      { prepared: true },
    );
    for (const row of rows) if (tallies[row.sessionId]) tallies[row.sessionId] = toCellTally(row);
    return tallies;
  }

  /**
   * For a platform admin (nothing for anyone else): each organisation's published snapshots summed
   * per feedback form, through `platform_feedback_tallies()` (migration 1797850000000), with the
   * organisation's minimum group size. Scale answers only, never comments.
   */
  async platformTallies(): Promise<PlatformFeedbackTally[]> {
    return requestContext().uow.query<PlatformFeedbackTally>(
      `SELECT f.tenant_id AS "tenantId", f.tenant_name AS "tenantName", f.min_group_size AS "minGroupSize", f.instrument_id AS "instrumentId",
              f.responses, f.tallies
         FROM platform_feedback_tallies() f`,
    );
  }

  async settings(tenantId: string): Promise<FeedbackSettings> {
    const rows = await requestContext().uow.query<FeedbackSettings>(
      `SELECT min_reporting_group_size AS "minGroupSize", feedback_min_comment_group_size AS "minCommentGroupSize",
              feedback_grp_comments_enabled AS "grpCommentsEnabled", feedback_reminder_after_hours AS "reminderAfterHours",
              feedback_window_days AS "windowDays"
         FROM tenant WHERE id = $1`,
      [tenantId],
      { prepared: true },
    );
    return oneRow(rows, 'tenant');
  }

  /**
   * The programme's sessions that have a feedback request, in order, with what was last published
   * of each (`feedback_result_snapshot`): results never read live responses, so two reads differ
   * only by whole publications, each at least the minimum group size of people.
   */
  async sessions(tenantId: string, programmeId: string): Promise<FeedbackSession[]> {
    return requestContext().uow.query<FeedbackSession>(
      `SELECT s.id AS "sessionId", s.sequence, s.starts_at AS "startsAt", r.instrument_id AS "instrumentId",
              to_char(snap.published_on, 'YYYY-MM-DD') AS "publishedOn"
         FROM feedback_request r
         JOIN group_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
         LEFT JOIN feedback_result_snapshot snap ON snap.tenant_id = r.tenant_id AND snap.request_id = r.id
        WHERE r.tenant_id = $1 AND s.programme_id = $2
        ORDER BY s.sequence`,
      [tenantId, programmeId],
      { prepared: true },
    );
  }

  /**
   * Each session's published snapshot as a cell: its scale answers counted by item and value and
   * (only when `withComments`) its published comments with the count they were taken at. A
   * session never published is a cell of nobody.
   */
  async tallies(tenantId: string, sessions: readonly FeedbackSession[], withComments: boolean): Promise<Record<string, CellTally>> {
    const tallies: Record<string, CellTally> = {};
    for (const session of sessions) tallies[session.sessionId] = { responses: 0, histograms: {}, comments: [], commentResponses: 0 };
    if (sessions.length === 0) return tallies;
    const rows = await requestContext().uow.query<SnapshotRow>(
      `SELECT snap.session_id AS "sessionId", snap.responses, snap.tallies,
              CASE WHEN $3 THEN snap.comment_responses END AS "commentResponses",
              CASE WHEN $3 THEN snap.comments END AS comments
         FROM feedback_result_snapshot snap
        WHERE snap.tenant_id = $1 AND snap.session_id = ANY ($2::uuid[])`,
      [tenantId, sessions.map((session) => session.sessionId), withComments],
      { prepared: true },
    );
    for (const row of rows) if (tallies[row.sessionId]) tallies[row.sessionId] = toCellTally(row);
    return tallies;
  }
}

interface SnapshotRow {
  sessionId: string;
  responses: number;
  tallies: Record<string, number[]>;
  commentResponses: number | null;
  comments: string[] | null;
}

function toCellTally(row: SnapshotRow): CellTally {
  return { responses: row.responses, histograms: row.tallies, comments: row.comments ?? [], commentResponses: row.commentResponses ?? 0 };
}
