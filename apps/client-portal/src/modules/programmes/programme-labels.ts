import type { Cadence, DeliveryMode, GroupMembership, ProgrammeStatus, RecommendedPlan, Role } from '@lena/graphql-client';
import type { TagTone } from '@lena/ui';

/** How the client portal names a programme's states and choices (British English). */
export const programmeStatusLabel: Record<ProgrammeStatus, { label: string; tone: TagTone }> = {
  REQUESTED: { label: 'Requested', tone: 'amber' },
  PROPOSED: { label: 'Proposal ready', tone: 'blue' },
  ACCEPTED: { label: 'Accepted', tone: 'green' },
  ACTIVE: { label: 'Running', tone: 'green' },
  COMPLETED: { label: 'Completed', tone: 'grey' },
  CANCELLED: { label: 'Cancelled', tone: 'red' },
};

/** Whose move it is, as an organisation admin reads it. */
export function waitingOnLabel(waitingOn: Role | null | undefined): string {
  if (waitingOn === 'ORG_ADMIN') return 'You: review and accept the proposal';
  if (waitingOn === 'PLATFORM_ADMIN') return 'The provider: preparing a proposal';
  return 'Nobody';
}

export const cadenceLabel: Record<Cadence, string> = {
  WEEKLY: 'Every week',
  FORTNIGHTLY: 'Every other week',
  MONTHLY_DAY: 'Monthly, on the same date',
  MONTHLY_NTH_WEEKDAY: 'Monthly, on the same weekday (for example the second Tuesday)',
  MONTHLY_LAST_WEEKDAY: 'Monthly, on the last of that weekday',
};

export const deliveryModeLabel: Record<DeliveryMode, string> = { ONLINE: 'Online', IN_PERSON: 'In person', HYBRID: 'In person and online' };

export const membershipLabel: Record<GroupMembership, string> = {
  CLOSED: 'Closed: the same people throughout',
  OPEN: 'Open: people can join later, from the next session',
};

export const planLabel: Record<RecommendedPlan, string> = {
  GRP: 'Group Reflective Practice',
  GTS: 'Group Therapeutic Support',
  GTS_THEN_GRP: 'Group Therapeutic Support, then Group Reflective Practice',
  GTS_AND_GRP_TOGETHER: 'Group Therapeutic Support and Group Reflective Practice together',
};
