import { TenantRole } from '../identity/roles.js';
import { LAST_ORG_ADMIN, lastOrgAdminRefusal, losesOrgAdmin } from './org-admins.js';

const { ORG_ADMIN, PARTICIPANT } = TenantRole;

describe('lastOrgAdminRefusal', () => {
  it('refuses to remove or demote the last organisation administrator', () => {
    expect(lastOrgAdminRefusal({ currentRole: ORG_ADMIN, nextRole: null, otherOrgAdmins: 0 })).toBe(LAST_ORG_ADMIN);
    expect(lastOrgAdminRefusal({ currentRole: ORG_ADMIN, nextRole: PARTICIPANT, otherOrgAdmins: 0 })).toBe(LAST_ORG_ADMIN);
  });

  it('lets an administrator go or step down while another remains', () => {
    expect(lastOrgAdminRefusal({ currentRole: ORG_ADMIN, nextRole: null, otherOrgAdmins: 1 })).toBeNull();
    expect(lastOrgAdminRefusal({ currentRole: ORG_ADMIN, nextRole: PARTICIPANT, otherOrgAdmins: 2 })).toBeNull();
  });

  it('never stands in the way of participants, or of an administrator who stays one', () => {
    expect(lastOrgAdminRefusal({ currentRole: PARTICIPANT, nextRole: null, otherOrgAdmins: 0 })).toBeNull();
    expect(lastOrgAdminRefusal({ currentRole: PARTICIPANT, nextRole: ORG_ADMIN, otherOrgAdmins: 0 })).toBeNull();
    expect(lastOrgAdminRefusal({ currentRole: ORG_ADMIN, nextRole: ORG_ADMIN, otherOrgAdmins: 0 })).toBeNull();
  });
});

describe('losesOrgAdmin', () => {
  it('is true only when an administrator leaves or steps down', () => {
    expect(losesOrgAdmin({ currentRole: ORG_ADMIN, nextRole: null })).toBe(true);
    expect(losesOrgAdmin({ currentRole: ORG_ADMIN, nextRole: PARTICIPANT })).toBe(true);
    expect(losesOrgAdmin({ currentRole: ORG_ADMIN, nextRole: ORG_ADMIN })).toBe(false);
    expect(losesOrgAdmin({ currentRole: PARTICIPANT, nextRole: null })).toBe(false);
    expect(losesOrgAdmin({ currentRole: PARTICIPANT, nextRole: ORG_ADMIN })).toBe(false);
  });
});
