import { randomUUID } from 'node:crypto';
import { createDataSource, UnitOfWork } from '@lena/database';
import ICAL from 'ical.js';
import type { DataSource } from 'typeorm';
import { FACILITATOR_AGENDA_SQL } from '../src/scheduling/group-session.repository';
import { expectData, expectError, fieldProblem } from './support/expectations';
import { unique, type ProgrammeFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { countStatements, type StatementCounter } from './support/statement-counter';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

/**
 * "My sessions": a facilitator's sessions across every organisation they work for, a participant's
 * in their own; one statement per page whatever its size; and what each may never see.
 */
let api: TestApi;
let tenantA: TenantFixture;
let tenantB: TenantFixture;
/** Assigned to programmeA (lead) and programmeB (co-facilitator), not to programmeA2. */
let facilitator: UserFixture;
let facilitatorClient: TestClient;
let programmeA: ProgrammeFixture;
let programmeA2: ProgrammeFixture;
let programmeB: ProgrammeFixture;
/** Enrolled in programmeA only, in tenant A; `classmate` is enrolled beside them. */
let participant: UserFixture;
let classmate: UserFixture;
let participantClient: TestClient;
let sessionsA: string[];
let sessionsA2: string[];
let sessionsB: string[];

const WINDOW = { from: '2027-03-01T00:00:00Z', to: '2027-05-01T00:00:00Z' };
const MY_SESSIONS = `query($from: String!, $to: String!, $first: Int, $after: String) {
  myGroupSessions(from: $from, to: $to, first: $first, after: $after) {
    items { id tenantId tenantName programmeId programmeTitle serviceType sequence startsAt endsAt status statusReason deliveryMode videoLink location timeZone enrolledCount }
    nextCursor
  }
}`;

interface AgendaItem {
  id: string;
  tenantId: string;
  tenantName: string;
  programmeId: string;
  programmeTitle: string;
  serviceType: string;
  sequence: number;
  startsAt: string;
  status: string;
  statusReason: string | null;
  deliveryMode: string;
  videoLink: string | null;
  location: string | null;
  enrolledCount: number;
}
interface AgendaResult {
  myGroupSessions: { items: AgendaItem[]; nextCursor: string | null };
}

async function signedIn(user: UserFixture): Promise<TestClient> {
  const client = api.client();
  expectData(await client.login(user.email, user.password));
  return client;
}

/** Weekly sessions from 17 March 2027 at `hour` UTC. */
async function weeklySessions(programme: ProgrammeFixture, count: number, hour = 10): Promise<string[]> {
  const ids: string[] = [];
  for (let week = 0; week < count; week += 1) {
    ids.push((await api.fixtures.groupSession(programme.tenantId, programme.id, week + 1, new Date(Date.UTC(2027, 2, 17 + 7 * week, hour)))).id);
  }
  return ids;
}

beforeAll(async () => {
  api = await startTestApi();
  const { fixtures } = api;
  tenantA = await fixtures.tenant({ name: `Alpha ${unique()}` });
  tenantB = await fixtures.tenant({ name: `Bravo ${unique()}` });
  const teamA = await fixtures.team(tenantA.id);
  const teamB = await fixtures.team(tenantB.id);
  facilitator = await fixtures.facilitator();
  programmeA = await fixtures.programme(tenantA.id, teamA.id, { title: `Alpha assigned ${unique()}` });
  programmeA2 = await fixtures.programme(tenantA.id, teamA.id, { title: `Alpha not assigned ${unique()}` });
  programmeB = await fixtures.programme(tenantB.id, teamB.id, { title: `Bravo assigned ${unique()}`, serviceType: 'GTS' });
  await fixtures.programmeFacilitator(tenantA.id, programmeA.id, facilitator.id, 'LEAD');
  await fixtures.programmeFacilitator(tenantB.id, programmeB.id, facilitator.id, 'CO_FACILITATOR');
  await fixtures.programmeFacilitator(tenantA.id, programmeA2.id, (await fixtures.facilitator()).id, 'LEAD');
  await fixtures.asTenant(tenantA.id, `UPDATE programme SET delivery_mode = 'HYBRID', video_link = 'https://meet.example.org/alpha', location = 'Room 4' WHERE id = $1`, [
    programmeA.id,
  ]);
  await fixtures.asTenant(tenantB.id, `UPDATE programme SET delivery_mode = 'IN_PERSON', location = 'The library' WHERE id = $1`, [programmeB.id]);
  sessionsA = await weeklySessions(programmeA, 3);
  sessionsA2 = await weeklySessions(programmeA2, 3);
  sessionsB = await weeklySessions(programmeB, 2, 14);
  await fixtures.asTenant(tenantA.id, `UPDATE group_session SET status = 'CANCELLED', status_reason = 'Facilitator unwell' WHERE id = $1`, [sessionsA[1]]);

  participant = await fixtures.participant(tenantA.id);
  classmate = await fixtures.participant(tenantA.id);
  for (const person of [participant, classmate]) await fixtures.enrolment(tenantA.id, programmeA.id, person.id);
  await fixtures.enrolment(tenantA.id, programmeA2.id, classmate.id);
  const bravoParticipant = await fixtures.participant(tenantB.id);
  await fixtures.enrolment(tenantB.id, programmeB.id, bravoParticipant.id);
  // Enrolled before the first session, not now: a participant's agenda leaves out sessions that
  // began before they joined, so once 17 March 2027 has passed an enrolment made as the tests run would hide them.
  for (const tenant of [tenantA, tenantB]) {
    await fixtures.asTenant(tenant.id, `UPDATE enrolment SET enrolled_at = '2027-03-01T00:00:00Z' WHERE tenant_id = $1`, [tenant.id]);
  }

  facilitatorClient = await signedIn(facilitator);
  participantClient = await signedIn(participant);
});

afterAll(async () => {
  await api?.close();
});

describe('a facilitator’s sessions', () => {
  it('lists the sessions of the programmes they are assigned to in every organisation, with what they need, soonest first', async () => {
    const { items, nextCursor } = expectData(await facilitatorClient.gql<AgendaResult>(MY_SESSIONS, WINDOW)).myGroupSessions;

    expect(items.map((item) => item.id)).toEqual([sessionsA[0], sessionsB[0], sessionsA[1], sessionsB[1], sessionsA[2]]);
    expect(nextCursor).toBeNull();
    expect(items[0]).toEqual({
      id: sessionsA[0],
      tenantId: tenantA.id,
      tenantName: tenantA.name,
      programmeId: programmeA.id,
      programmeTitle: programmeA.title,
      serviceType: 'GRP',
      sequence: 1,
      startsAt: '2027-03-17T10:00:00.000Z',
      endsAt: '2027-03-17T11:30:00.000Z',
      status: 'SCHEDULED',
      statusReason: null,
      deliveryMode: 'HYBRID',
      videoLink: 'https://meet.example.org/alpha',
      location: 'Room 4',
      timeZone: 'Europe/London',
      enrolledCount: 2,
    });
    expect(items[1]).toMatchObject({
      tenantName: tenantB.name,
      programmeTitle: programmeB.title,
      serviceType: 'GTS',
      deliveryMode: 'IN_PERSON',
      location: 'The library',
      enrolledCount: 1,
    });
    expect(items[2]).toMatchObject({ id: sessionsA[1], status: 'CANCELLED', statusReason: 'Facilitator unwell' });
  });

  it('never includes a programme they are not assigned to, nor names anyone enrolled', async () => {
    const result = await facilitatorClient.gql<AgendaResult>(MY_SESSIONS, WINDOW);
    expectData(result);
    for (const secret of [programmeA2.title, ...sessionsA2, programmeA2.id, participant.email, participant.displayName, classmate.displayName]) {
      expect(result.body).not.toContain(secret);
    }
  });

  it('keeps to the window: a session overlapping its start is in, one starting at its end is out', async () => {
    const from = '2027-03-17T11:00:00Z'; // during the first session
    const to = '2027-03-31T10:00:00Z'; // the instant the third week's sessions start
    const { items } = expectData(await facilitatorClient.gql<AgendaResult>(MY_SESSIONS, { from, to })).myGroupSessions;
    expect(items.map((item) => item.id)).toEqual([sessionsA[0], sessionsB[0], sessionsA[1], sessionsB[1]]);
  });

  it('pages with a cursor: every session once, in order, and no next page after the last', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: AgendaResult['myGroupSessions'] = expectData(await facilitatorClient.gql<AgendaResult>(MY_SESSIONS, { ...WINDOW, first: 2, after })).myGroupSessions;
      seen.push(...page.items.map((item) => item.id));
      after = page.nextCursor;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([sessionsA[0], sessionsB[0], sessionsA[1], sessionsB[1], sessionsA[2]]);
  });

  it('shows another facilitator nothing of these programmes', async () => {
    const other = await signedIn(await api.fixtures.facilitator());
    expect(expectData(await other.gql<AgendaResult>(MY_SESSIONS, WINDOW)).myGroupSessions.items).toEqual([]);
  });
});

