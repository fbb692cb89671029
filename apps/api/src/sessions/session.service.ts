import { Inject, Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import { AuthPolicy, AuditAction, DomainError, expiresAt, uuidSchema, type PlatformRole, type Principal, type TenantRole } from '@lena/domain';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { hashOpaqueToken, newOpaqueToken } from '../common/one-time-link';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { clearAuthCookies, csrfHeaderMatches, REFRESH_COOKIE, setAuthCookies } from './auth-cookies';
import type { AccountSession } from './dtos/account-session.type';
import { TokenService, type AccessClaims } from './token.service';
import { describeUserAgent } from './user-agent';

const SESSION = 'That session';

export interface MembershipRow {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  role: TenantRole;
}

/** Roles the caller has already read this request, so they are not read again. */
export interface KnownRoles {
  platformRoles?: PlatformRole[];
  memberships?: MembershipRow[];
}

/**
 * Sessions and their tokens. A session is one sign-in; each refresh spends the session's one live
 * token and issues the next. Presenting a spent token means it was copied, so the whole session
 * ends, unless it was spent within the last few seconds (two tabs refreshing together).
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The person's memberships in organisations that are not suspended. */
  async activeMemberships(userId: string): Promise<MembershipRow[]> {
    const { uow } = requestContext();
    await uow.actAs({ userId });
    return uow.query<MembershipRow>(
      `SELECT m.tenant_id AS "tenantId", t.name AS "tenantName", t.slug AS "tenantSlug", m.role
         FROM tenant_membership m JOIN tenant t ON t.id = m.tenant_id
        WHERE m.user_id = $1 AND t.status = 'ACTIVE'
        ORDER BY t.name`,
      [userId],
    );
  }

  async platformRoles(userId: string): Promise<PlatformRole[]> {
    const rows = await requestContext().uow.query<{ role: PlatformRole }>(
      'SELECT role FROM platform_role WHERE user_id = $1 ORDER BY role',
      [userId],
    );
    return rows.map((row) => row.role);
  }

  /**
   * Starts a session acting in `tenantId` (or none), sets the cookies and returns the claims.
   * Roles are read fresh from the database.
   */
  async start(userId: string, tenantId: string | null, known: KnownRoles = {}): Promise<AccessClaims> {
    const { uow, ipAddress, userAgent, reply } = requestContext();
    const claims = await this.claimsFor(userId, tenantId, '', known);
    const rows = await uow.query<{ id: string }>(
      `INSERT INTO auth_session (user_id, tenant_id, expires_at, ip_address, user_agent)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [userId, tenantId, expiresAt(new Date(), AuthPolicy.refreshTokenSeconds), ipAddress, userAgent],
    );
    const session = oneRow(rows, 'auth_session');
    const started = { ...claims, sessionId: session.id };
    await this.issueTokens(started, reply);
    return started;
  }

  /**
   * Spends the refresh cookie and issues the next pair. A token reused after the grace window
   * (AuthPolicy.refreshReuseGraceSeconds) was copied, so the session ends. A token reused within
   * the window (two tabs refreshing together) supersedes the session's one live token instead of
   * starting a second chain beside it: the session never holds two unspent tokens.
   */
  async refresh(): Promise<AccessClaims> {
    const { uow, request, reply } = requestContext();
    const presented = request.cookies[REFRESH_COOKIE];
    if (!presented) throw DomainError.unauthenticated();
    if (!csrfHeaderMatches(request)) throw DomainError.forbidden('This request did not carry the security token it needs. Reload the page and try again.');
    const tokenHash = hashOpaqueToken(presented);
    // The session row is the lock every change of its tokens takes (refresh, switchTenant), so two
    // refreshes racing with one token run one after the other. The token is read by the next
    // statement, whose snapshot is taken after the lock was granted and so sees the winner's work.
    await uow.query('SELECT 1 FROM auth_session WHERE id = (SELECT session_id FROM refresh_token WHERE token_hash = $1) FOR UPDATE', [tokenHash]);
    const [token] = await uow.query<{ sessionId: string; usedAt: Date | null; justSpent: boolean; userId: string; tenantId: string | null; live: boolean }>(
      `SELECT r.session_id AS "sessionId", r.used_at AS "usedAt",
              (r.used_at > now() - make_interval(secs => $2)) AS "justSpent",
              s.user_id AS "userId", s.tenant_id AS "tenantId",
              (s.revoked_at IS NULL AND s.expires_at > now() AND r.expires_at > now()) AS live
         FROM refresh_token r JOIN auth_session s ON s.id = r.session_id
        WHERE r.token_hash = $1`,
      [tokenHash, AuthPolicy.refreshReuseGraceSeconds],
    );
    if (!token || !token.live) {
      clearAuthCookies(reply, this.config.cookieSecure);
      throw DomainError.unauthenticated('Your session has ended. Please sign in again.');
    }
    if (token.usedAt && !token.justSpent) {
      // Written on its own connection: the request fails, but the revocation must stand. The
      // request's transaction (which wrote nothing) ends first, giving up the session's lock.
      await uow.finish(false);
      await this.dataSource.query(
        `UPDATE auth_session SET revoked_at = now(), revoked_reason = 'refresh token reused' WHERE id = $1 AND revoked_at IS NULL`,
        [token.sessionId],
      );
      await this.audit.recordDetached({ action: AuditAction.REFRESH_TOKEN_REUSED, actorUserId: token.userId, tenantId: token.tenantId, targetType: 'auth_session', targetId: token.sessionId });
      clearAuthCookies(reply, this.config.cookieSecure);
      throw DomainError.unauthenticated('For your security you have been signed out. Please sign in again.');
    }
    // Unspent: it is the session's live token and issueTokens spends it. Spent moments ago (another
    // tab won the race): issueTokens spends the successor that tab was given, and the presented
    // token keeps its first spending time, so the grace window cannot be stretched by replaying it.
    const claims = await this.claimsFor(token.userId, token.tenantId, token.sessionId);
    await this.issueTokens(claims, reply);
    return claims;
  }

  /** Moves the current session to another of the person's organisations. */
  async switchTenant(userId: string, sessionId: string, tenantId: string): Promise<AccessClaims> {
    const memberships = await this.activeMemberships(userId);
    if (!memberships.some((membership) => membership.tenantId === tenantId)) throw DomainError.notFound('That organisation');
    const { uow, reply } = requestContext();
    await uow.query('UPDATE auth_session SET tenant_id = $2 WHERE id = $1', [sessionId, tenantId]);
    const claims = await this.claimsFor(userId, tenantId, sessionId, { memberships });
    await this.issueTokens(claims, reply);
    return claims;
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    await requestContext().uow.query(
      'UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL',
      [sessionId, reason],
    );
  }

  /** Ends every live session of a person (optionally only those acting in one organisation). */
  async revokeUserSessions(userId: string, reason: string, tenantId?: string): Promise<void> {
    await requestContext().uow.query(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR tenant_id = $3)`,
      [userId, reason, tenantId ?? null],
    );
  }

  async revokeTenantSessions(tenantId: string, reason: string): Promise<void> {
    await requestContext().uow.query(
      'UPDATE auth_session SET revoked_at = now(), revoked_reason = $2 WHERE tenant_id = $1 AND revoked_at IS NULL',
      [tenantId, reason],
    );
  }

  // A person's own sessions, for their account page. Every statement is keyed by the principal's
  // own user id, so no id from the request can reach another person's session (auth_session has
  // no row-level security: this service is the wall).

  /** The person's live sessions, this one first, then the most recently active. */
  async listOwn(principal: Principal): Promise<AccountSession[]> {
    const rows = await requestContext().uow.query<{ id: string; userAgent: string | null; ipAddress: string | null; startedAt: Date; lastActiveAt: Date }>(
      `SELECT s.id, s.user_agent AS "userAgent", host(s.ip_address) AS "ipAddress", s.created_at AS "startedAt",
              coalesce((SELECT max(r.created_at) FROM refresh_token r WHERE r.session_id = s.id), s.created_at) AS "lastActiveAt"
         FROM auth_session s
        WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
        ORDER BY (s.id = $2) DESC, "lastActiveAt" DESC, s.id`,
      [principal.userId, principal.sessionId],
    );
    return rows.map(({ userAgent, ...row }) => ({ ...row, device: describeUserAgent(userAgent), current: row.id === principal.sessionId }));
  }

  /** Ends one of the person's other sessions. Anyone else's session answers as one that does not exist. */
  async endSession(principal: Principal, sessionId: string): Promise<void> {
    if (!uuidSchema.safeParse(sessionId).success) throw DomainError.notFound(SESSION);
    if (sessionId === principal.sessionId) throw DomainError.conflict('This is the session you are using now. To end it, sign out.');
    const [ended] = await requestContext().uow.query<{ id: string }>(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = 'ended by its owner'
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()
        RETURNING id`,
      [sessionId, principal.userId],
    );
    if (!ended) throw DomainError.notFound(SESSION);
    await this.audit.record({ action: AuditAction.SESSION_ENDED, tenantId: principal.tenantId, targetType: 'auth_session', targetId: sessionId });
  }

  /** Ends every session of the person but this one; returns how many ended. */
  async endOtherSessions(principal: Principal): Promise<number> {
    const ended = await this.endOtherSessionsOf(principal, 'ended by its owner');
    await this.audit.record({ action: AuditAction.OTHER_SESSIONS_ENDED, tenantId: principal.tenantId, targetType: 'user_account', targetId: principal.userId, detail: { count: ended } });
    return ended;
  }

  /** Ends every live session of the principal's person but this one; returns how many ended. */
  async endOtherSessionsOf(principal: Principal, reason: string): Promise<number> {
    const rows = await requestContext().uow.query<{ id: string }>(
      `UPDATE auth_session SET revoked_at = now(), revoked_reason = $3
        WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL
        RETURNING id`,
      [principal.userId, principal.sessionId, reason],
    );
    return rows.length;
  }

  clearCookies(): void {
    clearAuthCookies(requestContext().reply, this.config.cookieSecure);
  }

  private async claimsFor(userId: string, tenantId: string | null, sessionId: string, known: KnownRoles = {}): Promise<AccessClaims> {
    const platformRoles = known.platformRoles ?? (await this.platformRoles(userId));
    let tenantRole: TenantRole | null = null;
    if (tenantId) {
      const memberships = known.memberships ?? (await this.activeMemberships(userId));
      const membership = memberships.find((row) => row.tenantId === tenantId);
      if (!membership) throw DomainError.unauthenticated('You no longer have access to that organisation. Please sign in again.');
      tenantRole = membership.role;
    }
    return { userId, sessionId, tenantId, tenantRole, platformRoles };
  }

  /**
   * Issues the session's next pair. Whatever refresh token was still unspent is spent first and
   * points at its successor, so a session holds exactly one unspent token (a unique index holds
   * the database to it). Callers hold the session row's lock (a new session, refresh's lock,
   * switchTenant's update), so two issues never interleave.
   */
  private async issueTokens(claims: AccessClaims, reply: ReturnType<typeof requestContext>['reply']): Promise<void> {
    const { uow } = requestContext();
    const refresh = newOpaqueToken();
    const successorId = randomUUID();
    // Spent before the successor exists, or the unique index would see two unspent tokens; the
    // foreign key to the successor is checked at commit.
    await uow.query('UPDATE refresh_token SET used_at = now(), replaced_by = $2 WHERE session_id = $1 AND used_at IS NULL', [claims.sessionId, successorId]);
    await uow.query(
      'INSERT INTO refresh_token (id, session_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)',
      [successorId, claims.sessionId, refresh.hash, expiresAt(new Date(), AuthPolicy.refreshTokenSeconds)],
    );
    setAuthCookies(
      reply,
      { accessToken: this.tokens.signAccess(claims), refreshToken: refresh.token, csrfToken: randomBytes(24).toString('base64url') },
      this.config.cookieSecure,
    );
  }
}
