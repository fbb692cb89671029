import type { AuditAction } from '@lena/domain';

// Apart from labels.ts so that only the audit page's chunk carries a label for every action: the
// portals' first load stays within its budget (`pnpm bench`, portal-js) as actions are added.

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
  ATTENDANCE_MARKED: 'Attendance marked',
  SESSION_NOTES_SAVED: 'Session notes saved',
  ACTION_ITEM_SHARING_CHANGED: 'Action item sharing changed',
  SESSION_NOTES_PURGED: 'Session notes purged',
  INSTRUMENT_LICENCE_CONFIRMED: 'Instrument licence confirmed',
  OUTCOME_INSTRUMENT_ADDED: 'Outcome instrument added',
  OUTCOME_INSTRUMENT_SUPERSEDED: 'Outcome instrument superseded by a new version',
  PROGRAMME_OUTCOME_PLAN_SET: 'Outcome measures chosen',
  OUTCOME_PAIRING_ERASED: 'Outcome answers unpaired',
  OUTCOME_REPORT_REQUESTED: 'Outcome report requested',
  OUTCOME_REPORTS_PURGED: 'Expired outcome reports deleted',
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
