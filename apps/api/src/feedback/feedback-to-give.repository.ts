import { Injectable } from '@nestjs/common';
import { requestContext } from '../common/request-context';

export interface FeedbackToGiveRow {
  sessionId: string;
  programmeTitle: string;
  sequence: number;
  sessionCount: number;
  startsAt: Date;
  closesAt: Date;
}

/**
 * The signed-in person's own feedback links, read in their organisation: which sessions they can
 * still answer for. Links name their recipient (so a person is never emailed twice); nothing here
 * reads a response, and a response cannot be joined to a link.
 */
@Injectable()
export class FeedbackToGiveRepository {
  async open(tenantId: string, userId: string): Promise<FeedbackToGiveRow[]> {
    return requestContext().uow.query<FeedbackToGiveRow>(
      `SELECT s.id AS "sessionId", p.title AS "programmeTitle", s.sequence, p.session_count AS "sessionCount", s.starts_at AS "startsAt", r.closes_at AS "closesAt"
         FROM feedback_link l
         JOIN feedback_link_unspent u ON u.tenant_id = l.tenant_id AND u.link_id = l.id
         JOIN feedback_request r ON r.tenant_id = l.tenant_id AND r.id = l.request_id
         JOIN group_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
         JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
        WHERE l.tenant_id = $1 AND l.user_id = $2 AND r.closes_at > now()
        ORDER BY r.closes_at, s.starts_at`,
      [tenantId, userId],
    );
  }

  /**
   * Gives the person's unspent link for the session's open request a new secret's hash (only the
   * hash is stored, so a link cannot be shown again); false when there is no such link (another
   * organisation's session, someone else's, spent or closed).
   */
  async rotate(tenantId: string, userId: string, sessionId: string, tokenHash: Buffer): Promise<boolean> {
    const rows = await requestContext().uow.query(
      `UPDATE feedback_link l SET token_hash = $4
         FROM feedback_request r
        WHERE l.tenant_id = $1 AND l.user_id = $2 AND r.tenant_id = l.tenant_id AND r.id = l.request_id AND r.session_id = $3 AND r.closes_at > now()
          AND EXISTS (SELECT 1 FROM feedback_link_unspent u WHERE u.tenant_id = l.tenant_id AND u.link_id = l.id)
       RETURNING l.id`,
      [tenantId, userId, sessionId, tokenHash],
    );
    return rows.length > 0;
  }
}
