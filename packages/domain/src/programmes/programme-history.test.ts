import type { Principal } from '../identity/roles.js';
import { programmeHistoryFor, programmeHistoryViewerOf, type RecordedProgrammeStep } from './programme-history.js';

const TENANT = '7d1f0c8e-0000-4000-8000-000000000001';
const OTHER = '7d1f0c8e-0000-4000-8000-000000000002';
const principal = (changes: Partial<Principal>): Principal => ({ userId: 'u', sessionId: 's', platformRoles: [], tenantId: null, tenantRole: null, ...changes });

let nextId = 1;
const step = (action: string, changes: Partial<RecordedProgrammeStep> = {}): RecordedProgrammeStep => {
  const id = String(nextId++);
  return {
    id,
    occurredAt: new Date(Date.UTC(2027, 0, 1, 9, Number(id))),
    action,
    actorUserId: 'someone',
    actorName: 'Someone',
    actorIsPlatformAdmin: false,
    by: null,
    reason: null,
    ...changes,
  };
};

describe('programmeHistoryViewerOf', () => {
  it.each([
    ['a platform admin', principal({ platformRoles: ['PLATFORM_ADMIN'] }), 'PLATFORM_ADMIN'],
    ['the organisation’s admin', principal({ tenantId: TENANT, tenantRole: 'ORG_ADMIN' }), 'ORG_ADMIN'],
    ['a facilitator assigned to it', principal({ userId: 'assigned', platformRoles: ['FACILITATOR'] }), 'FACILITATOR'],
    ['a facilitator not assigned to it (say, enrolled in it as a participant)', principal({ platformRoles: ['FACILITATOR'], tenantId: TENANT, tenantRole: 'PARTICIPANT' }), null],
    ['a participant', principal({ tenantId: TENANT, tenantRole: 'PARTICIPANT' }), null],
    ['another organisation’s admin', principal({ tenantId: OTHER, tenantRole: 'ORG_ADMIN' }), null],
  ])('%s → %s', (_who, viewer, expected) => {
    expect(programmeHistoryViewerOf(viewer, { tenantId: TENANT, facilitatorIds: ['assigned'] })).toBe(expected);
  });
});

describe('programmeHistoryFor', () => {
  const requested = step('PROGRAMME_REQUESTED', { actorName: 'Olive Org', by: null });
  const proposed = step('PROGRAMME_PROPOSED', { actorName: 'Priya Provider', actorIsPlatformAdmin: true, by: 'PLATFORM_ADMIN' });
  const overridden = step('PROGRAMME_CONFLICTS_OVERRIDDEN', { actorName: 'Priya Provider', actorIsPlatformAdmin: true, reason: 'Agreed with the facilitator.' });
  const changes = step('PROGRAMME_CHANGES_REQUESTED', { actorName: 'Olive Org', by: 'ORG_ADMIN' });
  const accepted = step('PROGRAMME_ACCEPTED', { actorName: 'Olive Org' });
  const activated = step('PROGRAMME_ACTIVATED', { actorUserId: null, actorName: null, by: 'SYSTEM' });
  const cancelled = step('PROGRAMME_CANCELLED', { actorName: 'Olive Org', reason: 'The team was disbanded.' });
  const notAStep = step('MEMBER_ENROLLED', { actorName: 'Olive Org' });
  const all = [cancelled, notAStep, activated, accepted, changes, overridden, proposed, requested];

  it('gives a platform admin every step, oldest first, with every name and reason', () => {
    expect(programmeHistoryFor('PLATFORM_ADMIN', all)).toEqual([
      { id: requested.id, occurredAt: requested.occurredAt, event: 'REQUESTED', party: 'ORGANISATION', actorName: 'Olive Org', reason: null },
      { id: proposed.id, occurredAt: proposed.occurredAt, event: 'PROPOSED', party: 'PROVIDER', actorName: 'Priya Provider', reason: null },
      {
        id: overridden.id,
        occurredAt: overridden.occurredAt,
        event: 'CONFLICTS_OVERRIDDEN',
        party: 'PROVIDER',
        actorName: 'Priya Provider',
        reason: 'Agreed with the facilitator.',
      },
      { id: changes.id, occurredAt: changes.occurredAt, event: 'CHANGES_REQUESTED', party: 'ORGANISATION', actorName: 'Olive Org', reason: null },
      { id: accepted.id, occurredAt: accepted.occurredAt, event: 'ACCEPTED', party: 'ORGANISATION', actorName: 'Olive Org', reason: null },
      { id: activated.id, occurredAt: activated.occurredAt, event: 'ACTIVATED', party: 'SYSTEM', actorName: null, reason: null },
      { id: cancelled.id, occurredAt: cancelled.occurredAt, event: 'CANCELLED', party: 'ORGANISATION', actorName: 'Olive Org', reason: 'The team was disbanded.' },
    ]);
  });

  it('shows the organisation’s admins their own people’s names but not the provider’s, and no overridden conflicts', () => {
    const entries = programmeHistoryFor('ORG_ADMIN', all);
    expect(entries.map((entry) => entry.event)).toEqual(['REQUESTED', 'PROPOSED', 'CHANGES_REQUESTED', 'ACCEPTED', 'ACTIVATED', 'CANCELLED']);
    expect(entries.map((entry) => entry.actorName)).toEqual(['Olive Org', null, 'Olive Org', 'Olive Org', null, 'Olive Org']);
    expect(entries.find((entry) => entry.event === 'CANCELLED')?.reason).toBe('The team was disbanded.');
  });

  it('shows a facilitator the provider’s names but not the organisation’s, and the overridden conflicts', () => {
    const entries = programmeHistoryFor('FACILITATOR', all);
    expect(entries.map((entry) => entry.event)).toContain('CONFLICTS_OVERRIDDEN');
    expect(entries.map((entry) => [entry.event, entry.actorName])).toEqual([
      ['REQUESTED', null],
      ['PROPOSED', 'Priya Provider'],
      ['CONFLICTS_OVERRIDDEN', 'Priya Provider'],
      ['CHANGES_REQUESTED', null],
      ['ACCEPTED', null],
      ['ACTIVATED', null],
      ['CANCELLED', null],
    ]);
  });

  it.each([
    ['by the platform admin it recorded', { by: 'PLATFORM_ADMIN' }, 'PROVIDER'],
    ['by the org admin it recorded', { by: 'ORG_ADMIN', actorIsPlatformAdmin: true }, 'ORGANISATION'],
    ['without a recorded role, by someone who is a platform admin', { actorIsPlatformAdmin: true }, 'PROVIDER'],
    ['without a recorded role, by someone who is not', { actorIsPlatformAdmin: false }, 'ORGANISATION'],
    ['by nobody (the system)', { actorUserId: null, actorName: null }, 'SYSTEM'],
  ])('a cancellation %s is the %s’s', (_how, changes, party) => {
    expect(programmeHistoryFor('PLATFORM_ADMIN', [step('PROGRAMME_CANCELLED', changes)])[0]?.party).toBe(party);
  });

  it('orders steps of the same moment by their id as numbers', () => {
    const at = new Date('2027-01-01T09:00:00Z');
    const ten = step('PROGRAMME_PROPOSED', { id: '10', occurredAt: at });
    const nine = step('PROGRAMME_REQUESTED', { id: '9', occurredAt: at });
    expect(programmeHistoryFor('PLATFORM_ADMIN', [ten, nine]).map((entry) => entry.id)).toEqual(['9', '10']);
  });
});
