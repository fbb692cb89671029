import type { AuditAction } from '@lena/domain';
import type { InvitationStatus, ProgrammeHistoryEvent, ProgrammeHistoryParty, ProgrammeStatus, Role, ServiceType, TenantStatus } from './generated/graphql.js';

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

/** Audit actions as the audit log shows them: every action has a label (a new one fails the type check until it is named here). */
export const auditActionLabel: Record<AuditAction, string> = {
  LOGIN_SUCCEEDED: 'Signed in',
  LOGIN_FAILED: 'Sign-in failed',
  LOGGED_OUT: 'Signed out',
  REFRESH_TOKEN_REUSED: 'Refresh token reused',
  PASSWORD_RESET_REQUESTED: 'Password reset requested',
  PASSWORD_RESET_COMPLETED: 'Password reset completed',
  PASSWORD_CHANGED: 'Password changed',
  PASSWORD_CHANGE_FAILED: 'Password change refused (wrong current password)',
  PROFILE_UPDATED: 'Own details changed',
  SESSION_ENDED: 'Session ended',
  OTHER_SESSIONS_ENDED: 'Other sessions ended',
  TENANT_CREATED: 'Organisation created',
  TENANT_UPDATED: 'Organisation updated',
  TENANT_SUSPENDED: 'Organisation suspended',
  TENANT_REACTIVATED: 'Organisation reactivated',
  INVITATION_SENT: 'Invitation sent',
  INVITATION_ACCEPTED: 'Invitation accepted',
  INVITATION_REVOKED: 'Invitation revoked',
  INVITATION_RESENT: 'Invitation sent again',
  TEAM_ARCHIVED: 'Team archived',
  TEAM_RESTORED: 'Team restored',
  TEAM_DELETED: 'Team deleted',
  ROLE_CHANGED: 'Role changed',
  USER_DEACTIVATED: 'Person deactivated',
  USER_REACTIVATED: 'Person reactivated',
  FAILED_MESSAGE_RETRIED: 'Failed email sent again',
  CALENDAR_SUBSCRIPTION_CREATED: 'Calendar subscription address made',
  CALENDAR_SUBSCRIPTION_REVOKED: 'Calendar subscription stopped',
  NEEDS_ASSESSMENT_SAVED: 'Needs assessment saved',
  PROGRAMME_REQUESTED: 'Programme requested',
  PROGRAMME_PROPOSED: 'Programme proposed',
  PROGRAMME_CONFLICTS_OVERRIDDEN: 'Scheduling conflicts overridden',
  PROGRAMME_CHANGES_REQUESTED: 'Changes to a proposal requested',
  PROGRAMME_ACCEPTED: 'Programme accepted',
  PROGRAMME_ACTIVATED: 'Programme started',
  PROGRAMME_COMPLETED: 'Programme completed',
  PROGRAMME_CANCELLED: 'Programme cancelled',
  PROGRAMME_GROUP_SIZE_CHANGED: 'Group size changed',
  MEMBER_ENROLLED: 'Person enrolled',
  MEMBER_WITHDRAWN: 'Person withdrawn',
  GROUP_AGREEMENT_ACCEPTED: 'Group agreement accepted',
  SESSION_RESCHEDULED: 'Session moved',
  SESSION_CANCELLED: 'Session cancelled',
  SESSION_CONFLICTS_OVERRIDDEN: 'Session moved despite conflicts',
  SESSION_DELIVERED: 'Session delivered',
  SESSION_REOPENED: 'Session reopened',
  SESSION_NOTES_SAVED: 'Session notes saved',
  ACTION_ITEM_SHARING_CHANGED: 'Action item sharing changed',
  SESSION_NOTES_PURGED: 'Session notes purged',
  INSTRUMENT_LICENCE_CONFIRMED: 'Instrument licence confirmed',
  OUTCOME_INSTRUMENT_ADDED: 'Outcome instrument added',
  OUTCOME_INSTRUMENT_SUPERSEDED: 'Outcome instrument superseded by a new version',
  PROGRAMME_OUTCOME_PLAN_SET: 'Outcome measures chosen',
};

/** An audit event's action in words; a code this build does not know (recorded by a newer one) shows as recorded. */
export function auditActionText(action: string): string {
  const labels: Partial<Record<string, string>> = auditActionLabel;
  return labels[action] ?? action;
}

/** What an audit event's target is, by its `targetType`; a type this build does not know shows as recorded. */
export const auditTargetTypeLabel: Partial<Record<string, string>> = {
  user_account: 'Person',
  invitation: 'Invitation',
  tenant: 'Organisation',
  team: 'Team',
  programme: 'Programme',
  auth_session: 'Sign-in session',
  outbox_message: 'Email',
};
