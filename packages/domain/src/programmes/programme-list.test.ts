import { AGREED_PROGRAMME_STATUSES, programmeListFilterSchema } from './programme-list.js';

const TENANT = '7d1f0c8e-0000-4000-8000-000000000001';

describe('programmeListFilterSchema', () => {
  it('shows the agreed programmes (accepted, running, completed, cancelled) when no status is chosen', () => {
    for (const statuses of [undefined, null, []]) {
      expect(programmeListFilterSchema.parse({ statuses, first: 50 })).toEqual({
        statuses: [...AGREED_PROGRAMME_STATUSES],
        tenantId: null,
        serviceType: null,
        first: 50,
        after: null,
      });
    }
    expect(AGREED_PROGRAMME_STATUSES).toEqual(['ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED']);
  });

  it('keeps the chosen statuses once each, the organisation and the service', () => {
    expect(programmeListFilterSchema.parse({ statuses: ['ACTIVE', 'ACTIVE', 'REQUESTED'], tenantId: TENANT, serviceType: 'GRP', first: 1, after: TENANT })).toEqual({
      statuses: ['ACTIVE', 'REQUESTED'],
      tenantId: TENANT,
      serviceType: 'GRP',
      first: 1,
      after: TENANT,
    });
  });

  it.each([
    [{ statuses: ['RUNNING'] }, 'statuses', 'Choose a programme status from the list.'],
    [{ tenantId: 'not-a-uuid' }, 'tenantId', 'That id is not valid.'],
    [{ serviceType: 'YOGA' }, 'serviceType', 'Choose Group Reflective Practice or Group Therapeutic Support.'],
    [{ first: 0 }, 'first', 'Show at least one programme.'],
    [{ first: 101 }, 'first', 'Show at most 100 programmes at a time.'],
    [{ first: 2.5 }, 'first', 'Choose a whole number of programmes.'],
    [{ after: '42' }, 'after', 'That id is not valid.'],
  ])('refuses %j on %s', (changes, field, message) => {
    const result = programmeListFilterSchema.safeParse({ first: 50, ...changes });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});
