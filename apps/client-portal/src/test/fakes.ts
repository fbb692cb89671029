import type { ProgrammeFieldsFragment } from '@lena/graphql-client';

/**
 * A programme as the API returns it: every field `ProgrammeFields` selects (so Apollo's cache holds
 * what the real app would), proposed to the organisation and waiting on its admin. Tests override
 * only what they are about.
 */
export function programme(overrides: Partial<ProgrammeFieldsFragment> & Record<string, unknown> = {}) {
  return {
    __typename: 'Programme' as const,
    id: 'p-1',
    tenantId: 't1',
    tenantName: 'Northshire',
    teamId: 'team-1',
    teamName: 'Night Shift',
    needsAssessmentId: null,
    serviceType: 'GTS',
    title: 'Support for Night Shift',
    status: 'PROPOSED',
    waitingOn: 'ORG_ADMIN',
    availableActions: ['ACCEPT', 'REQUEST_CHANGES', 'CANCEL'],
    numberOfSessions: 6,
    cadence: 'WEEKLY',
    cadenceSummary: 'Every Wednesday, 6 sessions',
    rrule: 'FREQ=WEEKLY;COUNT=6',
    startDate: '2027-03-17',
    startTimes: ['10:00'],
    sessionLengthMinutes: 90,
    timeZone: 'Europe/London',
    deliveryMode: 'ONLINE',
    videoLink: 'https://meet.example.org/night',
    location: null,
    minGroupSize: 2,
    maxGroupSize: 3,
    membership: 'CLOSED',
    cancelledReason: null,
    version: 4,
    enrolledCount: 1,
    createdAt: '2027-01-05T09:00:00.000Z',
    updatedAt: '2027-01-06T09:00:00.000Z',
    facilitators: [{ __typename: 'ProgrammeFacilitator', userId: 'f-1', displayName: 'Dr Ada Reyes', role: 'LEAD' }],
    // 17 March is before the clocks change in London (GMT) and after New York's (EDT): four hours apart.
    schedulePreview: [
      { __typename: 'ScheduledTime', sequence: 1, startsAt: '2027-03-17T10:00:00.000Z', endsAt: '2027-03-17T11:30:00.000Z' },
      { __typename: 'ScheduledTime', sequence: 2, startsAt: '2027-03-24T10:00:00.000Z', endsAt: '2027-03-24T11:30:00.000Z' },
    ],
    ...overrides,
  };
}