describe('a participant’s sessions', () => {
  it('lists only the sessions of the programmes they are enrolled in, in their organisation', async () => {
    const { items } = expectData(await participantClient.gql<AgendaResult>(MY_SESSIONS, WINDOW)).myGroupSessions;
    expect(items.map((item) => item.id)).toEqual(sessionsA);
    expect(items[0]).toMatchObject({ programmeTitle: programmeA.title, videoLink: 'https://meet.example.org/alpha', location: 'Room 4', enrolledCount: 2 });
  });

  it('never shows another participant’s identity, another programme or another organisation', async () => {
    const result = await participantClient.gql<AgendaResult>(MY_SESSIONS, WINDOW);
    expectData(result);
    for (const secret of [
      classmate.email,
      classmate.displayName,
      classmate.id,
      facilitator.displayName,
      programmeA2.title,
      programmeB.title,
      tenantB.name,
      ...sessionsA2,
      ...sessionsB,
    ]) {
      expect(result.body).not.toContain(secret);
    }
  });

  it('lists no session that started before they joined (a later joiner to an open group)', async () => {
    const latecomer = await api.fixtures.participant(tenantA.id);
    await api.fixtures.enrolment(tenantA.id, programmeA.id, latecomer.id);
    // Joined after the second session had begun.
    await api.fixtures.asTenant(tenantA.id, `UPDATE enrolment SET enrolled_at = '2027-03-24T10:30:00Z' WHERE programme_id = $1 AND user_id = $2`, [programmeA.id, latecomer.id]);
    const { items } = expectData(await (await signedIn(latecomer)).gql<AgendaResult>(MY_SESSIONS, WINDOW)).myGroupSessions;
    expect(items.map((item) => item.id)).toEqual([sessionsA[2]]);
  });

  it('an org admin who is enrolled nowhere has an empty agenda, not an error', async () => {
    const admin = await signedIn(await api.fixtures.orgAdmin(tenantA.id));
    expect(expectData(await admin.gql<AgendaResult>(MY_SESSIONS, WINDOW)).myGroupSessions.items).toEqual([]);
  });
});

