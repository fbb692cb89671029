import { parseInput } from '../errors/parse-input.js';
import type { Principal } from '../identity/roles.js';
import { agendaAudience, agendaQuerySchema, calendarFeedWindow, decodeAgendaCursor, encodeAgendaCursor, MAX_AGENDA_PAGE_SIZE } from './agenda.js';

const USER = '0b6c3f5e-8d1a-4c7e-9f2b-3a4d5e6f7a8b';
const TENANT = '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const SESSION = '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a';

const principal = (overrides: Partial<Principal>): Principal => ({ userId: USER, sessionId: SESSION, platformRoles: [], tenantId: null, tenantRole: null, ...overrides });

describe('agendaAudience', () => {
  it.each([
    ['a facilitator acting in no organisation sees their assignments everywhere', principal({ platformRoles: ['FACILITATOR'] }), { kind: 'FACILITATOR', userId: USER }],
    [
      'a participant sees their enrolments in the organisation they act in',
      principal({ tenantId: TENANT, tenantRole: 'PARTICIPANT' }),
      { kind: 'PARTICIPANT', userId: USER, tenantId: TENANT },
    ],
    ['an org admin is enrolled like anyone else', principal({ tenantId: TENANT, tenantRole: 'ORG_ADMIN' }), { kind: 'PARTICIPANT', userId: USER, tenantId: TENANT }],
    ['a platform admin has no agenda', principal({ platformRoles: ['PLATFORM_ADMIN'] }), null],
  ])('%s', (_name, who, expected) => {
    expect(agendaAudience(who)).toEqual(expected);
  });
});

describe('agenda cursors', () => {
  it('round-trip the start and id', () => {
    const cursor = { startsAt: new Date('2027-03-17T10:00:00.000Z'), id: SESSION };
    expect(decodeAgendaCursor(encodeAgendaCursor(cursor))).toEqual(cursor);
  });

  it.each(['', 'garbage', `zzzzzzzzzzzzz.${SESSION}`, 'l0.not-an-id-at-all-not-an-id-at-all-x', `${SESSION}.${SESSION}`])('refuse %j', (value) => {
    expect(decodeAgendaCursor(value)).toBeNull();
  });
});

describe('agendaQuerySchema', () => {
  const window = { from: '2027-03-01T00:00:00Z', to: '2027-04-01T00:00:00Z' };

  it('defaults to a page of 50 from the start of the window', () => {
    expect(agendaQuerySchema.parse(window)).toEqual({ from: new Date(window.from), to: new Date(window.to), first: 50, after: null });
  });

  it('reads a cursor it handed out', () => {
    const after = encodeAgendaCursor({ startsAt: new Date('2027-03-10T09:00:00Z'), id: SESSION });
    expect(agendaQuerySchema.parse({ ...window, after }).after).toEqual({ startsAt: new Date('2027-03-10T09:00:00Z'), id: SESSION });
  });

  it.each([
    ['an end before the start', { from: window.to, to: window.from }, 'to', 'The end of the period must come after its start.'],
    ['a window of more than a year', { from: '2027-01-01T00:00:00Z', to: '2028-02-01T00:00:00Z' }, 'to', 'Choose a period of at most 370 days.'],
    ['a time without an offset', { from: '2027-03-01T00:00:00', to: window.to }, 'from', 'Enter a date and time with its offset, for example 2027-03-17T10:00:00Z.'],
    ['a page too large', { ...window, first: MAX_AGENDA_PAGE_SIZE + 1 }, 'first', 'Ask for between 1 and 100 sessions at a time.'],
    ['an empty page', { ...window, first: 0 }, 'first', 'Ask for between 1 and 100 sessions at a time.'],
    ['a forged page marker', { ...window, after: 'not-a-marker' }, 'after', 'That page marker is not valid.'],
  ])('refuses %s with one message on its field', (_name, input, field, message) => {
    expect(() => parseInput(agendaQuerySchema, input)).toThrow(expect.objectContaining({ fieldProblems: [{ field, message }] }));
  });
});

describe('calendarFeedWindow', () => {
  it('covers the last three months and the year ahead', () => {
    expect(calendarFeedWindow(new Date('2027-05-31T12:00:00Z'))).toEqual({ from: new Date('2027-02-28T12:00:00Z'), to: new Date('2028-05-31T12:00:00Z') });
  });
});
