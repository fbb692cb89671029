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
  'feedback_result_snapshot',
  'attendance',
  'session_note',
  'session_action_item',
  'tenant_outcome_instrument',
  'outcome_measurement',
  'tenant_instrument_licence',
  'programme_outcome_plan',
  'programme_outcome_instrument',
  'outcome_request',
  'outcome_link',
  'outcome_link_unspent',
  'outcome_rollup',
  'outcome_report',
] as const;

/**
 * Tenant tables that an organisation's own unit of work never sees (no tenant policy): a session's
 * confidential notes, readable only by the programme's assigned facilitators.
 */
export const FACILITATOR_ONLY_TABLES = ['session_note', 'session_action_item'] as const;
