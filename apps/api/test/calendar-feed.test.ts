import { createLogger } from '@lena/logging';
import { captureLogs, type CapturedLogs } from '@lena/logging/testing';
import ICAL from 'ical.js';
import { expectData, expectError } from './support/expectations';
import { unique, type ProgrammeFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

/**
 * Private calendar subscriptions: made, replaced and revoked through GraphQL, served at
 * /calendar/<token>.ics to calendar apps, parsed back here with an independent parser (ical.js).
 */
let api: TestApi;
let logs: CapturedLogs;
let tenantA: TenantFixture;
let tenantB: TenantFixture;
let facilitator: UserFixture;
let facilitatorClient: TestClient;
let participant: UserFixture;
let classmate: UserFixture;
let participantClient: TestClient;
let programmeA: ProgrammeFixture;
let programmeA2: ProgrammeFixture;
let programmeB: ProgrammeFixture;
let sessionsA: string[];
let sessionsB: string[];

const CREATE = 'mutation { createCalendarSubscription { url createdAt } }';
const REVOKE = 'mutation { revokeCalendarSubscription }';
const CURRENT = '{ calendarSubscription { createdAt } }';

interface FeedEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  start: string;
  end: string;
  location: string | null;
}

async function signedIn(user: UserFixture): Promise<TestClient> {
  const client = api.client();
  expectData(await client.login(user.email, user.password));
  return client;
}

/**
 * Midnight (UTC) eight weeks from today, so the sessions are inside the feed's window (three months
 * back, a year ahead) whenever the tests run: a fixed date leaves it three months after it passes.
 */
const FIRST_DAY = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 56);

/** `hour` UTC, `week` weeks after FIRST_DAY. */
const at = (week: number, hour: number, minute = 0) => new Date(FIRST_DAY + (7 * 24 * week + hour) * 3_600_000 + minute * 60_000);

/** Two sessions a week apart, from FIRST_DAY at `hour` UTC. */
async function sessionsOf(programme: ProgrammeFixture, hour: number): Promise<string[]> {
  const ids: string[] = [];
  for (let week = 0; week < 2; week += 1) {
    ids.push((await api.fixtures.groupSession(programme.tenantId, programme.id, week + 1, at(week, hour))).id);
  }
  return ids;
}

async function subscribe(client: TestClient): Promise<string> {
  const { createCalendarSubscription } = expectData(await client.gql<{ createCalendarSubscription: { url: string } }>(CREATE));
  return createCalendarSubscription.url;
}

/** The path part of a feed URL, as the portal's proxy hands it to the API. */
function pathOf(url: string): string {
  return new URL(url).pathname;
}

async function fetchFeed(url: string): Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }> {
  return api.client().get(pathOf(url));
}

function eventsOf(body: string): { method: string; events: FeedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(body));
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: String(component.getFirstPropertyValue('status')),
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      location: event.location || null,
    };
  });
  return { method: String(calendar.getFirstPropertyValue('method')), events };
}

beforeAll(async () => {
  logs = captureLogs();
  api = await startTestApi({ logger: createLogger({ service: 'api', level: 'info', destination: logs.stream }) });
  const { fixtures } = api;
  tenantA = await fixtures.tenant({ name: `Alpha ${unique()}` });
  tenantB = await fixtures.tenant({ name: `Bravo ${unique()}` });
  const teamA = await fixtures.team(tenantA.id);
  const teamB = await fixtures.team(tenantB.id);
  facilitator = await fixtures.facilitator();
  programmeA = await fixtures.programme(tenantA.id, teamA.id, { title: `Alpha programme ${unique()}` });
  programmeA2 = await fixtures.programme(tenantA.id, teamA.id, { title: `Alpha other ${unique()}` });
  programmeB = await fixtures.programme(tenantB.id, teamB.id, { title: `Bravo programme ${unique()}` });
  await fixtures.programmeFacilitator(tenantA.id, programmeA.id, facilitator.id);
  await fixtures.programmeFacilitator(tenantB.id, programmeB.id, facilitator.id);
  await fixtures.asTenant(tenantA.id, `UPDATE programme SET video_link = 'https://meet.example.org/alpha' WHERE id = $1`, [programmeA.id]);
  sessionsA = await sessionsOf(programmeA, 10);
  await sessionsOf(programmeA2, 12);
  sessionsB = await sessionsOf(programmeB, 14);
  // The second session was moved twice and then cancelled: its calendars must show it cancelled.
  await fixtures.asTenant(tenantA.id, `UPDATE group_session SET status = 'CANCELLED', calendar_sequence = 3 WHERE id = $1`, [sessionsA[1]]);

  participant = await fixtures.participant(tenantA.id);
  classmate = await fixtures.participant(tenantA.id);
  for (const person of [participant, classmate]) await fixtures.enrolment(tenantA.id, programmeA.id, person.id);
  facilitatorClient = await signedIn(facilitator);
  participantClient = await signedIn(participant);
});