describe('one session as a calendar file', () => {
  const FILE = 'query($id: ID!) { groupSessionCalendarFile(sessionId: $id) }';
  const fileOf = async (client: TestClient, id: string) => expectData(await client.gql<{ groupSessionCalendarFile: string }>(FILE, { id })).groupSessionCalendarFile;

  it('is one event with the session’s stable UID, times and place, and no one else in it', async () => {
    const body = await fileOf(participantClient, sessionsA[0]!);
    const calendar = new ICAL.Component(ICAL.parse(body));
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]);
    expect({ uid: event.uid, summary: event.summary, start: event.startDate.toJSDate().toISOString(), location: event.location }).toEqual({
      uid: `${sessionsA[0]}@lena`,
      summary: `${programmeA.title}: session 1`,
      start: '2027-03-17T10:00:00.000Z',
      location: 'Room 4',
    });
    expect(events[0]!.getAllProperties('attendee')).toEqual([]);
    for (const secret of [classmate.email, classmate.displayName, participant.email]) expect(body).not.toContain(secret);
  });

  it('is NOT_FOUND, exactly as a random id, for a session of a programme they are not enrolled in or of another organisation', async () => {
    const random = expectError(await participantClient.gql(FILE, { id: randomUUID() }), 'NOT_FOUND', 'Session was not found.');
    for (const id of [sessionsA2[0]!, sessionsB[0]!, 'not-an-id']) {
      const result = await participantClient.gql(FILE, { id });
      expect(expectError(result, 'NOT_FOUND')).toEqual(random);
      for (const secret of [programmeA2.title, programmeB.title, tenantB.name]) expect(result.body).not.toContain(secret);
    }
  });

  it('a facilitator gets the sessions they run in any organisation, and no other', async () => {
    expect(await fileOf(facilitatorClient, sessionsB[0]!)).toContain(`UID:${sessionsB[0]}@lena`);
    expectError(await facilitatorClient.gql(FILE, { id: sessionsA2[0] }), 'NOT_FOUND', 'Session was not found.');
  });

  it('a platform admin is FORBIDDEN', async () => {
    const admin = await signedIn(await api.fixtures.platformAdmin());
    expectError(await admin.gql(FILE, { id: sessionsA[0] }), 'FORBIDDEN', 'You do not have permission to do that.');
  });
});

