import { ProgrammeStatus } from './programme-lifecycle.js';
import { Membership } from './programme-schemas.js';

export interface EnrolmentGroup {
  status: ProgrammeStatus;
  membership: Membership;
  maxGroupSize: number;
  /** People enrolled now. The database holds the same limit under concurrent enrolments. */
  enrolledCount: number;
}

const places = (count: number) => `${count} ${count === 1 ? 'place' : 'places'}`;
const people = (count: number) => (count === 1 ? '1 person' : `${count} people`);

/** Places still free in the group (never below none). */
export function placesLeft(group: Pick<EnrolmentGroup, 'maxGroupSize' | 'enrolledCount'>): number {
  return Math.max(0, group.maxGroupSize - group.enrolledCount);
}

/**
 * Why `adding` more people cannot be enrolled (a message fit for CONFLICT), or null when they can.
 * People join once the organisation has accepted the proposal; a closed group takes nobody new once
 * its sessions have begun (it is active); nobody joins a finished programme; and never beyond the
 * largest group size.
 */
export function enrolmentRefusal(group: EnrolmentGroup, adding = 1): string | null {
  switch (group.status) {
    case ProgrammeStatus.REQUESTED:
    case ProgrammeStatus.PROPOSED:
      return 'People can be enrolled once the proposal for this programme has been accepted.';
    case ProgrammeStatus.COMPLETED:
      return 'This programme has finished, so nobody new can join it.';
    case ProgrammeStatus.CANCELLED:
      return 'This programme has been cancelled, so nobody can join it.';
    case ProgrammeStatus.ACTIVE:
      if (group.membership === Membership.CLOSED) return 'This is a closed group and its sessions have begun, so nobody new can join it.';
      break;
  }
  const free = placesLeft(group);
  if (free === 0) return group.maxGroupSize === 1 ? 'This group is full: its one place is taken.' : `This group is full: all ${group.maxGroupSize} places are taken.`;
  if (adding > free) return `Only ${places(free)} ${free === 1 ? 'is' : 'are'} left in this group, so ${people(adding)} cannot all be enrolled.`;
  return null;
}

/**
 * Why the largest group size cannot become `maxGroupSize` (a message fit for BAD_USER_INPUT on that
 * field), or null when it can: never below the people already enrolled.
 */
export function capacityChangeRefusal(change: { enrolledCount: number; maxGroupSize: number }): string | null {
  if (change.maxGroupSize >= change.enrolledCount) return null;
  return `${people(change.enrolledCount)} ${change.enrolledCount === 1 ? 'is' : 'are'} already enrolled, so the largest group size cannot be less than ${change.enrolledCount}.`;
}

/**
 * The sessions someone joining at `joinedAt` is added to: those that start after it. In an open group
 * a later joiner so never appears in a session that has already happened or is under way; in a closed
 * group people join before the first session, so they get them all.
 */
export function sessionsForNewMember<S extends { startsAt: string }>(sessions: readonly S[], joinedAt: string | Date): S[] {
  const joined = typeof joinedAt === 'string' ? Date.parse(joinedAt) : joinedAt.getTime();
  return sessions.filter((session) => Date.parse(session.startsAt) > joined);
}
