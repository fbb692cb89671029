import type { ServiceType } from '../programmes/service-type.js';

/** One step of a session as the facilitator runs it, with a reminder of what it is for. */
export interface RunSheetStep {
  key: string;
  title: string;
  guidance: string;
  /** A rough share of the session, in minutes of a 90-minute session; the facilitator keeps time. */
  minutes: number;
}

/**
 * The shape of a session of each service, in our own words (DESIGN.md, "The two services"). GRP is
 * fluid: three open movements, no agenda. GTS is structured: case presentations, discussion, the
 * strategies the group agrees and who does what next.
 */
const RUN_SHEETS: Record<ServiceType, readonly RunSheetStep[]> = {
  GRP: [
    {
      key: 'arrival',
      title: 'Arrival and check-in',
      guidance: 'Welcome everyone, recall the group agreement, and invite a short word on how each person is arriving today.',
      minutes: 15,
    },
    {
      key: 'reflective-space',
      title: 'Open reflective space',
      guidance: 'Let the group bring what is present for them about the work and its emotional impact. Follow, reflect and hold; there is no agenda.',
      minutes: 60,
    },
    {
      key: 'closing-round',
      title: 'Closing round',
      guidance: 'Each person says briefly what they are taking away and how they are leaving. Close on time.',
      minutes: 15,
    },
  ],
  GTS: [
    {
      key: 'agenda',
      title: 'Agenda of case presentations',
      guidance: 'Agree which cases will be brought today and in what order. Cases are presented without names or identifying details.',
      minutes: 10,
    },
    {
      key: 'discussion',
      title: 'Discussion',
      guidance: 'The presenter describes the situation and the question they bring; the group asks, explores and offers perspectives.',
      minutes: 50,
    },
    {
      key: 'strategies',
      title: 'Strategies agreed',
      guidance: 'Summarise the approaches and client-management strategies the group has arrived at for each case.',
      minutes: 15,
    },
    {
      key: 'action-items',
      title: 'Action items',
      guidance: 'Note who will do what before the next session. Action items can be shared with the group once the session is written up.',
      minutes: 15,
    },
  ],
};

export function runSheetFor(serviceType: ServiceType): readonly RunSheetStep[] {
  return RUN_SHEETS[serviceType];
}
