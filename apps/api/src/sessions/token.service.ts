import { Inject, Injectable } from '@nestjs/common';
import { AuthPolicy, type PlatformRole, type TenantRole } from '@lena/domain';
import { createSigner, createVerifier, TokenError } from 'fast-jwt';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export interface AccessClaims {
  userId: string;
  sessionId: string;
  tenantId: string | null;
  tenantRole: TenantRole | null;
  platformRoles: PlatformRole[];
}

export type VerifiedAccess = { ok: true; claims: AccessClaims } | { ok: false; problem: 'expired' | 'invalid' };

const ISSUER = 'lena';
const AUDIENCE = 'lena-api';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Signs and checks access tokens (HS256, with fast-jwt: synchronous node:crypto HMAC and a small
 * cache of verified tokens, since every request verifies one), and makes the opaque refresh
 * tokens kept only as hashes (as one-time links are: common/one-time-link.ts).
 */
@Injectable()
export class TokenService {
  private readonly signer: (payload: Record<string, unknown>) => string;
  private readonly verifier: (token: string) => Record<string, unknown>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const key = Buffer.from(config.jwtSecret);
    this.signer = createSigner({ key, algorithm: 'HS256', iss: ISSUER, aud: AUDIENCE, expiresIn: AuthPolicy.accessTokenSeconds * 1000 });
    this.verifier = createVerifier({ key, algorithms: ['HS256'], allowedIss: ISSUER, allowedAud: AUDIENCE, requiredClaims: ['exp', 'sub', 'sid'], cache: 10_000 });
  }

  signAccess(claims: AccessClaims): string {
    return this.signer({
      sub: claims.userId,
      sid: claims.sessionId,
      tid: claims.tenantId,
      trole: claims.tenantRole,
      proles: claims.platformRoles,
    });
  }

  verifyAccess(token: string): VerifiedAccess {
    try {
      const payload = this.verifier(token);
      const ids = [payload.sub, payload.sid, payload.tid ?? null];
      if (!ids.every((id) => id === null || (typeof id === 'string' && UUID.test(id)))) return { ok: false, problem: 'invalid' };
      return {
        ok: true,
        claims: {
          userId: payload.sub as string,
          sessionId: payload.sid as string,
          tenantId: typeof payload.tid === 'string' ? payload.tid : null,
          tenantRole: (payload.trole as TenantRole | null) ?? null,
          platformRoles: Array.isArray(payload.proles) ? (payload.proles as PlatformRole[]) : [],
        },
      };
    } catch (error) {
      return { ok: false, problem: error instanceof TokenError && error.code === TokenError.codes.expired ? 'expired' : 'invalid' };
    }
  }
}
