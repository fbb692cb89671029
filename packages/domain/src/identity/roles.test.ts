import { ALL_ROLES, isFacilitator, isOrgAdminOf, isPlatformAdmin, PlatformRole, rolesOf, TenantRole, type Principal } from './roles.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';

function principal(overrides: Partial<Principal> = {}): Principal {
  return { userId: 'u', sessionId: 's', platformRoles: [], tenantId: null, tenantRole: null, ...overrides };
}

describe('roles', () => {
  it('lists every role once, platform roles first', () => {
    expect(ALL_ROLES).toEqual(['PLATFORM_ADMIN', 'FACILITATOR', 'ORG_ADMIN', 'PARTICIPANT']);
  });

  it('an org admin administers only the tenant they act in', () => {
    const admin = principal({ tenantId: TENANT, tenantRole: TenantRole.ORG_ADMIN });
    expect(isOrgAdminOf(admin, TENANT)).toBe(true);
    expect(isOrgAdminOf(admin, OTHER_TENANT)).toBe(false);
    expect(isOrgAdminOf(principal({ tenantId: TENANT, tenantRole: TenantRole.PARTICIPANT }), TENANT)).toBe(false);
    expect(isOrgAdminOf(principal({ platformRoles: [PlatformRole.PLATFORM_ADMIN] }), TENANT)).toBe(false);
  });

  it('platform roles are told apart', () => {
    const admin = principal({ platformRoles: [PlatformRole.PLATFORM_ADMIN] });
    const facilitator = principal({ platformRoles: [PlatformRole.FACILITATOR] });
    expect([isPlatformAdmin(admin), isFacilitator(admin)]).toEqual([true, false]);
    expect([isPlatformAdmin(facilitator), isFacilitator(facilitator)]).toEqual([false, true]);
    expect([isPlatformAdmin(principal()), isFacilitator(principal())]).toEqual([false, false]);
  });

  it('rolesOf gives platform roles, then the tenant role', () => {
    expect(rolesOf(principal({ platformRoles: [PlatformRole.FACILITATOR], tenantId: TENANT, tenantRole: TenantRole.PARTICIPANT }))).toEqual(['FACILITATOR', 'PARTICIPANT']);
    expect(rolesOf(principal())).toEqual([]);
  });

  it('rolesOf returns a copy the caller cannot use to change the principal', () => {
    const platformRoles = [PlatformRole.FACILITATOR];
    const roles = rolesOf(principal({ platformRoles }));
    roles.push(PlatformRole.PLATFORM_ADMIN);
    expect(platformRoles).toEqual(['FACILITATOR']);
  });
});
