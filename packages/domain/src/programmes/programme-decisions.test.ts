import { DomainError } from '../errors/domain-error.js';
import type { Principal } from '../identity/roles.js';
import { assertCurrentVersion, cancelReasonSchema, groupSizeSchema, overrideReasonSchema, previewStoredSeries, programmeActorOf } from './programme-decisions.js';

const TENANT = '7d1f0c8e-0000-4000-8000-000000000001';
const OTHER = '7d1f0c8e-0000-4000-8000-000000000002';
const principal = (changes: Partial<Principal>): Principal => ({ userId: 'u', sessionId: 's', platformRoles: [], tenantId: null, tenantRole: null, ...changes });

describe('reasons', () => {
  it.each([cancelReasonSchema, overrideReasonSchema])('are trimmed, on one line and of a sensible length', (schema) => {
    expect(schema.parse('  The team has been disbanded. ')).toBe('The team has been disbanded.');
    expect(schema.safeParse('').success).toBe(false);
    expect(schema.safeParse('ok').success).toBe(false);
    expect(schema.safeParse('Two\nlines').success).toBe(false);
    expect(schema.safeParse('x'.repeat(501)).success).toBe(false);
  });
});

describe('assertCurrentVersion', () => {
  it('lets the current version through and refuses a stale one as CONFLICT', () => {
    expect(() => assertCurrentVersion(3, 3)).not.toThrow();
    expect(() => assertCurrentVersion(3, 2)).toThrow(DomainError);
    try {
      assertCurrentVersion(3, 2);
    } catch (error) {
      expect((error as DomainError).code).toBe('CONFLICT');
      expect((error as DomainError).message).toMatch(/^Someone else changed this programme/);
    }
  });
});

describe('programmeActorOf', () => {
  it.each([
    ['a platform admin', principal({ platformRoles: ['PLATFORM_ADMIN'] }), 'PLATFORM_ADMIN'],
    ['an org admin of the programme’s organisation', principal({ tenantId: TENANT, tenantRole: 'ORG_ADMIN' }), 'ORG_ADMIN'],
    ['an org admin of another organisation', principal({ tenantId: OTHER, tenantRole: 'ORG_ADMIN' }), null],
    ['a participant', principal({ tenantId: TENANT, tenantRole: 'PARTICIPANT' }), null],
    ['a facilitator', principal({ platformRoles: ['FACILITATOR'] }), null],
  ])('%s', (_label, who, actor) => {
    expect(programmeActorOf(who, TENANT)).toBe(actor);
  });
});

describe('previewStoredSeries', () => {
  const series = { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=10', startLocal: '2027-03-16 10:00:00', startSlots: [], timeZone: 'Europe/London', sessionMinutes: 90 };

  it('gives the first sessions in UTC, across the change of the clocks at 10:00 local', () => {
    expect(previewStoredSeries(series, 3)).toEqual([
      { sequence: 1, startsAt: '2027-03-16T10:00:00.000Z', endsAt: '2027-03-16T11:30:00.000Z' },
      { sequence: 2, startsAt: '2027-03-23T10:00:00.000Z', endsAt: '2027-03-23T11:30:00.000Z' },
      { sequence: 3, startsAt: '2027-03-30T09:00:00.000Z', endsAt: '2027-03-30T10:30:00.000Z' },
    ]);
  });

  it('rotates among the stored start times', () => {
    const rotating = previewStoredSeries({ ...series, startLocal: '2027-03-16T08:00:00', startSlots: ['08:00', '14:00', '20:00'] }, 4);
    expect(rotating.map((session) => session.startsAt)).toEqual(['2027-03-16T08:00:00.000Z', '2027-03-23T14:00:00.000Z', '2027-03-30T19:00:00.000Z', '2027-04-06T07:00:00.000Z']);
  });

  it('never gives more sessions than the rule has, and none without a rule or start', () => {
    expect(previewStoredSeries(series, 50)).toHaveLength(10);
    expect(previewStoredSeries({ ...series, rrule: null }, 3)).toEqual([]);
    expect(previewStoredSeries({ ...series, startLocal: null }, 3)).toEqual([]);
  });
});

describe('groupSizeSchema', () => {
  it('takes sizes within the limits, smallest first', () => {
    expect(groupSizeSchema.parse({ minGroupSize: 4, maxGroupSize: 10 })).toEqual({ minGroupSize: 4, maxGroupSize: 10 });
  });

  it.each([
    [{ minGroupSize: 8, maxGroupSize: 6 }, 'The largest group size cannot be smaller than the smallest.'],
    [{ minGroupSize: 1, maxGroupSize: 6 }, 'The smallest group size must be at least 2.'],
    [{ minGroupSize: 4, maxGroupSize: 41 }, 'The largest group size can be at most 40.'],
    [{ minGroupSize: 4, maxGroupSize: 6.5 }, 'The largest group size must be a whole number.'],
  ])('refuses %p: %s', (sizes, message) => {
    const result = groupSizeSchema.safeParse(sizes);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([message]);
  });
});
