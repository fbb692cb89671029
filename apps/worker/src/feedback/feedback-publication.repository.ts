import { Injectable } from '@nestjs/common';
import type { UnitOfWork } from '@lena/database';
import type { FeedbackSettings, PublishedCounts, ServiceType } from '@lena/domain';

/** A feedback request as publication sees it: its session, how many answered, what was last published. */
export interface PublicationState {
  sessionId: string;
  serviceType: ServiceType;
  settings: Pick<FeedbackSettings, 'minGroupSize' | 'minCommentGroupSize' | 'grpCommentsEnabled'>;
  responses: number;
  published: PublishedCounts;
}

interface PublicationStateRow {
  sessionId: string;
  serviceType: ServiceType;
  minGroupSize: number;
  minCommentGroupSize: number;
  grpCommentsEnabled: boolean;
  responses: number;
  publishedScores: number | null;
  publishedComments: number | null;
}

function toPublicationState(row: PublicationStateRow): PublicationState {
  return {
    sessionId: row.sessionId,
    serviceType: row.serviceType,
    settings: { minGroupSize: row.minGroupSize, minCommentGroupSize: row.minCommentGroupSize, grpCommentsEnabled: row.grpCommentsEnabled },
    responses: row.responses,
    published: { scores: row.publishedScores, comments: row.publishedComments },
  };
}

/** A session's answers tallied: scale item id → counts of values 1…5, and the free-text answers (when asked for). */
export interface AnswerTally {
  responses: number;
  histograms: Record<string, number[]>;
  comments: string[];
}

/**
 * Published feedback results (`feedback_result_snapshot`) and the rollup's bookkeeping
 * (`feedback_rollup`). Every statement names the tenant; the worker's unit of work adds RLS.
 *
 * A publication's statements are prepared (each connection plans them once): they run for every
 * few responses a session receives, and planning them under the tables' row-level security cost
 * more than running them (per publication 9.4 ms planned each time, 3.7 ms prepared, measured
 * with 150 responses a session), which on a busy day takes CPU from the feedback page's
 * submissions on the same database (`pnpm bench`: feedback-submissions).
 */
@Injectable()
export class FeedbackPublicationRepository {
  /**
   * The request's state, its row locked so two workers publishing one session queue up (the second
   * then sees the first's snapshot and publishes nothing). Null when the request is not this
   * tenant's or is gone. FOR NO KEY UPDATE, not FOR UPDATE: every response stored meanwhile takes a
   * KEY SHARE lock on the request (its foreign key), which FOR UPDATE would make wait for the whole
   * publication, holding up the feedback page's submissions; NO KEY UPDATE still queues workers.
   */
  async lockState(uow: UnitOfWork, tenantId: string, requestId: string): Promise<PublicationState | null> {
    const [row] = await uow.query<PublicationStateRow>(
      `SELECT r.session_id AS "sessionId", p.service_type AS "serviceType",
              t.min_reporting_group_size AS "minGroupSize", t.feedback_min_comment_group_size AS "minCommentGroupSize",
              t.feedback_grp_comments_enabled AS "grpCommentsEnabled",
              (SELECT count(*)::int FROM feedback_response fr WHERE fr.tenant_id = r.tenant_id AND fr.request_id = r.id) AS responses,
              snap.responses AS "publishedScores", snap.comment_responses AS "publishedComments"
         FROM feedback_request r
         JOIN group_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
         JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
         JOIN tenant t ON t.id = r.tenant_id
         LEFT JOIN feedback_result_snapshot snap ON snap.tenant_id = r.tenant_id AND snap.request_id = r.id
        WHERE r.tenant_id = $1 AND r.id = $2
          FOR NO KEY UPDATE OF r`,
      [tenantId, requestId],
      { prepared: true },
    );
    return row ? toPublicationState(row) : null;
  }

