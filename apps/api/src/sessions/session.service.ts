import { Inject, Injectable } from '@nestjs/common';
import { assessRefreshToken, AuthPolicy, AuditAction, DomainError, expiresAt, RefreshVerdict, uuidSchema, type PlatformRole, type Principal, type TenantRole } from '@lena/domain';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { hashOpaqueToken, newOpaqueToken } from '../common/one-time-link';
import { requestContext } from '../common/request-context';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { clearAuthCookies, csrfHeaderMatches, REFRESH_COOKIE, setAuthCookies } from './auth-cookies';
import type { AccountSession } from './dtos/account-session.type';
import { RoleRepository, type ActiveMembership } from './role.repository';
import { SessionRepository } from './session.repository';
import { TokenService, type AccessClaims } from './token.service';
import { describeUserAgent } from './user-agent';

export type { ActiveMembership };

const SESSION = 'That session';

/** Roles the caller has already read this request, so they are not read again. */
export interface KnownRoles {
  platformRoles?: PlatformRole[];
  memberships?: ActiveMembership[];
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
    private readonly sessions: SessionRepository,
    private readonly roles: RoleRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The person's memberships in organisations that are not suspended. */
  async activeMemberships(userId: string): Promise<ActiveMembership[]> {
    // Row-level security shows a person their own memberships in every organisation.
    await requestContext().uow.actAs({ userId });
    return this.roles.activeMembershipsOf(userId);
  }

  async platformRoles(userId: string): Promise<PlatformRole[]> {
    return this.roles.platformRolesOf(userId);
  }

  /**
   * Starts a session acting in `tenantId` (or none), sets the cookies and returns the claims.
   * Roles are read fresh from the database.
   */
  async start(userId: string, tenantId: string | null, known: KnownRoles = {}): Promise<AccessClaims> {
    const { ipAddress, userAgent, reply } = requestContext();
    const claims = await this.claimsFor(userId, tenantId, '', known);
    const sessionId = await this.sessions.create({ userId, tenantId, expiresAt: expiresAt(new Date(), AuthPolicy.refreshTokenSeconds), ipAddress, userAgent });
    const started = { ...claims, sessionId };
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
    // Two refreshes racing with one token run one after the other: the second reads the token
    // only once the first has rotated it (see SessionRepository.lockByRefreshToken).
    const token = await this.sessions.lockByRefreshToken(hashOpaqueToken(presented));
    const verdict = token ? assessRefreshToken(token, token.checkedAt) : RefreshVerdict.SESSION_ENDED;
    if (!token || verdict === RefreshVerdict.SESSION_ENDED) {
      clearAuthCookies(reply, this.config.cookieSecure);
      throw DomainError.unauthenticated('Your session has ended. Please sign in again.');
    }
    if (verdict === RefreshVerdict.REUSED) {
      // Written on its own connection: the request fails, but the revocation must stand. The
      // request's transaction (which wrote nothing) ends first, giving up the session's lock.
      await uow.finish(false);
      await this.sessions.revokeDetached(token.sessionId, 'refresh token reused');
      await this.audit.recordDetached({
        action: AuditAction.REFRESH_TOKEN_REUSED,
        actorUserId: token.userId,
        tenantId: token.tenantId,
        targetType: 'auth_session',
        targetId: token.sessionId,
      });
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
    await this.sessions.moveToTenant(sessionId, tenantId);
    const claims = await this.claimsFor(userId, tenantId, sessionId, { memberships });
    await this.issueTokens(claims, requestContext().reply);
    return claims;
  }

  async revokeSession(sessionId: string, reason: string): Promise<void> {
    await this.sessions.revoke(sessionId, reason);
  }

  /** Ends every live session of a person (optionally only those acting in one organisation). */
  async revokeUserSessions(userId: string, reason: string, tenantId?: string): Promise<void> {
    await this.sessions.revokeAllOf(userId, reason, tenantId ?? null);
  }

  async revokeTenantSessions(tenantId: string, reason: string): Promise<void> {
    await this.sessions.revokeAllIn(tenantId, reason);
  }

  // A person's own sessions, for their account page. Every statement is keyed by the principal's
  // own user id, so no id from the request can reach another person's session (auth_session has
  // no row-level security: this service is the wall).

  /** The person's live sessions, this one first, then the most recently active. */
  async listOwn(principal: Principal): Promise<AccountSession[]> {
    const sessions = await this.sessions.listLive(principal.userId, principal.sessionId);
    return sessions.map(({ userAgent, ...row }) => ({ ...row, device: describeUserAgent(userAgent), current: row.id === principal.sessionId }));
  }

  /** Ends one of the person's other sessions. Anyone else's session answers as one that does not exist. */
  async endSession(principal: Principal, sessionId: string): Promise<void> {
    if (!uuidSchema.safeParse(sessionId).success) throw DomainError.notFound(SESSION);
    if (sessionId === principal.sessionId) throw DomainError.conflict('This is the session you are using now. To end it, sign out.');
    if (!(await this.sessions.endOwn(principal.userId, sessionId, 'ended by its owner'))) throw DomainError.notFound(SESSION);
    await this.audit.record({ action: AuditAction.SESSION_ENDED, tenantId: principal.tenantId, targetType: 'auth_session', targetId: sessionId });
  }

  /** Ends every session of the person but this one; returns how many ended. */
  async endOtherSessions(principal: Principal): Promise<number> {
    const ended = await this.endOtherSessionsOf(principal, 'ended by its owner');
    await this.audit.record({
      action: AuditAction.OTHER_SESSIONS_ENDED,
      tenantId: principal.tenantId,
      targetType: 'user_account',
      targetId: principal.userId,
      detail: { count: ended },
    });
    return ended;
  }

  /** Ends every live session of the principal's person but this one; returns how many ended. */
  async endOtherSessionsOf(principal: Principal, reason: string): Promise<number> {
    return this.sessions.endAllOfBut(principal.userId, principal.sessionId, reason);
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
   * points at its successor, so a session holds exactly one unspent token. Callers hold the
   * session row's lock (a new session, refresh's lock, switchTenant's update), so two issues never
   * interleave.
   */
  private async issueTokens(claims: AccessClaims, reply: ReturnType<typeof requestContext>['reply']): Promise<void> {
    const refresh = newOpaqueToken();
    await this.sessions.rotateRefreshToken(claims.sessionId, { hash: refresh.hash, expiresAt: expiresAt(new Date(), AuthPolicy.refreshTokenSeconds) });
    setAuthCookies(reply, { accessToken: this.tokens.signAccess(claims), refreshToken: refresh.token, csrfToken: randomBytes(24).toString('base64url') }, this.config.cookieSecure);
  }
}
