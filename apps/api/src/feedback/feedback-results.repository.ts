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

/** A session with a feedback request, and how many answered it. */
export interface FeedbackSession {
  sessionId: string;
  sequence: number;
  startsAt: Date;
  instrumentId: string;
  responses: number;
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
    const [row] = await requestContext().uow.query<FeedbackProgramme>(`${PROGRAMME} WHERE p.tenant_id = $1 AND p.id = $2`, [tenantId, programmeId]);
    return row ?? null;
  }

  async findAssigned(userId: string, programmeId: string): Promise<FeedbackProgramme | null> {
    const [row] = await requestContext().uow.query<FeedbackProgramme>(
      `${PROGRAMME} WHERE p.id = $2
          AND EXISTS (SELECT 1 FROM programme_facilitator pf WHERE pf.tenant_id = p.tenant_id AND pf.programme_id = p.id AND pf.user_id = $1)`,
      [userId, programmeId],
    );
    return row ?? null;
  }

  async settings(tenantId: string): Promise<FeedbackSettings> {
    const rows = await requestContext().uow.query<FeedbackSettings>(
      `SELECT min_reporting_group_size AS "minGroupSize", feedback_min_comment_group_size AS "minCommentGroupSize",
              feedback_grp_comments_enabled AS "grpCommentsEnabled", feedback_reminder_after_hours AS "reminderAfterHours",
              feedback_window_days AS "windowDays"
         FROM tenant WHERE id = $1`,
      [tenantId],
    );
    return oneRow(rows, 'tenant');
  }

  /** The programme's sessions that have a feedback request, in order, with their response counts. */
  async sessions(tenantId: string, programmeId: string): Promise<FeedbackSession[]> {
    return requestContext().uow.query<FeedbackSession>(
      `SELECT s.id AS "sessionId", s.sequence, s.starts_at AS "startsAt", r.instrument_id AS "instrumentId",
              (SELECT count(*)::int FROM feedback_response fr WHERE fr.tenant_id = r.tenant_id AND fr.request_id = r.id) AS responses
         FROM feedback_request r
         JOIN group_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
        WHERE r.tenant_id = $1 AND s.programme_id = $2
        ORDER BY s.sequence`,
      [tenantId, programmeId],
    );
  }

  /**
   * Each session's answers tallied: scale answers counted by item and value, and (only when
   * `withComments`) the free-text answers. One statement; the answers never leave as rows.
   */
  async tallies(tenantId: string, sessions: readonly FeedbackSession[], withComments: boolean): Promise<Record<string, CellTally>> {
    const tallies: Record<string, { responses: number; histograms: Record<string, number[]>; comments: string[] }> = {};
    for (const session of sessions) tallies[session.sessionId] = { responses: session.responses, histograms: {}, comments: [] };
    if (sessions.length === 0) return tallies;
    const rows = await requestContext().uow.query<{ sessionId: string; item: string; value: number | null; text: string | null; count: number }>(
      `SELECT r.session_id AS "sessionId", a.key AS item,
              CASE WHEN jsonb_typeof(a.value) = 'number' THEN (a.value)::int END AS value,
              CASE WHEN jsonb_typeof(a.value) = 'string' AND $3 THEN a.value #>> '{}' END AS text,
              count(*)::int AS count
         FROM feedback_request r
         JOIN feedback_response fr ON fr.tenant_id = r.tenant_id AND fr.request_id = r.id
         CROSS JOIN LATERAL jsonb_each(fr.answers) a
        WHERE r.tenant_id = $1 AND r.session_id = ANY ($2::uuid[])
          AND (jsonb_typeof(a.value) = 'number' OR $3)
        GROUP BY 1, 2, 3, 4`,
      [tenantId, sessions.map((session) => session.sessionId), withComments],
    );
    for (const row of rows) {
      const tally = tallies[row.sessionId];
      if (!tally) continue;
      if (row.value !== null && row.value >= 1 && row.value <= 5) {
        const histogram = (tally.histograms[row.item] ??= [0, 0, 0, 0, 0]);
        histogram[row.value - 1] = (histogram[row.value - 1] ?? 0) + row.count;
      } else if (row.text !== null) {
        for (let index = 0; index < row.count; index += 1) tally.comments.push(row.text);
      }
    }
    return tallies;
  }
}