afterAll(async () => {
  await api?.close();
});

describe('a facilitator’s feed', () => {
  it('lists their sessions in every organisation with stable UIDs, SEQUENCE and a cancelled session as cancelled', async () => {
    const url = await subscribe(facilitatorClient);
    expect(url).toMatch(new RegExp(`^${api.config.facilitatorPortalUrl}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));

    const response = await fetchFeed(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(response.headers['cache-control']).toBe('private, no-store');
    const { method, events } = eventsOf(response.body);
    expect(method).toBe('PUBLISH');
    expect(events.map((event) => event.uid)).toEqual([sessionsA[0], sessionsB[0], sessionsA[1], sessionsB[1]].map((id) => `${id}@lena`));
    expect(events[0]).toEqual({
      uid: `${sessionsA[0]}@lena`,
      sequence: 0,
      status: 'CONFIRMED',
      summary: `${programmeA.title}: session 1`,
      start: at(0, 10).toISOString(),
      end: at(0, 11, 30).toISOString(),
      location: 'https://meet.example.org/alpha',
    });
    expect(events[2]).toMatchObject({ uid: `${sessionsA[1]}@lena`, sequence: 3, status: 'CANCELLED' });
    expect(response.body).not.toContain(programmeA2.title);
    // Nobody enrolled is named or addressed.
    for (const secret of [participant.email, participant.displayName, classmate.email, classmate.displayName]) expect(response.body).not.toContain(secret);
    expect(response.body).not.toMatch(/^ATTENDEE/m);
  });

  it('keeps each session’s UID when the feed is fetched again after a change, raising only its SEQUENCE', async () => {
    const url = await subscribe(facilitatorClient);
    const before = eventsOf((await fetchFeed(url)).body).events;
    await api.fixtures.asTenant(
      tenantB.id,
      `UPDATE group_session SET starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour', calendar_sequence = 1 WHERE id = $1`,
      [sessionsB[0]],
    );
    const after = eventsOf((await fetchFeed(url)).body).events;
    expect(after.map((event) => event.uid)).toEqual(before.map((event) => event.uid));
    expect(after.find((event) => event.uid === `${sessionsB[0]}@lena`)).toMatchObject({ sequence: 1, start: at(0, 15).toISOString() });
  });
});

describe('a participant’s feed', () => {
  it('lists only their own programme’s sessions in their organisation, with no other participant in it', async () => {
    const url = await subscribe(participantClient);
    expect(url.startsWith(`${api.config.clientPortalUrl}/calendar/`)).toBe(true);
    const response = await fetchFeed(url);
    expect(eventsOf(response.body).events.map((event) => event.uid)).toEqual(sessionsA.map((id) => `${id}@lena`));
    for (const secret of [classmate.email, classmate.displayName, facilitator.email, facilitator.displayName, programmeA2.title, programmeB.title, tenantB.name]) {
      expect(response.body).not.toContain(secret);
    }
  });

  it('stops listing a programme once they are no longer enrolled', async () => {
    const leaver = await api.fixtures.participant(tenantA.id);
    await api.fixtures.enrolment(tenantA.id, programmeA.id, leaver.id);
    const url = await subscribe(await signedIn(leaver));
    expect(eventsOf((await fetchFeed(url)).body).events).toHaveLength(2);
    await api.fixtures.asTenant(tenantA.id, 'DELETE FROM enrolment WHERE programme_id = $1 AND user_id = $2', [programmeA.id, leaver.id]);
    expect(eventsOf((await fetchFeed(url)).body).events).toEqual([]);
  });
});

describe('revoking and replacing', () => {
  it('the subscription is shown without its address; revoking it makes the address 404 at once', async () => {
    const client = await signedIn(await api.fixtures.facilitator());
    expect(expectData(await client.gql<{ calendarSubscription: null }>(CURRENT)).calendarSubscription).toBeNull();
    const url = await subscribe(client);
    const current = await client.gql<{ calendarSubscription: { createdAt: string } }>(CURRENT);
    expect(expectData(current).calendarSubscription.createdAt).toEqual(expect.any(String));
    expect(current.body).not.toContain(pathOf(url).slice('/calendar/'.length, -'.ics'.length));
    expect((await fetchFeed(url)).statusCode).toBe(200);

    expect(expectData(await client.gql<{ revokeCalendarSubscription: boolean }>(REVOKE)).revokeCalendarSubscription).toBe(true);
    const revoked = await fetchFeed(url);
    expect(revoked).toMatchObject({ statusCode: 404, body: 'Not found' });
    expect(expectData(await client.gql<{ calendarSubscription: null }>(CURRENT)).calendarSubscription).toBeNull();
    expectError(await client.gql(REVOKE), 'NOT_FOUND', 'Your calendar subscription was not found.');
  });

  it('audits making and stopping an address, without the address', async () => {
    const person = await api.fixtures.participant(tenantA.id);
    const client = await signedIn(person);
    const url = await subscribe(client);
    expectData(await client.gql(REVOKE));
    const { rows } = await api.owner.query<{ action: string; actor_user_id: string; tenant_id: string; detail: unknown }>(
      'SELECT action, actor_user_id, tenant_id, detail FROM audit_event WHERE target_id = $1 ORDER BY id',
      [person.id],
    );
    expect(rows.map(({ action, actor_user_id, tenant_id }) => ({ action, actor_user_id, tenant_id }))).toEqual([
      { action: 'CALENDAR_SUBSCRIPTION_CREATED', actor_user_id: person.id, tenant_id: tenantA.id },
      { action: 'CALENDAR_SUBSCRIPTION_REVOKED', actor_user_id: person.id, tenant_id: tenantA.id },
    ]);
    expect(JSON.stringify(rows)).not.toContain(pathOf(url).slice('/calendar/'.length, -'.ics'.length));
  });

  it('a new address replaces the old one, which stops working; only hashes are stored', async () => {
    const client = await signedIn(await api.fixtures.facilitator());
    const first = await subscribe(client);
    const second = await subscribe(client);
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).statusCode).toBe(404);
    expect((await fetchFeed(second)).statusCode).toBe(200);
    const token = pathOf(second).slice('/calendar/'.length, -'.ics'.length);
    expect(await api.fixtures.count('calendar_feed', `encode(token_hash, 'escape') LIKE '%' || $1 || '%'`, [token])).toBe(0);
    expect(await api.fixtures.count('calendar_feed', `token_hash = sha256(convert_to($1, 'UTF8'))`, [token])).toBe(1);
  });

  it('one person’s revocation leaves another’s feed alone', async () => {
    const mine = await subscribe(await signedIn(await api.fixtures.facilitator()));
    const otherClient = await signedIn(await api.fixtures.facilitator());
    await subscribe(otherClient);
    expectData(await otherClient.gql(REVOKE));
    expect((await fetchFeed(mine)).statusCode).toBe(200);
  });
});

