import { capacityChangeRefusal, enrolmentRefusal, placesLeft, sessionsForNewMember, type EnrolmentGroup } from './enrolment.js';
import { ProgrammeStatus } from './programme-lifecycle.js';
import { Membership } from './programme-schemas.js';

const group = (changes: Partial<EnrolmentGroup> = {}): EnrolmentGroup => ({
  status: ProgrammeStatus.ACCEPTED,
  membership: Membership.CLOSED,
  maxGroupSize: 8,
  enrolledCount: 5,
  ...changes,
});

describe('enrolmentRefusal', () => {
  it.each([
    ['an accepted closed group with room', group(), 1, null],
    ['an accepted open group with room', group({ membership: Membership.OPEN }), 1, null],
    ['an active open group with room', group({ status: ProgrammeStatus.ACTIVE, membership: Membership.OPEN }), 1, null],
    ['the last place (N+1 = capacity)', group({ enrolledCount: 7 }), 1, null],
    ['three people into three places', group({ enrolledCount: 5 }), 3, null],
    ['a requested programme', group({ status: ProgrammeStatus.REQUESTED }), 1, 'People can be enrolled once the proposal for this programme has been accepted.'],
    ['a proposed programme', group({ status: ProgrammeStatus.PROPOSED }), 1, 'People can be enrolled once the proposal for this programme has been accepted.'],
    ['an active closed group', group({ status: ProgrammeStatus.ACTIVE }), 1, 'This is a closed group and its sessions have begun, so nobody new can join it.'],
    ['a completed programme', group({ status: ProgrammeStatus.COMPLETED, membership: Membership.OPEN }), 1, 'This programme has finished, so nobody new can join it.'],
    ['a cancelled programme', group({ status: ProgrammeStatus.CANCELLED }), 1, 'This programme has been cancelled, so nobody can join it.'],
    ['a full group (N+1 > capacity)', group({ enrolledCount: 8 }), 1, 'This group is full: all 8 places are taken.'],
    ['a group over capacity after it was made smaller', group({ enrolledCount: 9 }), 1, 'This group is full: all 8 places are taken.'],
    ['a full group of one place', group({ maxGroupSize: 1, enrolledCount: 1 }), 1, 'This group is full: its one place is taken.'],
    ['four people into three places', group({ enrolledCount: 5 }), 4, 'Only 3 places are left in this group, so 4 people cannot all be enrolled.'],
    ['two people into one place', group({ enrolledCount: 7 }), 2, 'Only 1 place is left in this group, so 2 people cannot all be enrolled.'],
  ])('%s: %p', (_label, given, adding, refusal) => {
    expect(enrolmentRefusal(given, adding)).toBe(refusal);
  });

  it('checks one more person by default', () => {
    expect(enrolmentRefusal(group({ enrolledCount: 7 }))).toBeNull();
    expect(enrolmentRefusal(group({ enrolledCount: 8 }))).not.toBeNull();
  });
});

describe('placesLeft', () => {
  it.each([
    [8, 5, 3],
    [8, 8, 0],
    [8, 9, 0],
  ])('with %i places and %i enrolled leaves %i', (maxGroupSize, enrolledCount, left) => {
    expect(placesLeft({ maxGroupSize, enrolledCount })).toBe(left);
  });
});

describe('capacityChangeRefusal', () => {
  it.each([
    [6, 8, null],
    [6, 6, null],
    [0, 2, null],
    [6, 5, '6 people are already enrolled, so the largest group size cannot be less than 6.'],
    [1, 0, '1 person is already enrolled, so the largest group size cannot be less than 1.'],
  ])('with %i enrolled, a largest size of %i: %p', (enrolledCount, maxGroupSize, refusal) => {
    expect(capacityChangeRefusal({ enrolledCount, maxGroupSize })).toBe(refusal);
  });
});

describe('sessionsForNewMember', () => {
  const sessions = [
    { id: 's1', startsAt: '2027-03-02T10:00:00.000Z' },
    { id: 's2', startsAt: '2027-03-16T10:00:00.000Z' },
    { id: 's3', startsAt: '2027-03-30T09:00:00.000Z' },
  ];

  it.each([
    ['before the first session', '2027-03-01T12:00:00Z', ['s1', 's2', 's3']],
    ['between sessions', '2027-03-10T12:00:00Z', ['s2', 's3']],
    ['as a session starts (it is under way, so not theirs)', '2027-03-16T10:00:00.000Z', ['s3']],
    ['during a session, written with an offset', '2027-03-16T11:30:00+01:00', ['s3']],
    ['after the last session', '2027-04-01T00:00:00Z', []],
  ])('gives someone joining %s only the sessions still to start', (_label, joinedAt, ids) => {
    expect(sessionsForNewMember(sessions, joinedAt).map((session) => session.id)).toEqual(ids);
    expect(sessionsForNewMember(sessions, new Date(joinedAt)).map((session) => session.id)).toEqual(ids);
  });
});
