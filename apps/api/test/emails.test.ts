import { oneRow } from '@lena/database';
import { expectData } from './support/expectations';
import { unique, type TenantFixture, type UserFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

// The emails the API queues, read back through the outbox: the organisation's locale and time
// zone, and the names people typed, must reach what the worker will send.
const INVITE_PARTICIPANT = 'mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id expiresAt } }';
const INVITE_FACILITATOR = 'mutation($input: InviteFacilitatorInput!) { inviteFacilitator(input: $input) { id expiresAt } }';
const INVITE_ORG_ADMIN = 'mutation($input: InviteOrgAdminInput!) { inviteOrgAdmin(input: $input) { id expiresAt } }';
const REQUEST_RESET = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
const AUCKLAND = 'Pacific/Auckland';

let api: TestApi;
let welshTenant: TenantFixture;
let platformAdmin: UserFixture;
let adminClient: TestClient;

beforeAll(async () => {
  api = await startTestApi();
  welshTenant = await api.fixtures.tenant({ name: `Gwasanaeth Arfordirol ${unique()}`, timeZone: AUCKLAND, locale: 'cy-GB' });
  platformAdmin = await api.fixtures.platformAdmin();
  adminClient = await signedIn(platformAdmin);
});

afterAll(async () => {
  await api?.close();
});

async function signedIn(user: UserFixture): Promise<TestClient> {
  const client = api.client();
  expectData(await client.login(user.email, user.password));
  return client;
}

const plain = (text: string) => text.replace(/\s+/g, ' ');

/** A moment's day, year and 24-hour time on the clocks of `timeZone`, worked out on its own. */
function wallClock(moment: Date, timeZone: string): { day: string; year: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(moment);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return { day: part('day'), year: part('year'), time: `${part('hour')}:${part('minute')}` };
}

describe('invitation emails', () => {
  it('invite a participant into a team in the organisation’s language, greeting them by name and giving the expiry on its clocks', async () => {
    const coordinator = await api.fixtures.orgAdmin(welshTenant.id);
    const team = await api.fixtures.team(welshTenant.id, 'Tîm y Nos');
    const client = await signedIn(coordinator);
    const email = `sian-${unique()}@example.org`;

    const invited = expectData(
      await client.gql<{ inviteParticipant: { expiresAt: string } }>(INVITE_PARTICIPANT, { input: { email, displayName: 'Siân Roberts', teamId: team.id } }),
    ).inviteParticipant;
    const message = await api.fixtures.queuedEmailTo(email);
    const text = plain(message.text);

    expect(message.subject).toBe(`Eich gwahoddiad i ymuno â’r sefydliad ${welshTenant.name} ar Lena`);
    expect(text.startsWith('Helo Siân Roberts,')).toBe(true);
    expect(text).toContain(`Mae ${coordinator.displayName} wedi eich gwahodd i ymuno â’r sefydliad ${welshTenant.name} ar Lena fel cyfranogwr.`);
    expect(text).toContain('Byddwch chi’n rhan o’r tîm “Tîm y Nos”.');

    const expiresAt = new Date(invited.expiresAt);
    const auckland = wallClock(expiresAt, AUCKLAND);
    const welshMonth = new Intl.DateTimeFormat('cy-GB', { timeZone: AUCKLAND, month: 'long' }).format(expiresAt);
    expect(text).toMatch(new RegExp(`ar yr adeg hon: Dydd \\S+, ${auckland.day} ${welshMonth} ${auckland.year} am ${auckland.time} Amser (Haf|Safonol) Seland Newydd\\.`));
    expect(text).not.toContain(`am ${wallClock(expiresAt, 'Europe/London').time}`);
    expect(text).not.toMatch(/UK time|Hello/);

    const token = await api.fixtures.emailedToken(email);
    expect(message.html).toContain(`href="${api.config.clientPortalUrl}/invitations/accept?token=${token}"`);
    expect(message.html).toContain('lang="cy-GB"');
  });

  it('escape a name typed with HTML in it, and greet neutrally when no name was typed', async () => {
    const coordinator = await api.fixtures.orgAdmin(welshTenant.id);
    const client = await signedIn(coordinator);
    const withMarkup = `markup-${unique()}@example.org`;
    const withoutName = `nameless-${unique()}@example.org`;

    expectData(await client.gql(INVITE_PARTICIPANT, { input: { email: withMarkup, displayName: '<img src=x onerror=alert(1)>' } }));
    expectData(await client.gql(INVITE_PARTICIPANT, { input: { email: withoutName } }));

    const marked = await api.fixtures.queuedEmailTo(withMarkup);
    expect(marked.html).not.toContain('<img src=x');
    expect(marked.html).toContain('Helo &lt;img src=x onerror=alert(1)&gt;,');
    const nameless = await api.fixtures.queuedEmailTo(withoutName);
    expect(plain(nameless.text).startsWith('Helo, ')).toBe(true);
    expect(nameless.text).not.toContain('tîm');
  });

  it('invite an organisation administrator in the organisation’s language, naming the platform admin who sent it', async () => {
    const email = `coordinator-${unique()}@example.org`;
    expectData(await adminClient.gql(INVITE_ORG_ADMIN, { input: { tenantId: welshTenant.id, email, displayName: 'Rhys Jones' } }));

    const text = plain((await api.fixtures.queuedEmailTo(email)).text);
    expect(text.startsWith('Helo Rhys Jones,')).toBe(true);
    expect(text).toContain(`Mae ${platformAdmin.displayName} wedi eich gwahodd i ymuno â’r sefydliad ${welshTenant.name} ar Lena fel gweinyddwr sefydliad.`);
    expect(text).toMatch(/Seland Newydd\./);
  });

  it('invite a facilitator, who joins no organisation, in the provider’s English and London time', async () => {
    const email = `facilitator-${unique()}@example.org`;
    const invited = expectData(
      await adminClient.gql<{ inviteFacilitator: { expiresAt: string } }>(INVITE_FACILITATOR, { input: { email, displayName: 'Amira Khan' } }),
    ).inviteFacilitator;

    const message = await api.fixtures.queuedEmailTo(email);
    const text = plain(message.text);
    expect(message.subject).toBe('Your invitation to join Lena as a facilitator');
    expect(text.startsWith('Hello Amira Khan,')).toBe(true);
    expect(text).toContain(`${platformAdmin.displayName} has invited you to join Lena as a facilitator.`);
    const london = wallClock(new Date(invited.expiresAt), 'Europe/London');
    expect(text).toMatch(new RegExp(`until \\w+, ${london.day} \\w+ ${london.year} at ${london.time} (Greenwich Mean Time|British Summer Time)\\.`));
    expect(message.html).toContain(`href="${api.config.facilitatorPortalUrl}/invitations/accept?token=`);
  });
});

describe('password-reset emails', () => {
  it('greet a member by name in their organisation’s language, with the expiry on its clocks', async () => {
    const participant = await api.fixtures.participant(welshTenant.id);
    const requestedAt = Date.now();

    expectData(await api.client().gql(REQUEST_RESET, { email: participant.email }));
    await api.settled();

    const message = await api.fixtures.queuedEmailTo(participant.email);
    const text = plain(message.text);
    expect(message.subject).toBe('Ailosod eich cyfrinair Lena');
    expect(text.startsWith(`Helo ${participant.displayName},`)).toBe(true);
    const { rows } = await api.owner.query<{ expiresAt: Date }>('SELECT expires_at AS "expiresAt" FROM password_reset WHERE user_id = $1', [participant.id]);
    const { expiresAt } = oneRow(rows, 'password_reset');
    expect(expiresAt.getTime()).toBeGreaterThan(requestedAt);
    const auckland = wallClock(expiresAt, AUCKLAND);
    expect(text).toMatch(new RegExp(`${auckland.day} \\S+ ${auckland.year} am ${auckland.time} Amser (Haf|Safonol) Seland Newydd\\.`));
  });

  it('greet staff by name in the provider’s English and London time', async () => {
    const facilitator = await api.fixtures.facilitator();

    expectData(await api.client().gql(REQUEST_RESET, { email: facilitator.email }));
    await api.settled();

    const message = await api.fixtures.queuedEmailTo(facilitator.email);
    const text = plain(message.text);
    expect(message.subject).toBe('Reset your Lena password');
    expect(text.startsWith(`Hello ${facilitator.displayName},`)).toBe(true);
    expect(text).toMatch(/until \w+, \d+ \w+ \d{4} at \d\d:\d\d (Greenwich Mean Time|British Summer Time)\./);
  });
});
