import type { Cadence, DeliveryMode, GroupMembership, ServiceType } from '@lena/graphql-client';
import { viewerTimeZone, type FieldProblem } from '@lena/ui';

const SERVICE_NAMES: Record<ServiceType, string> = { GRP: 'Group Reflective Practice', GTS: 'Group Therapeutic Support' };
export const LENGTHS = ['60', '90', '120'];

export interface RequestValues {
  teamId: string;
  serviceType: ServiceType;
  title: string;
  numberOfSessions: string;
  cadence: Cadence;
  startDate: string;
  startTimes: [string, string, string];
  rotate: boolean;
  sessionLengthMinutes: string;
  timeZone: string;
  deliveryMode: DeliveryMode;
  videoLink: string;
  location: string;
  minGroupSize: string;
  maxGroupSize: string;
  membership: GroupMembership;
}

/** "YYYY-MM-DD" three weeks from today in the viewer's zone: time enough for the provider to propose. */
function threeWeeksAhead(): string {
  const date = new Date(Date.now() + 21 * 24 * 60 * 60 * 1000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: viewerTimeZone(), year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** The form's first values: from the recommendation when there is one, else the usual choices. */
export function initialValues(params: URLSearchParams, teamName: string | undefined, timeZone: string): RequestValues {
  const serviceType: ServiceType = params.get('service') === 'GTS' ? 'GTS' : 'GRP';
  return {
    teamId: params.get('team') ?? '',
    serviceType,
    title: teamName ? `${SERVICE_NAMES[serviceType]} for ${teamName}` : SERVICE_NAMES[serviceType],
    numberOfSessions: '8',
    // Reflective practice usually meets less often than case-based support.
    cadence: serviceType === 'GRP' ? 'FORTNIGHTLY' : 'WEEKLY',
    startDate: threeWeeksAhead(),
    startTimes: ['10:00', '', ''],
    rotate: false,
    sessionLengthMinutes: '90',
    timeZone,
    deliveryMode: 'ONLINE',
    videoLink: '',
    location: '',
    minGroupSize: '4',
    maxGroupSize: '10',
    membership: 'CLOSED',
  };
}

const WHOLE = /^\d+$/;

/** What the form can tell before asking the API: missing and non-numeric values. */
export function checkRequest(values: RequestValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const need = (field: string, ok: boolean, message: string) => ok || problems.push({ field, message });
  need('teamId', values.teamId !== '', 'Choose the team the programme is for.');
  need('title', values.title.trim() !== '', 'Enter a title for the programme.');
  need('numberOfSessions', WHOLE.test(values.numberOfSessions.trim()), 'Enter the number of sessions as a whole number, for example 8.');
  need('startDate', values.startDate !== '', 'Enter the date of the first session.');
  need(
    'startTimes',
    values.startTimes[0] !== '' && (!values.rotate || values.startTimes[1] !== ''),
    values.rotate ? 'Enter at least two start times to rotate between.' : 'Enter the start time.',
  );
  need('timeZone', values.timeZone !== '', 'Choose the time zone the sessions are arranged in.');
  if (values.deliveryMode !== 'IN_PERSON') need('videoLink', values.videoLink.trim() !== '', 'Enter the video link for online sessions.');
  if (values.deliveryMode !== 'ONLINE') need('location', values.location.trim() !== '', 'Enter where the sessions take place.');
  need('minGroupSize', WHOLE.test(values.minGroupSize.trim()), 'Enter the smallest group size as a whole number.');
  need('maxGroupSize', WHOLE.test(values.maxGroupSize.trim()), 'Enter the largest group size as a whole number.');
  return problems;
}