describe('who may ask', () => {
  it('a platform admin, who attends no sessions, is FORBIDDEN; signed out is UNAUTHENTICATED', async () => {
    const admin = await signedIn(await api.fixtures.platformAdmin());
    expectError(await admin.gql(MY_SESSIONS, WINDOW), 'FORBIDDEN', 'You do not have permission to do that.');
    expectError(await api.client().gql(MY_SESSIONS, WINDOW), 'UNAUTHENTICATED');
  });
});

describe('bad input', () => {
  it.each([
    ['an end before the start', { from: WINDOW.to, to: WINDOW.from }, 'to', 'The end of the period must come after its start.'],
    ['a window longer than a year', { from: '2027-01-01T00:00:00Z', to: '2028-06-01T00:00:00Z' }, 'to', 'Choose a period of at most 370 days.'],
    ['a date that is not one', { from: 'next Tuesday', to: WINDOW.to }, 'from', 'Enter a date and time with its offset, for example 2027-03-17T10:00:00Z.'],
    ['a page of more than 100', { ...WINDOW, first: 101 }, 'first', 'Ask for between 1 and 100 sessions at a time.'],
    ['a forged page marker', { ...WINDOW, after: `l0.${randomUUID()}x` }, 'after', 'That page marker is not valid.'],
  ])('%s is BAD_USER_INPUT with a message on its field', async (_name, variables, field, message) => {
    const error = expectError(await facilitatorClient.gql(MY_SESSIONS, variables), 'BAD_USER_INPUT');
    expect(fieldProblem(error, field)).toBe(message);
  });
});

