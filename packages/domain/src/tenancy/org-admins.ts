import { TenantRole } from '../identity/roles.js';

export const LAST_ORG_ADMIN = 'An organisation needs at least one organisation administrator.';

export interface MembershipChange {
  /** The person's role in the organisation now. */
  currentRole: TenantRole;
  /** Their role afterwards; null when they leave the organisation. */
  nextRole: TenantRole | null;
  /** How many other people are organisation administrators of the same organisation. */
  otherOrgAdmins: number;
}

/**
 * Why a membership change would leave an organisation without anyone to run it (a message fit to
 * show), or null when it may go ahead. Only removing or demoting the last administrator is refused.
 */
export function lastOrgAdminRefusal(change: MembershipChange): string | null {
  return losesOrgAdmin(change) && change.otherOrgAdmins <= 0 ? LAST_ORG_ADMIN : null;
}

/** Whether the change takes an administrator away: only then do the other administrators matter. */
export function losesOrgAdmin(change: Pick<MembershipChange, 'currentRole' | 'nextRole'>): boolean {
  return change.currentRole === TenantRole.ORG_ADMIN && change.nextRole !== TenantRole.ORG_ADMIN;
}
