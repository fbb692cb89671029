import { Injectable } from '@nestjs/common';
import { oneRow, readPublishedRollups, readSubscaleLabels, UnitOfWork } from '@lena/database';
import type { CellTally, DashboardProgramme, FeedbackSettings, Instrument, OutcomeReportScope, OutcomeReportStatus, SubscaleLabel } from '@lena/domain';
import { DataSource } from 'typeorm';

/** A report as its build reads it. */
export interface OutcomeReportRow {
  id: string;
  scope: OutcomeReportScope;
  programmeId: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  status: OutcomeReportStatus;
  requestedBy: string;
}

/** The organisation as a report names it. */
export interface ReportOrganisation {
  name: string;
  locale: string;
  timeZone: string;
  minGroupSize: number;
  feedback: FeedbackSettings;
}

/** A session with a feedback request, for a programme's feedback figures (as the feedback context reads them). */
export interface ReportFeedbackSession {
  programmeId: string;
  sessionId: string;
  instrumentId: string;
}

/** Who asked for a report, and whether they are an admin of its organisation (else a platform admin). */
export interface ReportRequester {
  email: string;
  name: string;
  orgAdmin: boolean;
}

/**
 * The report build's reads and writes (`outcome_report`, and the rollups, labels and feedback
 * snapshots the dashboard reads, never raw answers). Reads and the finished report go in the
 * job's own unit of work; progress goes in short transactions of its own (`recordProgress`), so
 * the portal sees it while the job's transaction is still open. Every statement names the tenant.
 */
