import { expectData, expectError } from './support/expectations';
import { unique, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { acceptProgramme, CANCEL_PROGRAMME, programmeDetails, PROPOSE_PROGRAMME, REQUEST_CHANGES, requestProgramme, signedIn, type ProgrammeView } from './support/programmes';
import { countStatements, type StatementCounter } from './support/statement-counter';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

/**
 * `Programme.history`: each step of a programme's life from the audit log, with when, who (where
 * the reader may see the name) and the reason. Walked through the real lifecycle by the real people.
 */
let api: TestApi;
let counter: StatementCounter;
let tenant: TenantFixture;
let team: TeamFixture;
let orgAdmin: UserFixture;
let orgAdminClient: TestClient;
let platformAdmin: UserFixture;
let platformClient: TestClient;
let lead: UserFixture;
let leadClient: TestClient;
let participant: UserFixture;
let participantClient: TestClient;
/** Requested, proposed over a clash (overridden), sent back, proposed again, accepted, cancelled. */
let programme: ProgrammeView;

interface Entry {
  event: string;
  party: string;
  actorName: string | null;
  reason: string | null;
  occurredAt: string;
}

const HISTORY = 'query($id: ID!) { programme(id: $id) { id history { id event party actorName reason occurredAt } } }';
const OVERRIDE_REASON = 'The lead will rearrange her leave for these dates.';
const CANCEL_REASON = 'The night team has been merged into the day team.';

async function historyAs(client: TestClient, id = programme.id): Promise<Entry[]> {
  return expectData(await client.gql<{ programme: { history: Entry[] } }>(HISTORY, { id })).programme.history;
}

beforeAll(async () => {
  api = await startTestApi();
  counter = countStatements(api);
  tenant = await api.fixtures.tenant({ name: `Harbour Trust ${unique()}` });
  team = await api.fixtures.team(tenant.id);
  orgAdmin = await api.fixtures.orgAdmin(tenant.id);
  orgAdminClient = await signedIn(api, orgAdmin);
  platformAdmin = await api.fixtures.platformAdmin();
  platformClient = await signedIn(api, platformAdmin);
  lead = await api.fixtures.facilitator();
  leadClient = await signedIn(api, lead);
  participant = await api.fixtures.participant(tenant.id);
  await api.fixtures.teamMember(tenant.id, team.id, participant.id);
  participantClient = await signedIn(api, participant);

  // The lead is away for the whole schedule: the first proposal must override the clash.
  await api.owner.query(`INSERT INTO facilitator_time_off (user_id, starts_at, ends_at) VALUES ($1, now(), now() + interval '2 years')`, [lead.id]);
  const requested = await requestProgramme(orgAdminClient, team.id);
  const first = expectData(
    await platformClient.gql<{ proposeProgramme: ProgrammeView }>(PROPOSE_PROGRAMME, {
      input: { programmeId: requested.id, version: requested.version, leadFacilitatorId: lead.id, coFacilitatorIds: [], overrideReason: OVERRIDE_REASON, ...programmeDetails() },
    }),
  ).proposeProgramme;
  const sentBack = expectData(
    await orgAdminClient.gql<{ requestProgrammeChanges: ProgrammeView }>(REQUEST_CHANGES, { input: { programmeId: first.id, version: first.version } }),
  ).requestProgrammeChanges;
  const second = expectData(
    await platformClient.gql<{ proposeProgramme: ProgrammeView }>(PROPOSE_PROGRAMME, {
      input: { programmeId: sentBack.id, version: sentBack.version, leadFacilitatorId: lead.id, coFacilitatorIds: [], overrideReason: OVERRIDE_REASON, ...programmeDetails() },
    }),
  ).proposeProgramme;
  const accepted = await acceptProgramme(orgAdminClient, second);
  await api.fixtures.enrolment(tenant.id, accepted.id, participant.id);
  programme = expectData(
    await orgAdminClient.gql<{ cancelProgramme: ProgrammeView }>(CANCEL_PROGRAMME, { input: { programmeId: accepted.id, version: accepted.version, reason: CANCEL_REASON } }),
  ).cancelProgramme;
});

afterAll(async () => {
  await api?.close();
});

describe('a programme’s history', () => {
  it('shows a platform admin every step, oldest first, with every name and reason', async () => {
    const history = await historyAs(platformClient);
    expect(history.map(({ event, party, actorName, reason }) => ({ event, party, actorName, reason }))).toEqual([
      { event: 'REQUESTED', party: 'ORGANISATION', actorName: orgAdmin.displayName, reason: null },
      { event: 'PROPOSED', party: 'PROVIDER', actorName: platformAdmin.displayName, reason: null },
      { event: 'CONFLICTS_OVERRIDDEN', party: 'PROVIDER', actorName: platformAdmin.displayName, reason: OVERRIDE_REASON },
      { event: 'CHANGES_REQUESTED', party: 'ORGANISATION', actorName: orgAdmin.displayName, reason: null },
      { event: 'PROPOSED', party: 'PROVIDER', actorName: platformAdmin.displayName, reason: null },
      { event: 'CONFLICTS_OVERRIDDEN', party: 'PROVIDER', actorName: platformAdmin.displayName, reason: OVERRIDE_REASON },
      { event: 'ACCEPTED', party: 'ORGANISATION', actorName: orgAdmin.displayName, reason: null },
      { event: 'CANCELLED', party: 'ORGANISATION', actorName: orgAdmin.displayName, reason: CANCEL_REASON },
    ]);
    const times = history.map((entry) => Date.parse(entry.occurredAt));
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });

  it('shows the organisation’s admin their own side’s names, “the provider” for the other, and no overridden conflicts', async () => {
    const history = await historyAs(orgAdminClient);
    expect(history.map(({ event, party, actorName }) => [event, party, actorName])).toEqual([
      ['REQUESTED', 'ORGANISATION', orgAdmin.displayName],
      ['PROPOSED', 'PROVIDER', null],
      ['CHANGES_REQUESTED', 'ORGANISATION', orgAdmin.displayName],
      ['PROPOSED', 'PROVIDER', null],
      ['ACCEPTED', 'ORGANISATION', orgAdmin.displayName],
      ['CANCELLED', 'ORGANISATION', orgAdmin.displayName],
    ]);
    const body = JSON.stringify(history);
    expect(body).not.toContain(platformAdmin.displayName);
    expect(body).not.toContain(OVERRIDE_REASON);
    expect(history.at(-1)?.reason).toBe(CANCEL_REASON);
  });

  it('shows the assigned facilitator the provider’s names and the overrides, but not the organisation’s people', async () => {
    const history = await historyAs(leadClient);
    expect(history.map(({ event, actorName }) => [event, actorName])).toEqual([
      ['REQUESTED', null],
      ['PROPOSED', platformAdmin.displayName],
      ['CONFLICTS_OVERRIDDEN', platformAdmin.displayName],
      ['CHANGES_REQUESTED', null],
      ['PROPOSED', platformAdmin.displayName],
      ['CONFLICTS_OVERRIDDEN', platformAdmin.displayName],
      ['ACCEPTED', null],
      ['CANCELLED', null],
    ]);
    expect(JSON.stringify(history)).not.toContain(orgAdmin.displayName);
  });

  it('is FORBIDDEN to a participant enrolled in the programme, who still reads the programme itself', async () => {
    const result = await participantClient.gql(HISTORY, { id: programme.id });
    const error = expectError(result, 'FORBIDDEN');
    expect(error.path?.map(String)).toEqual(['programme', 'history']);
    for (const secret of [orgAdmin.displayName, platformAdmin.displayName, OVERRIDE_REASON]) expect(result.body).not.toContain(secret);
    expectData(await participantClient.gql('query($id: ID!) { programme(id: $id) { id title } }', { id: programme.id }));
  });

  it('marks the steps the worker took as the system’s, with no name', async () => {
    const running = await requestProgramme(orgAdminClient, team.id);
    // As the worker's sweep records a programme starting by itself (ProgrammeProgressRepository).
    await api.owner.query(
      `INSERT INTO audit_event (action, tenant_id, target_type, target_id, detail) VALUES ('PROGRAMME_ACTIVATED', $1, 'programme', $2, '{"by":"SYSTEM","title":"x"}')`,
      [tenant.id, running.id],
    );
    const history = await historyAs(platformClient, running.id);
    expect(history.map(({ event, party, actorName }) => [event, party, actorName])).toEqual([
      ['REQUESTED', 'ORGANISATION', orgAdmin.displayName],
      ['ACTIVATED', 'SYSTEM', null],
    ]);
  });

  it('reads the histories of a whole list in one statement, each programme only its own', async () => {
    await requestProgramme(orgAdminClient, team.id);
    const before = await api.fixtures.count('audit_event');
    const { statements, result } = await counter.during(async () =>
      expectData(await orgAdminClient.gql<{ programmes: { id: string; status: string; history: Entry[] }[] }>('{ programmes { id status history { event } } }')),
    );
    expect(result.programmes.length).toBeGreaterThanOrEqual(3);
    for (const listed of result.programmes) {
      expect(listed.history[0]?.event).toBe('REQUESTED');
      expect(listed.history.filter((entry) => entry.event === 'REQUESTED')).toHaveLength(1);
      if (listed.id !== programme.id) expect(listed.history.map((entry) => entry.event)).not.toContain('CANCELLED');
    }
    expect(statements.filter((text) => /FROM unnest\(\$2::uuid\[\], \$3::text\[\]\) AS wanted/.test(text))).toHaveLength(1);
    // Reading writes nothing to the log.
    expect(await api.fixtures.count('audit_event')).toBe(before);
  });
});
