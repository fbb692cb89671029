import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import { requestContext } from '../common/request-context';

/** A person's live feed, as its owner sees it (never the token: only its hash is kept). */
export interface CalendarFeed {
  createdAt: Date;
}

/** Whose sessions a presented feed token lists. */
export interface CalendarFeedOwner {
  userId: string;
  tenantId: string | null;
}

/**
 * Calendar subscriptions: a platform table (a facilitator's feed crosses organisations), so every
 * statement names the person, and the organisation (NULL for a facilitator's feed) it lists.
 */
@Injectable()
export class CalendarFeedRepository {
  async findLive(userId: string, tenantId: string | null): Promise<CalendarFeed | null> {
    const [row] = await requestContext().uow.query<{ created_at: Date }>(
      `SELECT created_at FROM calendar_feed WHERE user_id = $1 AND tenant_id IS NOT DISTINCT FROM $2::uuid AND revoked_at IS NULL`,
      [userId, tenantId],
    );
    return row ? { createdAt: row.created_at } : null;
  }

  /**
   * Revokes the person's live feed here, if any, and stores a new one. Of two requests at once, the
   * unique index lets one live feed stand; the other fails as a conflict (the exception filter
   * maps the unique violation) and writes nothing.
   */
  async replace(userId: string, tenantId: string | null, tokenHash: Buffer): Promise<CalendarFeed> {
    await this.revoke(userId, tenantId);
    const rows = await requestContext().uow.query<{ created_at: Date }>('INSERT INTO calendar_feed (user_id, tenant_id, token_hash) VALUES ($1, $2, $3) RETURNING created_at', [
      userId,
      tenantId,
      tokenHash,
    ]);
    const row = oneRow(rows, 'calendar_feed');
    return { createdAt: row.created_at };
  }

  /** False when there was no live feed to revoke. */
  async revoke(userId: string, tenantId: string | null): Promise<boolean> {
    const rows = await requestContext().uow.query(
      `UPDATE calendar_feed SET revoked_at = now() WHERE user_id = $1 AND tenant_id IS NOT DISTINCT FROM $2::uuid AND revoked_at IS NULL RETURNING id`,
      [userId, tenantId],
    );
    return rows.length > 0;
  }

  /**
   * Whose feed this is, if it is live and its owner may still see what it lists: an active
   * account; for a facilitator's feed, still a facilitator; for a participant's, still a member of
   * an active organisation. One indexed statement, the same for an unknown and a revoked token.
   */
  async findOwner(tokenHash: Buffer): Promise<CalendarFeedOwner | null> {
    const [row] = await requestContext().uow.query<{ user_id: string; tenant_id: string | null }>(
      `SELECT f.user_id, f.tenant_id
         FROM calendar_feed f
         JOIN user_account u ON u.id = f.user_id AND u.status = 'ACTIVE'
         LEFT JOIN tenant t ON t.id = f.tenant_id
        WHERE f.token_hash = $1 AND f.revoked_at IS NULL
          AND (CASE WHEN f.tenant_id IS NULL
                    THEN EXISTS (SELECT 1 FROM platform_role r WHERE r.user_id = f.user_id AND r.role = 'FACILITATOR')
                    ELSE t.status = 'ACTIVE' END)`,
      [tokenHash],
    );
    return row ? { userId: row.user_id, tenantId: row.tenant_id } : null;
  }
}