@Injectable()
export class OutcomeReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(uow: UnitOfWork, tenantId: string, reportId: string): Promise<OutcomeReportRow | null> {
    const [row] = await uow.query<OutcomeReportRow>(
      `SELECT id, scope, programme_id AS "programmeId", period_from AS "periodFrom", period_to AS "periodTo", status, requested_by AS "requestedBy"
         FROM outcome_report WHERE tenant_id = $1 AND id = $2`,
      [tenantId, reportId],
    );
    return row ?? null;
  }

  /** Status and progress, committed at once in a transaction of its own; never over a finished report. */
  async recordProgress(tenantId: string, reportId: string, status: 'RUNNING' | 'FAILED', progress: number): Promise<void> {
    const uow = new UnitOfWork(this.dataSource, { tenantId, userId: null });
    try {
      await uow.query(`UPDATE outcome_report SET status = $3, progress = $4 WHERE tenant_id = $1 AND id = $2 AND status <> 'READY'`, [tenantId, reportId, status, progress]);
      await uow.finish(true);
    } catch (error) {
      await uow.finish(false).catch(() => undefined);
      throw error;
    }
  }

  /** Stores the files and marks the report READY (kept 30 days from now); false if it already was (a retry after the commit). */
  async markReady(uow: UnitOfWork, tenantId: string, reportId: string, files: { pdf: Buffer; csv: Buffer }, keepDays: number): Promise<boolean> {
    const rows = await uow.query(
      `UPDATE outcome_report SET status = 'READY', progress = 100, pdf = $3, csv = $4, ready_at = now(), expires_at = now() + make_interval(days => $5)
        WHERE tenant_id = $1 AND id = $2 AND status <> 'READY' RETURNING id`,
      [tenantId, reportId, files.pdf, files.csv, keepDays],
    );
    return rows.length > 0;
  }

  async organisation(uow: UnitOfWork, tenantId: string): Promise<ReportOrganisation> {
    const rows = await uow.query<ReportOrganisation & FeedbackSettings>(
      `SELECT name, locale, time_zone AS "timeZone", min_reporting_group_size AS "minGroupSize",
              feedback_min_comment_group_size AS "minCommentGroupSize", feedback_grp_comments_enabled AS "grpCommentsEnabled",
              feedback_reminder_after_hours AS "reminderAfterHours", feedback_window_days AS "windowDays"
         FROM tenant WHERE id = $1`,
      [tenantId],
    );
    const { name, locale, timeZone, minGroupSize, minCommentGroupSize, grpCommentsEnabled, reminderAfterHours, windowDays } = oneRow(rows, 'tenant');
    return { name, locale, timeZone, minGroupSize, feedback: { minGroupSize, minCommentGroupSize, grpCommentsEnabled, reminderAfterHours, windowDays } };
  }

  /** Every programme's rollup, published figures only, as the dashboard reads them (`@lena/database`'s outcome reads). */
  rollups(uow: UnitOfWork, tenantId: string): Promise<DashboardProgramme[]> {
    return readPublishedRollups(uow, tenantId);
  }

  /** Subscale names from the newest version of each instrument (the organisation's own first), as the dashboard names them. */
  subscaleLabels(uow: UnitOfWork, tenantId: string, instrumentKeys: readonly string[]): Promise<SubscaleLabel[]> {
    return readSubscaleLabels(uow, tenantId, instrumentKeys);
  }

  /** The programmes' sessions that have a feedback request, in order (the feedback context's read). */
  async feedbackSessions(uow: UnitOfWork, tenantId: string, programmeIds: readonly string[]): Promise<ReportFeedbackSession[]> {
    if (programmeIds.length === 0) return [];
    return uow.query<ReportFeedbackSession>(
      `SELECT s.programme_id AS "programmeId", s.id AS "sessionId", r.instrument_id AS "instrumentId"
         FROM feedback_request r
         JOIN group_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
        WHERE r.tenant_id = $1 AND s.programme_id = ANY($2::uuid[])
        ORDER BY s.programme_id, s.sequence`,
      [tenantId, programmeIds],
    );
  }

  /** Each session's published snapshot as a cell (scores only: a report carries no comments); a session never published is a cell of nobody. */
  async feedbackTallies(uow: UnitOfWork, tenantId: string, sessionIds: readonly string[]): Promise<Record<string, CellTally>> {
    const tallies: Record<string, CellTally> = {};
    for (const id of sessionIds) tallies[id] = { responses: 0, histograms: {}, comments: [], commentResponses: 0 };
    if (sessionIds.length === 0) return tallies;
    const rows = await uow.query<{ sessionId: string; responses: number; tallies: Record<string, number[]> }>(
      `SELECT snap.session_id AS "sessionId", snap.responses, snap.tallies FROM feedback_result_snapshot snap WHERE snap.tenant_id = $1 AND snap.session_id = ANY($2::uuid[])`,
      [tenantId, sessionIds],
    );
    for (const row of rows) if (tallies[row.sessionId]) tallies[row.sessionId] = { responses: row.responses, histograms: row.tallies, comments: [], commentResponses: 0 };
    return tallies;
  }

  async feedbackInstruments(uow: UnitOfWork, instrumentIds: readonly string[]): Promise<Map<string, Instrument>> {
    if (instrumentIds.length === 0) return new Map();
    const rows = await uow.query<{ id: string; definition: Instrument }>(`SELECT id, definition FROM feedback_instrument WHERE id = ANY($1::uuid[])`, [instrumentIds]);
    return new Map(rows.map((row) => [row.id, row.definition]));
  }

  async requester(uow: UnitOfWork, tenantId: string, userId: string): Promise<ReportRequester | null> {
    const [row] = await uow.query<ReportRequester>(
      `SELECT u.email, u.display_name AS name,
              EXISTS (SELECT 1 FROM tenant_membership m WHERE m.tenant_id = $1 AND m.user_id = u.id AND m.role = 'ORG_ADMIN') AS "orgAdmin"
         FROM user_account u WHERE u.id = $2`,
      [tenantId, userId],
    );
    return row ?? null;
  }

  /** Reports asked for over a minute ago and never built: the outcomes sweep enqueues them again (a lost nudge). */
  async waiting(uow: UnitOfWork, tenantId: string): Promise<string[]> {
    const rows = await uow.query<{ id: string }>(
      `SELECT id FROM outcome_report WHERE tenant_id = $1 AND status IN ('QUEUED', 'RUNNING') AND created_at < now() - interval '1 minute' AND expires_at > now()`,
      [tenantId],
    );
    return rows.map((row) => row.id);
  }
}
