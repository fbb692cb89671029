import { Injectable } from '@nestjs/common';
import { AccountStatus, AuditAction, DomainError, ErrorCode, loginSchema, parseInput, type Principal } from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { TenantService } from '../tenancy/tenant.service';
import type { Viewer } from './dtos/viewer.type';
import type { LoginInput } from './dtos/auth.inputs';
import { AccountRepository } from './account.repository';
import { AuthRateLimiter } from './auth-rate-limiter.service';
import { CredentialRepository } from './credential.repository';
import { PasswordHasher } from './password-hasher.service';
import { SessionService, type ActiveMembership } from '../sessions/session.service';
import type { AccessClaims } from '../sessions/token.service';

const WRONG_CREDENTIALS = 'The email address or password is not right.';

@Injectable()
export class AuthService {
  constructor(
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: AuthRateLimiter,
    private readonly audit: AuditService,
    private readonly tenants: TenantService,
    private readonly credentials: CredentialRepository,
    private readonly accounts: AccountRepository,
  ) {}

  /**
   * Signs in. The order is the defence: spend a rate-limit point (Redis, cheap), read the
   * credentials in one autocommit statement, and only then verify the hash (argon2, ~50 ms of CPU)
   * while holding no database connection, so a burst of sign-ins cannot starve everyone else's
   * requests of the pool. The request's transaction starts only once the person is known.
   */
  async login(input: LoginInput): Promise<Viewer> {
    const { email, password } = parseInput(loginSchema, input);
    const { ipAddress } = requestContext();
    try {
      await this.limiter.consumeSignInAttempt(email, ipAddress);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.RATE_LIMITED) {
        await this.audit.recordDetached({ action: AuditAction.LOGIN_FAILED, actorUserId: null, targetType: 'user_account', detail: { reason: 'rate limited' } });
      }
      throw error;
    }

    const user = await this.credentials.find(email);
    const passwordMatches = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !passwordMatches) {
      await this.audit.recordDetached({
        action: AuditAction.LOGIN_FAILED,
        actorUserId: user?.id ?? null,
        targetType: 'user_account',
        detail: { reason: user ? 'wrong password' : 'unknown email' },
      });
      throw DomainError.unauthenticated(WRONG_CREDENTIALS);
    }
    if (user.status !== AccountStatus.ACTIVE) {
      await this.audit.recordDetached({ action: AuditAction.LOGIN_FAILED, actorUserId: user.id, targetType: 'user_account', detail: { reason: 'deactivated' } });
      // The password was right, so saying why reveals nothing the person does not already know.
      throw DomainError.forbidden(deactivatedMessage(await this.credentials.isStaff(user.id)));
    }

    const [memberships, platformRoles] = await Promise.all([this.sessions.activeMemberships(user.id), this.sessions.platformRoles(user.id)]);
    if (memberships.length === 0 && platformRoles.length === 0) {
      // The password was right, so saying why is safe: every organisation they belong to is suspended, or they belong to none.
      throw DomainError.forbidden('Your account has no active organisation on Lena: its access may be suspended or you may have been removed. Please contact your coordinator.');
    }
    // Provider staff act across organisations; client staff start in their first organisation.
    const [firstMembership] = memberships;
    const tenantId = platformRoles.length ? null : (firstMembership?.tenantId ?? null);
    const claims = await this.sessions.start(user.id, tenantId, { platformRoles, memberships });
    await this.limiter.signInSucceeded(email, ipAddress);
    await this.audit.record({ action: AuditAction.LOGIN_SUCCEEDED, actorUserId: user.id, tenantId, targetType: 'auth_session', targetId: claims.sessionId });
    return this.viewerFor(claims, memberships);
  }

  async logout(): Promise<void> {
    const { principal } = requestContext();
    if (principal) {
      await this.sessions.revokeSession(principal.sessionId, 'signed out');
      await this.audit.record({ action: AuditAction.LOGGED_OUT, tenantId: principal.tenantId, targetType: 'auth_session', targetId: principal.sessionId });
    }
    this.sessions.clearCookies();
  }

  async refresh(): Promise<Viewer> {
    return this.viewerFor(await this.sessions.refresh());
  }

  async switchTenant(principal: Principal, tenantId: string): Promise<Viewer> {
    return this.viewerFor(await this.sessions.switchTenant(principal.userId, principal.sessionId, tenantId));
  }

  async viewer(principal: Principal): Promise<Viewer> {
    return this.viewerFor(principal);
  }

  private async viewerFor(claims: AccessClaims | Principal, knownMemberships?: ActiveMembership[]): Promise<Viewer> {
    const [user, memberships, tenant] = await Promise.all([
      this.accounts.findName(claims.userId),
      knownMemberships ?? this.sessions.activeMemberships(claims.userId),
      claims.tenantId ? this.tenants.findById(claims.tenantId) : Promise.resolve(null),
    ]);
    // Only reached for a person the database has just confirmed (a live session, a sign-in).
    if (!user) throw DomainError.unauthenticated();
    return {
      id: claims.userId,
      email: user.email,
      displayName: user.displayName,
      platformRoles: [...claims.platformRoles],
      tenantId: claims.tenantId,
      tenantRole: claims.tenantRole,
      tenant,
      memberships,
    };
  }
}

/**
 * What a deactivated person is told once their password has proved who they are: provider staff
 * are deactivated by the platform's administrators, client staff by their organisation.
 */
function deactivatedMessage(staff: boolean): string {
  return staff
    ? 'Your Lena account has been deactivated. If you think this is a mistake, please contact a Lena platform administrator.'
    : 'Your Lena account has been deactivated. If you think this is a mistake, please contact the coordinator of your organisation’s Lena programme.';
}
