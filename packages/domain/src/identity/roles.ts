/** Provider staff hold platform roles; they cross tenants. */
export const PlatformRole = {
  PLATFORM_ADMIN: 'PLATFORM_ADMIN',
  FACILITATOR: 'FACILITATOR',
} as const;
export type PlatformRole = (typeof PlatformRole)[keyof typeof PlatformRole];

/** Client staff hold one role in each tenant they belong to. */
export const TenantRole = {
  ORG_ADMIN: 'ORG_ADMIN',
  PARTICIPANT: 'PARTICIPANT',
} as const;
export type TenantRole = (typeof TenantRole)[keyof typeof TenantRole];

export type Role = PlatformRole | TenantRole;
export const ALL_ROLES: readonly Role[] = [PlatformRole.PLATFORM_ADMIN, PlatformRole.FACILITATOR, TenantRole.ORG_ADMIN, TenantRole.PARTICIPANT];

/** Who is asking: resolved once per request from a verified access token and a live session. */
export interface Principal {
  readonly userId: string;
  readonly sessionId: string;
  readonly platformRoles: readonly PlatformRole[];
  /** The tenant this session acts in, if any (provider staff usually have none). */
  readonly tenantId: string | null;
  readonly tenantRole: TenantRole | null;
}

export function isPlatformAdmin(principal: Principal): boolean {
  return principal.platformRoles.includes(PlatformRole.PLATFORM_ADMIN);
}

export function isFacilitator(principal: Principal): boolean {
  return principal.platformRoles.includes(PlatformRole.FACILITATOR);
}

export function isOrgAdminOf(principal: Principal, tenantId: string): boolean {
  return principal.tenantId === tenantId && principal.tenantRole === TenantRole.ORG_ADMIN;
}

/** Every role the principal holds right now, platform roles first. */
export function rolesOf(principal: Principal): Role[] {
  return [...principal.platformRoles, ...(principal.tenantRole ? [principal.tenantRole] : [])];
}
