import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthSessionEntity } from '@lena/database';
import type { PresentedRefreshToken } from '@lena/domain';
import { DataSource } from 'typeorm';
import { requestContext } from '../common/request-context';

export interface NewSession {
  userId: string;
  tenantId: string | null;
  expiresAt: Date;
  ipAddress: string | null;
  userAgent: string | null;
}

/** A presented refresh token with its session, read under the session's lock, and the database's time then. */
export interface LockedRefreshToken extends PresentedRefreshToken {
  sessionId: string;
  userId: string;
  tenantId: string | null;
  checkedAt: Date;
}

/** A live session as its owner's account page lists it. */
export interface LiveSession {
  id: string;
  userAgent: string | null;
  ipAddress: string | null;
  startedAt: Date;
  lastActiveAt: Date;
}

interface RefreshTokenRow {
  session_id: string;
  used_at: Date | null;
  expires_at: Date;
  user_id: string;
  tenant_id: string | null;
  session_revoked_at: Date | null;
  session_expires_at: Date;
  checked_at: Date;
}

function toLockedRefreshToken(row: RefreshTokenRow): LockedRefreshToken {
  return {
    sessionId: row.session_id,
    userId: row.user_id,
    tenantId: row.tenant_id,
    usedAt: row.used_at,
    expiresAt: row.expires_at,
    session: { revokedAt: row.session_revoked_at, expiresAt: row.session_expires_at },
    checkedAt: row.checked_at,
  };
}

interface LiveSessionRow {
  id: string;
  user_agent: string | null;
  ip_address: string | null;
  started_at: Date;
  last_active_at: Date;
}

function toLiveSession(row: LiveSessionRow): LiveSession {
  return { id: row.id, userAgent: row.user_agent, ipAddress: row.ip_address, startedAt: row.started_at, lastActiveAt: row.last_active_at };
}

/**
 * Sessions (auth_session) and their refresh tokens, in the request's unit of work. auth_session
 * has no row-level security: every statement names the session or person it is about, and the
 * callers pass only the principal's own ids or ones the database gave them.
 *
 * Revocations are conditional updates (`revoked_at IS NULL`), so the first reason a session ended
 * for is the one kept; the token rotation and its lock stay raw SQL, as the protocol they follow
 * is the point.
 */
@Injectable()
export class SessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns the new session's id. */
  async create(session: NewSession): Promise<string> {
    const id = randomUUID();
    await (await requestContext().uow.manager()).insert(AuthSessionEntity, { id, ...session });
    return id;
  }

  /**
   * Locks the session of the refresh token with this hash, then reads the token and its session:
   * undefined when no token has the hash. The session row is the lock every change of its tokens
   * takes (refresh, switchTenant), so two refreshes racing with one token run one after the other.
   * The token is read by a second statement, whose snapshot is taken after the lock was granted
   * and so sees the winner's work.
   */
  async lockByRefreshToken(tokenHash: Buffer): Promise<LockedRefreshToken | undefined> {
    const { uow } = requestContext();
    await uow.query('SELECT 1 FROM auth_session WHERE id = (SELECT session_id FROM refresh_token WHERE token_hash = $1) FOR UPDATE', [tokenHash]);
    const [row] = await uow.query<RefreshTokenRow>(
      `SELECT r.session_id, r.used_at, r.expires_at, s.user_id, s.tenant_id,
              s.revoked_at AS session_revoked_at, s.expires_at AS session_expires_at, now() AS checked_at
         FROM refresh_token r JOIN auth_session s ON s.id = r.session_id
        WHERE r.token_hash = $1`,
      [tokenHash],
    );
    return row && toLockedRefreshToken(row);
  }

  /**
   * Spends the session's unspent refresh token, pointing it at its successor, and stores the
   * successor: a session holds exactly one unspent token (a unique index holds the database to
   * it). The caller holds the session row's lock, so two rotations never interleave.
   */
  async rotateRefreshToken(sessionId: string, successor: { hash: Buffer; expiresAt: Date }): Promise<void> {
    const { uow } = requestContext();
    const successorId = randomUUID();
    // Spent before the successor exists, or the unique index would see two unspent tokens; the
    // foreign key to the successor is checked at commit.
    await uow.query('UPDATE refresh_token SET used_at = now(), replaced_by = $2 WHERE session_id = $1 AND used_at IS NULL', [sessionId, successorId]);
    await uow.query('INSERT INTO refresh_token (id, session_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)', [successorId, sessionId, successor.hash, successor.expiresAt]);
  }

  /** The session acts in another organisation from now on (the update locks its row). */
  async moveToTenant(sessionId: string, tenantId: string): Promise<void> {
    await (await requestContext().uow.manager()).update(AuthSessionEntity, { id: sessionId }, { tenantId });
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await requestContext().uow.query('UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, reason]);
  }

  /**
   * Revokes on a connection of its own, committed at once: for a request that is about to fail
   * (and roll back) but whose revocation must stand. The request's transaction must have ended
   * first if it holds the session's lock.
   */
  async revokeDetached(sessionId: string, reason: string): Promise<void> {
    await this.dataSource.query('UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL', [sessionId, reason]);
  }

  /** Every live session of a person, or only those acting in `tenantId`. */
  async revokeAllOf(userId: string, reason: string, tenantId: string | null): Promise<void> {
    await requestContext().uow.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR tenant_id = $3)`,
      [userId, reason, tenantId],
    );
  }

  /** Every live session acting in an organisation. */
  async revokeAllIn(tenantId: string, reason: string): Promise<void> {
    await requestContext().uow.query('UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE tenant_id = $1 AND revoked_at IS NULL', [tenantId, reason]);
  }

  /** Ends the person's own live session `sessionId`; false when they have no such session. */
  async endOwn(userId: string, sessionId: string, reason: string): Promise<boolean> {
    const ended = await requestContext().uow.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $3
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()
        RETURNING id`,
      [sessionId, userId, reason],
    );
    return ended.length === 1;
  }

  /** Ends every live session of the person but `keptSessionId`; returns how many ended. */
  async endAllOfBut(userId: string, keptSessionId: string, reason: string): Promise<number> {
    const ended = await requestContext().uow.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $3
        WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL
        RETURNING id`,
      [userId, keptSessionId, reason],
    );
    return ended.length;
  }

  /**
   * The person's live sessions, `currentSessionId` first, then the most recently active (a
   * session is active when it renews its tokens).
   */
  async listLive(userId: string, currentSessionId: string): Promise<LiveSession[]> {
    const rows = await requestContext().uow.query<LiveSessionRow>(
      `SELECT s.id, s.user_agent, host(s.ip_address) AS ip_address, s.created_at AS started_at,
              coalesce((SELECT max(r.created_at) FROM refresh_token r WHERE r.session_id = s.id), s.created_at) AS last_active_at
         FROM auth_session s
        WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
        ORDER BY (s.id = $2) DESC, last_active_at DESC, s.id`,
      [userId, currentSessionId],
    );
    return rows.map(toLiveSession);
  }
}
