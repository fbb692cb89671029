import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuthPolicy, type PlatformRole, type TenantRole } from '@lena/domain';
import { errors, jwtVerify, SignJWT } from 'jose';
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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUDIENCE = 'lena-api';

/** Signs and checks access tokens, and makes the opaque one-time tokens kept only as hashes. */
@Injectable()
export class TokenService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async signAccess(claims: AccessClaims): Promise<string> {
    return new SignJWT({
      sid: claims.sessionId,
      tid: claims.tenantId,
      trole: claims.tenantRole,
      proles: claims.platformRoles,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${AuthPolicy.accessTokenSeconds}s`)
      .sign(this.config.jwtSecret);
  }

  async verifyAccess(token: string): Promise<VerifiedAccess> {
    try {
      const { payload } = await jwtVerify(token, this.config.jwtSecret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
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
      return { ok: false, problem: error instanceof errors.JWTExpired ? 'expired' : 'invalid' };
    }
  }

  /** A fresh secret for a link or cookie, and the hash that is all the database keeps. */
  newOpaqueToken(): { token: string; hash: Buffer } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.hash(token) };
  }

  hash(token: string): Buffer {
    return createHash('sha256').update(token).digest();
  }
}
