import type { InvitationStatus, Role, ServiceType, TenantStatus } from './generated/graphql.js';

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

/** Audit actions as the audit log shows them; an action not listed here shows as recorded. */
export const auditActionLabel: Record<string, string> = {
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
  ROLE_CHANGED: 'Role changed',
  USER_DEACTIVATED: 'Person deactivated',
  USER_REACTIVATED: 'Person reactivated',
  FAILED_MESSAGE_RETRIED: 'Failed email sent again',
};
