import type { InvitationStatus } from './generated/first-route.js';
import type { ProgrammeHistoryEvent, ProgrammeHistoryParty, ProgrammeStatus, Role, ServiceType, TenantStatus } from './generated/graphql.js';

/** How the portals name roles, statuses and services to people (British English). */
export const roleLabel: Record<Role, string> = {
  PLATFORM_ADMIN: 'Platform admin',
  FACILITATOR: 'Facilitator',
  ORG_ADMIN: 'Organisation admin',
  PARTICIPANT: 'Participant',
};

export const invitationStatusLabel: Record<InvitationStatus, string> = {
  PENDING: 'Pending',
  ACCEPTED: 'Accepted',
  EXPIRED: 'Expired',
  REVOKED: 'Revoked',
};

export const tenantStatusLabel: Record<TenantStatus, string> = {
  ACTIVE: 'Active',
  SUSPENDED: 'Suspended',
};

export const serviceLabel: Record<ServiceType, string> = {
  GRP: 'Group Reflective Practice (GRP)',
  GTS: 'Group Therapeutic Support (GTS)',
};

/** A programme's status as both portals name it. */
export const programmeStatusText: Record<ProgrammeStatus, string> = {
  REQUESTED: 'Requested',
  PROPOSED: 'Awaiting acceptance',
  ACCEPTED: 'Accepted',
  ACTIVE: 'Running',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
};

/** A step in a programme's history, as its page names it. */
export const programmeHistoryEventLabel: Record<ProgrammeHistoryEvent, string> = {
  REQUESTED: 'Requested',
  PROPOSED: 'Proposed',
  CHANGES_REQUESTED: 'Changes requested',
  ACCEPTED: 'Accepted',
  ACTIVATED: 'Started',
  COMPLETED: 'Completed',
  CANCELLED: 'Cancelled',
  CONFLICTS_OVERRIDDEN: 'Scheduling conflicts overridden',
};

/**
 * Who took a step when the viewer may not see their name (or nobody did): the provider, the
 * organisation (by its name), or Lena by itself as the sessions began and ended.
 */
export function programmeHistoryActorText(party: ProgrammeHistoryParty, actorName: string | null | undefined, organisationName: string): string {
  if (actorName) return actorName;
  if (party === 'PROVIDER') return 'Lena';
  if (party === 'ORGANISATION') return `An admin at ${organisationName}`;
  return 'Automatically, as the sessions began or ended';
}
