/** Tables whose rows belong to exactly one tenant; each has forced row-level security. */
export const TENANT_TABLES = [
  'tenant_membership',
  'team',
  'team_member',
  'needs_assessment',
  'programme',
  'programme_facilitator',
  'enrolment',
  'group_session',
  'session_reminder',
  'feedback_request',
  'feedback_link',
  'feedback_link_unspent',
  'feedback_response',
  'feedback_rollup',
] as const;
