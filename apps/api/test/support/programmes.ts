import { programmeSchedule, type ScheduledSession } from '@lena/domain';
import { expectData } from './expectations';
import type { TestApi } from './test-api';
import type { TestClient } from './test-client';

/** The GraphQL documents of the programmes context, as the portals will send them. */
export const PROGRAMME_FIELDS = `id tenantId tenantName teamId teamName needsAssessmentId serviceType title status numberOfSessions cadence cadenceSummary rrule
  startDate startTimes sessionLengthMinutes timeZone deliveryMode videoLink location minGroupSize maxGroupSize membership cancelledReason version
  enrolledCount waitingOn availableActions facilitators { userId displayName role } schedulePreview(first: 3) { sequence startsAt endsAt }`;

export const REQUEST_PROGRAMME = `mutation($input: RequestProgrammeInput!) { requestProgramme(input: $input) { ${PROGRAMME_FIELDS} } }`;
export const PROPOSE_PROGRAMME = `mutation($input: ProposeProgrammeInput!) { proposeProgramme(input: $input) { ${PROGRAMME_FIELDS} } }`;
export const PROGRAMME_CONFLICTS = `query($input: ProgrammeProposalInput!) { programmeConflicts(input: $input) {
  sequence sessionStartsAt sessionEndsAt facilitatorId facilitatorName kind message clash { startsAt endsAt sessionId tenantName programmeTitle } } }`;
export const ACCEPT_PROGRAMME = `mutation($input: ProgrammeTransitionInput!) { acceptProgramme(input: $input) { ${PROGRAMME_FIELDS} } }`;
export const REQUEST_CHANGES = `mutation($input: ProgrammeTransitionInput!) { requestProgrammeChanges(input: $input) { ${PROGRAMME_FIELDS} } }`;
export const ACTIVATE_PROGRAMME = `mutation($input: ProgrammeTransitionInput!) { activateProgramme(input: $input) { ${PROGRAMME_FIELDS} } }`;
export const COMPLETE_PROGRAMME = `mutation($input: ProgrammeTransitionInput!) { completeProgramme(input: $input) { ${PROGRAMME_FIELDS} } }`;
export const CANCEL_PROGRAMME = `mutation($input: CancelProgrammeInput!) { cancelProgramme(input: $input) { ${PROGRAMME_FIELDS} } }`;
export const PROGRAMME = `query($id: ID!) { programme(id: $id) { ${PROGRAMME_FIELDS} } }`;
export const PROGRAMMES = `{ programmes { ${PROGRAMME_FIELDS} } }`;
export const MY_PROGRAMMES = `{ myProgrammes { ${PROGRAMME_FIELDS} } }`;
export const PIPELINE = `{ programmePipeline { ${PROGRAMME_FIELDS} } }`;
export const ENROL_MEMBER = `mutation($input: EnrolmentInput!) { enrolMember(input: $input) { id enrolledCount } }`;
export const WITHDRAW_MEMBER = `mutation($input: EnrolmentInput!) { withdrawMember(input: $input) { id enrolledCount } }`;
export const CHANGE_GROUP_SIZE = `mutation($input: ChangeGroupSizeInput!) { changeProgrammeGroupSize(input: $input) { id version minGroupSize maxGroupSize } }`;

export interface ProgrammeView {
  id: string;
  tenantId: string;
  tenantName: string;
  teamId: string;
  teamName: string | null;
  needsAssessmentId: string | null;
  serviceType: string;
  title: string;
  status: string;
  numberOfSessions: number;
  cadence: string | null;
  cadenceSummary: string | null;
  rrule: string | null;
  startDate: string | null;
  startTimes: string[];
  sessionLengthMinutes: number;
  timeZone: string;
  deliveryMode: string;
  videoLink: string | null;
  location: string | null;
  minGroupSize: number;
  maxGroupSize: number;
  membership: string;
  cancelledReason: string | null;
  version: number;
  enrolledCount: number;
  waitingOn: string | null;
  availableActions: string[];
  facilitators: { userId: string; displayName: string; role: string }[];
  schedulePreview: { sequence: number; startsAt: string; endsAt: string }[];
}

/** A Tuesday about two months from now (YYYY-MM-DD): in the future whenever the tests run. */
export function aTuesdaySoon(weeksAhead = 8): string {
  const day = new Date(Date.now() + weeksAhead * 7 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((2 - day.getUTCDay() + 7) % 7));
  return day.toISOString().slice(0, 10);
}

export function programmeDetails(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    serviceType: 'GTS',
    title: 'Supervision for the night team',
    numberOfSessions: 4,
    cadence: 'WEEKLY',
    startDate: aTuesdaySoon(),
    startTimes: ['10:00'],
    sessionLengthMinutes: 90,
    timeZone: 'Europe/London',
    deliveryMode: 'ONLINE',
    videoLink: 'https://meet.example.org/night-team',
    location: null,
    minGroupSize: 2,
    maxGroupSize: 8,
    membership: 'CLOSED',
    ...overrides,
  };
}

/** The sessions the API will compute for these details (the same domain function). */
export function sessionsOf(details: Record<string, unknown>): ScheduledSession[] {
  return programmeSchedule(details as unknown as Parameters<typeof programmeSchedule>[0]).sessions;
}

export async function signedIn(api: TestApi, user: { email: string; password: string }): Promise<TestClient> {
  const client = api.client();
  expectData(await client.login(user.email, user.password));
  return client;
}

export async function requestProgramme(client: TestClient, teamId: string, overrides: Record<string, unknown> = {}): Promise<ProgrammeView> {
  return expectData(await client.gql<{ requestProgramme: ProgrammeView }>(REQUEST_PROGRAMME, { input: { teamId, ...programmeDetails(overrides) } })).requestProgramme;
}

export async function proposeProgramme(
  client: TestClient,
  programme: Pick<ProgrammeView, 'id' | 'version'>,
  leadFacilitatorId: string,
  overrides: Record<string, unknown> = {},
): Promise<ProgrammeView> {
  return expectData(
    await client.gql<{ proposeProgramme: ProgrammeView }>(PROPOSE_PROGRAMME, {
      input: { programmeId: programme.id, version: programme.version, leadFacilitatorId, coFacilitatorIds: [], ...programmeDetails(overrides) },
    }),
  ).proposeProgramme;
}

export async function acceptProgramme(client: TestClient, programme: Pick<ProgrammeView, 'id' | 'version'>): Promise<ProgrammeView> {
  return expectData(await client.gql<{ acceptProgramme: ProgrammeView }>(ACCEPT_PROGRAMME, { input: { programmeId: programme.id, version: programme.version } })).acceptProgramme;
}
