import { randomUUID } from 'node:crypto';
import { expectData, expectError, expectNoInternals, fieldProblem } from './support/expectations';
import type { UserFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const AVAILABILITY_FIELDS = 'userId timeZone workingHours { isoWeekday startsLocal endsLocal } timeOff { id startsAt endsAt note }';
const MY_AVAILABILITY = `{ myAvailability { ${AVAILABILITY_FIELDS} } }`;
const SET_WORKING_HOURS = `mutation($input: WorkingHoursInput!) { setMyWorkingHours(input: $input) { ${AVAILABILITY_FIELDS} } }`;
const ADD_TIME_OFF = `mutation($input: TimeOffInput!) { addMyTimeOff(input: $input) { ${AVAILABILITY_FIELDS} } }`;
const REMOVE_TIME_OFF = `mutation($id: ID!) { removeMyTimeOff(id: $id) { ${AVAILABILITY_FIELDS} } }`;
const FACILITATOR_AVAILABILITY = `query($id: ID!) { facilitatorAvailability(userId: $id) { ${AVAILABILITY_FIELDS} } }`;

interface Availability {
  userId: string;
  timeZone: string;
  workingHours: { isoWeekday: number; startsLocal: string; endsLocal: string }[];
  timeOff: { id: string; startsAt: string; endsAt: string; note: string }[];
}

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

async function signedIn(user: UserFixture): Promise<TestClient> {
  const client = api.client();
  expectData(await client.login(user.email, user.password));
  return client;
}

async function newFacilitator(): Promise<{ user: UserFixture; client: TestClient }> {
  const user = await api.fixtures.facilitator();
  return { user, client: await signedIn(user) };
}

const nextYear = new Date().getUTCFullYear() + 1;

describe('working hours', () => {
  it('are saved as a whole week in the facilitator’s own zone, replace the week before, and read back in week order', async () => {
    const { user, client } = await newFacilitator();
    const first = expectData(
      await client.gql<{ setMyWorkingHours: Availability }>(SET_WORKING_HOURS, {
        input: {
          timeZone: 'Australia/Sydney',
          spans: [
            { isoWeekday: 4, startsLocal: '13:00', endsLocal: '17:30' },
            { isoWeekday: 1, startsLocal: '08:00', endsLocal: '12:00' },
            { isoWeekday: 4, startsLocal: '09:00', endsLocal: '13:00' },
          ],
        },
      }),
    ).setMyWorkingHours;
    expect(first).toEqual({
      userId: user.id,
      timeZone: 'Australia/Sydney',
      workingHours: [
        { isoWeekday: 1, startsLocal: '08:00', endsLocal: '12:00' },
        { isoWeekday: 4, startsLocal: '09:00', endsLocal: '13:00' },
        { isoWeekday: 4, startsLocal: '13:00', endsLocal: '17:30' },
      ],
      timeOff: [],
    });

    expectData(await client.gql(SET_WORKING_HOURS, { input: { timeZone: 'Europe/London', spans: [{ isoWeekday: 2, startsLocal: '10:00', endsLocal: '16:00' }] } }));
    const read = expectData(await client.gql<{ myAvailability: Availability }>(MY_AVAILABILITY)).myAvailability;
    expect(read).toMatchObject({ timeZone: 'Europe/London', workingHours: [{ isoWeekday: 2, startsLocal: '10:00', endsLocal: '16:00' }] });
    expect(await api.fixtures.count('facilitator_working_hours', 'user_id = $1', [user.id])).toBe(1);
  });

  it('refuses an overlap, naming the span, and keeps the week saved before whole', async () => {
    const { user, client } = await newFacilitator();
    expectData(await client.gql(SET_WORKING_HOURS, { input: { timeZone: 'Europe/London', spans: [{ isoWeekday: 1, startsLocal: '09:00', endsLocal: '17:00' }] } }));

    const result = await client.gql(SET_WORKING_HOURS, {
      input: {
        timeZone: 'Europe/London',
        spans: [
          { isoWeekday: 3, startsLocal: '09:00', endsLocal: '13:00' },
          { isoWeekday: 3, startsLocal: '12:00', endsLocal: '15:00' },
        ],
      },
    });
    const error = expectError(result, 'BAD_USER_INPUT');
    expect(fieldProblem(error, 'spans.1.startsLocal')).toBe('Wednesday 12:00–15:00 overlaps 09:00–13:00.');
    expectNoInternals(result.body);
    const read = expectData(await client.gql<{ myAvailability: Availability }>(MY_AVAILABILITY)).myAvailability;
    expect(read.workingHours).toEqual([{ isoWeekday: 1, startsLocal: '09:00', endsLocal: '17:00' }]);
    expect(await api.fixtures.count('facilitator_working_hours', 'user_id = $1', [user.id])).toBe(1);
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Europe/Atlantis', spans: [] }, 'timeZone'],
    ['a span that ends before it starts', { timeZone: 'Europe/London', spans: [{ isoWeekday: 5, startsLocal: '17:00', endsLocal: '09:00' }] }, 'spans.0.endsLocal'],
    ['a time that is not HH:MM', { timeZone: 'Europe/London', spans: [{ isoWeekday: 5, startsLocal: '9am', endsLocal: '17:00' }] }, 'spans.0.startsLocal'],
    ['a day that is not in the week', { timeZone: 'Europe/London', spans: [{ isoWeekday: 0, startsLocal: '09:00', endsLocal: '17:00' }] }, 'spans.0.isoWeekday'],
  ])('refuses %s as BAD_USER_INPUT on that field, writing nothing', async (_case, input, field) => {
    const { user, client } = await newFacilitator();
    const result = await client.gql(SET_WORKING_HOURS, { input });
    fieldProblem(expectError(result, 'BAD_USER_INPUT'), field);
    expect(await api.fixtures.count('facilitator_working_hours', 'user_id = $1', [user.id])).toBe(0);
    expect(await api.fixtures.count('facilitator_profile', `user_id = $1 AND time_zone = 'Europe/London'`, [user.id])).toBe(1);
  });

  it('two saves at once apply one after the other: the week is one of the two, never a mixture or an error', async () => {
    const { user, client } = await newFacilitator();
    const weeks = [1, 2, 3, 4, 5].map((day) => ({
      timeZone: 'Europe/London',
      spans: [
        { isoWeekday: day, startsLocal: '09:00', endsLocal: '12:00' },
        { isoWeekday: day, startsLocal: '13:00', endsLocal: '17:00' },
      ],
    }));
    const results = await Promise.all(weeks.map((input) => client.gql(SET_WORKING_HOURS, { input })));
    for (const result of results) expectData(result);
    const read = expectData(await client.gql<{ myAvailability: Availability }>(MY_AVAILABILITY)).myAvailability;
    expect(weeks.map((week) => week.spans)).toContainEqual(read.workingHours);
    expect(await api.fixtures.count('facilitator_working_hours', 'user_id = $1', [user.id])).toBe(2);
  });
});

describe('time off', () => {
  it('is added with its note, listed soonest first while it has not ended, and removed by its owner', async () => {
    const { client } = await newFacilitator();
    expectData(await client.gql(ADD_TIME_OFF, { input: { startsAt: `${nextYear}-08-02T00:00:00+01:00`, endsAt: `${nextYear}-08-16T00:00:00+01:00`, note: ' Summer leave ' } }));
    expectData(await client.gql(ADD_TIME_OFF, { input: { startsAt: `${nextYear}-04-10T09:00:00Z`, endsAt: `${nextYear}-04-10T17:00:00Z` } }));
    // Already over: kept for the record, no longer listed.
    expectData(await client.gql(ADD_TIME_OFF, { input: { startsAt: '2020-01-06T09:00:00Z', endsAt: '2020-01-07T09:00:00Z' } }));

    const listed = expectData(await client.gql<{ myAvailability: Availability }>(MY_AVAILABILITY)).myAvailability.timeOff;
    expect(listed.map(({ startsAt, endsAt, note }) => ({ startsAt, endsAt, note }))).toEqual([
      { startsAt: `${nextYear}-04-10T09:00:00.000Z`, endsAt: `${nextYear}-04-10T17:00:00.000Z`, note: '' },
      { startsAt: `${nextYear}-08-01T23:00:00.000Z`, endsAt: `${nextYear}-08-15T23:00:00.000Z`, note: 'Summer leave' },
    ]);

    const afterRemoval = expectData(await client.gql<{ removeMyTimeOff: Availability }>(REMOVE_TIME_OFF, { id: listed[0]!.id })).removeMyTimeOff;
    expect(afterRemoval.timeOff.map((span) => span.note)).toEqual(['Summer leave']);
  });

  it.each([
    ['an end before the start', { startsAt: `${nextYear}-05-02T10:00:00Z`, endsAt: `${nextYear}-05-02T09:00:00Z` }, 'endsAt'],
    ['a start that is not a date and time', { startsAt: 'next Tuesday', endsAt: `${nextYear}-05-02T09:00:00Z` }, 'startsAt'],
    ['a note on two lines', { startsAt: `${nextYear}-05-02T09:00:00Z`, endsAt: `${nextYear}-05-02T10:00:00Z`, note: 'Away\nall day' }, 'note'],
  ])('refuses %s as BAD_USER_INPUT, writing nothing', async (_case, input, field) => {
    const { user, client } = await newFacilitator();
    fieldProblem(expectError(await client.gql(ADD_TIME_OFF, { input }), 'BAD_USER_INPUT'), field);
    expect(await api.fixtures.count('facilitator_time_off', 'user_id = $1', [user.id])).toBe(0);
  });

  it('cannot be removed by another facilitator: their id answers as one that exists nowhere, and stays', async () => {
    const owner = await newFacilitator();
    const other = await newFacilitator();
    const [span] = expectData(
      await owner.client.gql<{ addMyTimeOff: Availability }>(ADD_TIME_OFF, {
        input: { startsAt: `${nextYear}-06-01T09:00:00Z`, endsAt: `${nextYear}-06-02T09:00:00Z` },
      }),
    ).addMyTimeOff.timeOff;

    const withTheirs = expectError(await other.client.gql(REMOVE_TIME_OFF, { id: span!.id }), 'NOT_FOUND', 'That time off was not found.');
    const withNothing = expectError(await other.client.gql(REMOVE_TIME_OFF, { id: randomUUID() }), 'NOT_FOUND');
    const withNonsense = expectError(await other.client.gql(REMOVE_TIME_OFF, { id: 'not-an-id' }), 'NOT_FOUND');
    expect([withNothing.message, withNonsense.message]).toEqual([withTheirs.message, withTheirs.message]);
    expect(await api.fixtures.count('facilitator_time_off', 'id = $1', [span!.id])).toBe(1);
  });
});

describe('a platform admin scheduling', () => {
  it('reads any facilitator’s availability, and a person who is not a facilitator answers as nobody', async () => {
    const { user, client } = await newFacilitator();
    expectData(await client.gql(SET_WORKING_HOURS, { input: { timeZone: 'America/New_York', spans: [{ isoWeekday: 2, startsLocal: '08:00', endsLocal: '14:00' }] } }));
    const admin = await signedIn(await api.fixtures.platformAdmin());

    const seen = expectData(await admin.gql<{ facilitatorAvailability: Availability }>(FACILITATOR_AVAILABILITY, { id: user.id })).facilitatorAvailability;
    expect(seen).toMatchObject({ userId: user.id, timeZone: 'America/New_York', workingHours: [{ isoWeekday: 2, startsLocal: '08:00', endsLocal: '14:00' }] });

    const notAFacilitator = await api.fixtures.platformAdmin();
    expectError(await admin.gql(FACILITATOR_AVAILABILITY, { id: notAFacilitator.id }), 'NOT_FOUND', 'That facilitator was not found.');
  });
});