  /**
   * The requests of this organisation that may have responses not yet published (a cheap filter:
   * the domain's rule decides), for the sweep that catches any nudge that was lost. Responses
   * arrive only while a request is open, so a request closed over a day ago is left alone.
   */
  async withUnpublishedResponses(uow: UnitOfWork, tenantId: string, limit: number): Promise<string[]> {
    const rows = await uow.query<{ id: string }>(
      `SELECT r.id
         FROM feedback_request r
         LEFT JOIN feedback_result_snapshot snap ON snap.tenant_id = r.tenant_id AND snap.request_id = r.id
        WHERE r.tenant_id = $1 AND r.closes_at > now() - interval '1 day'
          AND (SELECT count(*) FROM feedback_response fr WHERE fr.tenant_id = r.tenant_id AND fr.request_id = r.id)
              > LEAST(COALESCE(snap.responses, 0), COALESCE(snap.comment_responses, 0))
        ORDER BY r.id
        LIMIT $2`,
      [tenantId, limit],
    );
    return rows.map((row) => row.id);
  }

  /** The request's answers tallied by item and value, and (only when `withComments`) its free-text answers. */
  async tally(uow: UnitOfWork, tenantId: string, requestId: string, withComments: boolean): Promise<AnswerTally> {
    const rows = await uow.query<{ item: string | null; value: number | null; text: string | null; count: number }>(
      `SELECT a.key AS item,
              CASE WHEN jsonb_typeof(a.value) = 'number' THEN (a.value)::int END AS value,
              CASE WHEN jsonb_typeof(a.value) = 'string' AND $3 THEN a.value #>> '{}' END AS text,
              count(*)::int AS count
         FROM feedback_response fr
         CROSS JOIN LATERAL jsonb_each(fr.answers) a
        WHERE fr.tenant_id = $1 AND fr.request_id = $2
          AND (jsonb_typeof(a.value) = 'number' OR $3)
        GROUP BY 1, 2, 3
       UNION ALL
       SELECT NULL, NULL, NULL, count(*)::int FROM feedback_response fr WHERE fr.tenant_id = $1 AND fr.request_id = $2`,
      [tenantId, requestId, withComments],
      { prepared: true },
    );
    const tally: AnswerTally = { responses: 0, histograms: {}, comments: [] };
    for (const row of rows) {
      if (row.item === null) {
        tally.responses = row.count;
      } else if (row.value !== null && row.value >= 1 && row.value <= 5) {
        const histogram = (tally.histograms[row.item] ??= [0, 0, 0, 0, 0]);
        histogram[row.value - 1] = (histogram[row.value - 1] ?? 0) + row.count;
      } else if (row.text !== null) {
        for (let index = 0; index < row.count; index += 1) tally.comments.push(row.text);
      }
    }
    return tally;
  }

  /** Publishes the scores: the count and the tallies, dated today (UTC), never a time. */
  async publishScores(uow: UnitOfWork, tenantId: string, sessionId: string, requestId: string, responses: number, histograms: Record<string, number[]>): Promise<void> {
    await uow.query(
      `INSERT INTO feedback_result_snapshot (tenant_id, session_id, request_id, responses, tallies, published_on)
       VALUES ($1, $2, $3, $4, $5::jsonb, (now() AT TIME ZONE 'UTC')::date)
       ON CONFLICT (tenant_id, session_id) DO UPDATE
         SET request_id = EXCLUDED.request_id, responses = EXCLUDED.responses, tallies = EXCLUDED.tallies, published_on = EXCLUDED.published_on`,
      [tenantId, sessionId, requestId, responses, JSON.stringify(histograms)],
      { prepared: true },
    );
  }

  /** Publishes the comments (already in random order) with the count they were taken at; the scores row exists by then. */
  async publishComments(uow: UnitOfWork, tenantId: string, sessionId: string, responses: number, comments: readonly string[]): Promise<void> {
    await uow.query(
      `UPDATE feedback_result_snapshot
          SET comment_responses = $3, comments = $4::jsonb, comments_published_on = (now() AT TIME ZONE 'UTC')::date
        WHERE tenant_id = $1 AND session_id = $2`,
      [tenantId, sessionId, responses, JSON.stringify(comments)],
      { prepared: true },
    );
  }

  /** Records that the session's responses were considered now (`feedback_rollup`: no longer stale). */
  async markConsidered(uow: UnitOfWork, tenantId: string, sessionId: string): Promise<void> {
    await uow.query(
      `INSERT INTO feedback_rollup (tenant_id, session_id, stale, computed_at) VALUES ($1, $2, false, now())
       ON CONFLICT (tenant_id, session_id) DO UPDATE SET stale = false, computed_at = now()`,
      [tenantId, sessionId],
      { prepared: true },
    );
  }
}