describe('the cost of a page', () => {
  let counter: StatementCounter;
  let busy: UserFixture;
  let busyClient: TestClient;

  beforeAll(async () => {
    counter = countStatements(api);
    // A facilitator with 60 sessions over 12 programmes in two organisations, each programme with people enrolled.
    busy = await api.fixtures.facilitator();
    for (const tenant of [tenantA, tenantB]) {
      const team = await api.fixtures.team(tenant.id);
      for (let index = 0; index < 6; index += 1) {
        const programme = await api.fixtures.programme(tenant.id, team.id);
        await api.fixtures.programmeFacilitator(tenant.id, programme.id, busy.id);
        await api.fixtures.enrolment(tenant.id, programme.id, (await api.fixtures.participant(tenant.id)).id);
        await weeklySessions(programme, 5);
      }
    }
    busyClient = await signedIn(busy);
  });

  async function statementsForPage(first: number): Promise<{ statements: string[]; items: AgendaItem[] }> {
    const { statements, result } = await counter.during(
      async () => expectData(await busyClient.gql<AgendaResult>(MY_SESSIONS, { ...WINDOW, to: '2027-12-31T00:00:00Z', first })).myGroupSessions.items,
    );
    return { statements, items: result };
  }

  it.each([5, 50])('a page of %i sessions with programme, organisation and enrolled count takes at most 4 statements', async (first) => {
    const { statements, items } = await statementsForPage(first);
    expect(items).toHaveLength(first);
    expect(new Set(items.map((item) => item.tenantId))).toEqual(new Set([tenantA.id, tenantB.id]));
    for (const item of items) expect(item.enrolledCount).toBe(1);
    // Opening the transaction (with the session check), the page, COMMIT.
    expect(statements[0]).toMatch(/^BEGIN; SELECT set_config/);
    expect({ statements, atMostFour: statements.length <= 4 }).toEqual({ statements, atMostFour: true });
  });

  it('costs the same for 50 sessions as for 5', async () => {
    expect((await statementsForPage(50)).statements.length).toBe((await statementsForPage(5)).statements.length);
  });
});

describe('row-level security under the agenda', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await createDataSource({ url: api.database.appUrl, poolSize: 1, applicationName: 'lena-agenda-test' }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const AGENDA_PARAMS = (userId: string) => [userId, new Date(WINDOW.from), new Date(WINDOW.to), null, null, 100];

  async function asFacilitator<T>(userId: string, sql: string, params: unknown[]): Promise<T[]> {
    const uow = new UnitOfWork(dataSource, { tenantId: null, userId });
    try {
      return await uow.query<T>(sql, params);
    } finally {
      await uow.finish(false);
    }
  }

  it('the agenda statement, run as the application role for the facilitator, returns only their assigned sessions', async () => {
    const rows = await asFacilitator<{ id: string }>(facilitator.id, FACILITATOR_AGENDA_SQL, AGENDA_PARAMS(facilitator.id));
    expect(rows.map((row) => row.id).sort()).toEqual([...sessionsA, ...sessionsB].sort());
  });

  it('PostgreSQL itself hides unassigned sessions: the same statement without the assignment join still returns only theirs', async () => {
    // The attack: a statement that forgot to filter by the assignment (every session in the window).
    const forgetful = FACILITATOR_AGENDA_SQL.replace(
      /FROM programme_facilitator pf\s+JOIN group_session s ON s.tenant_id = pf.tenant_id AND s.programme_id = pf.programme_id/,
      'FROM group_session s',
    ).replace('WHERE pf.user_id = $1 AND', 'WHERE $1::uuid IS NOT NULL AND');
    expect(forgetful).not.toContain('programme_facilitator pf');
    // The rows exist: the owner sees the unassigned programme's sessions in the window.
    expect(await api.fixtures.count('group_session', `programme_id = $1 AND starts_at < $2`, [programmeA2.id, WINDOW.to])).toBe(3);

    const rows = await asFacilitator<{ id: string; title: string }>(facilitator.id, forgetful, AGENDA_PARAMS(facilitator.id));
    expect(rows.map((row) => row.id).sort()).toEqual([...sessionsA, ...sessionsB].sort());
    const stranger = await api.fixtures.facilitator();
    expect(await asFacilitator(stranger.id, forgetful, AGENDA_PARAMS(stranger.id))).toEqual([]);
  });

  it('a participant acting in A reads none of B’s sessions, even by asking for them by id', async () => {
    const uow = new UnitOfWork(dataSource, { tenantId: tenantA.id, userId: participant.id });
    try {
      const rows = await uow.query<{ id: string }>('SELECT id FROM group_session WHERE id = ANY($1::uuid[])', [sessionsB]);
      expect(rows).toEqual([]);
    } finally {
      await uow.finish(false);
    }
  });
});