describe('addresses that are not live', () => {
  it.each([
    ['an unknown token', `/calendar/${'A'.repeat(43)}.ics`],
    ['a malformed token', '/calendar/not-a-token.ics'],
    ['no .ics', `/calendar/${'B'.repeat(43)}`],
    ['a path trick', '/calendar/..%2F..%2Fhealthz'],
  ])('%s is a bare 404', async (_name, path) => {
    const response = await api.client().get(path);
    expect(response).toMatchObject({ statusCode: 404, body: 'Not found' });
  });

  it('a deactivated person’s feed is a 404, and so is a suspended organisation’s', async () => {
    const leaving = await api.fixtures.facilitator();
    const url = await subscribe(await signedIn(leaving));
    await api.owner.query(`UPDATE user_account SET status = 'DEACTIVATED' WHERE id = $1`, [leaving.id]);
    expect((await fetchFeed(url)).statusCode).toBe(404);

    const tenant = await api.fixtures.tenant();
    const member = await api.fixtures.participant(tenant.id);
    const memberUrl = await subscribe(await signedIn(member));
    expect((await fetchFeed(memberUrl)).statusCode).toBe(200);
    await api.owner.query(`UPDATE tenant SET status = 'SUSPENDED' WHERE id = $1`, [tenant.id]);
    expect((await fetchFeed(memberUrl)).statusCode).toBe(404);
  });

  it('a facilitator who lost the role has no feed across organisations any more', async () => {
    const former = await api.fixtures.facilitator();
    const url = await subscribe(await signedIn(former));
    await api.owner.query(`DELETE FROM platform_role WHERE user_id = $1 AND role = 'FACILITATOR'`, [former.id]);
    expect((await fetchFeed(url)).statusCode).toBe(404);
  });

  it('never writes a feed’s token to the log', async () => {
    const url = await subscribe(facilitatorClient);
    const token = pathOf(url).slice('/calendar/'.length, -'.ics'.length);
    const response = await fetchFeed(url);
    const requestId = String(response.headers['x-request-id']);
    const line = await logs.waitFor((candidate) => candidate.requestId === requestId && candidate.msg === 'request completed');
    expect((line.request as { url: string }).url).toBe('/calendar/[redacted]');
    expect(JSON.stringify(logs.lines())).not.toContain(token);
  });
});

describe('who may subscribe', () => {
  it('a platform admin with no sessions is FORBIDDEN, and nothing is written', async () => {
    const admin = await signedIn(await api.fixtures.platformAdmin());
    const before = await api.fixtures.count('calendar_feed');
    for (const operation of [CREATE, REVOKE, CURRENT]) expectError(await admin.gql(operation), 'FORBIDDEN', 'You do not have permission to do that.');
    expect(await api.fixtures.count('calendar_feed')).toBe(before);
  });

  it('signed out, every operation is UNAUTHENTICATED', async () => {
    for (const operation of [CREATE, REVOKE, CURRENT]) expectError(await api.client().gql(operation), 'UNAUTHENTICATED');
  });
});
