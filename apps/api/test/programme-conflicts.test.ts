import { expectData, expectError } from './support/expectations';
import { unique, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { PROGRAMME, PROGRAMME_CONFLICTS, programmeDetails, PROPOSE_PROGRAMME, requestProgramme, sessionsOf, signedIn, type ProgrammeView } from './support/programmes';
import { startTestApi, type TestApi } from './support/test-api';
import type { GraphQLErrorShape, TestClient } from './support/test-client';

interface Conflict {
  sequence: number;
  sessionStartsAt: string;
  sessionEndsAt: string;
  facilitatorId: string;
  facilitatorName: string;
  kind: string;
  message: string;
  clash: { startsAt: string; endsAt: string; sessionId: string | null; tenantName: string | null; programmeTitle: string | null } | null;
}

let api: TestApi;
let tenantA: TenantFixture;
let tenantB: TenantFixture;
let teamA: TeamFixture;
let adminClient: TestClient;
let platformClient: TestClient;
/** Works Tuesdays 09:00–17:00 London time; away on the second session; runs sessions in both organisations. */
let lead: UserFixture;
/** Works Mondays only: every Tuesday session is outside their hours. */
let coFacilitator: UserFixture;
const bravoTitle = `Bravo secret circle ${unique()}`;
const alphaOtherTitle = `Alpha day team ${unique()}`;
const details = programmeDetails({ numberOfSessions: 4 });
const sessions = sessionsOf(details);
const at = (index: number) => sessions[index]!;
const plusMinutes = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000);

beforeAll(async () => {
  api = await startTestApi();
  const { fixtures } = api;
  tenantA = await fixtures.tenant({ name: `Alpha Care ${unique()}` });
  tenantB = await fixtures.tenant({ name: `Bravo Health ${unique()}` });
  teamA = await fixtures.team(tenantA.id);
  adminClient = await signedIn(api, await fixtures.orgAdmin(tenantA.id));
  platformClient = await signedIn(api, await fixtures.platformAdmin());
  lead = await fixtures.facilitator();
  coFacilitator = await fixtures.facilitator();

  const leadClient = await signedIn(api, lead);
  expectData(
    await leadClient.gql('mutation($input: WorkingHoursInput!) { setMyWorkingHours(input: $input) { timeZone } }', {
      input: { timeZone: 'Europe/London', spans: [{ isoWeekday: 2, startsLocal: '09:00', endsLocal: '17:00' }] },
    }),
  );
  // Away for the whole day of the second session.
  expectData(
    await leadClient.gql('mutation($input: TimeOffInput!) { addMyTimeOff(input: $input) { timeZone } }', {
      input: { startsAt: plusMinutes(at(1).startsAt, -120).toISOString(), endsAt: plusMinutes(at(1).endsAt, 120).toISOString(), note: 'Dentist' },
    }),
  );
  const coClient = await signedIn(api, coFacilitator);
  expectData(
    await coClient.gql('mutation($input: WorkingHoursInput!) { setMyWorkingHours(input: $input) { timeZone } }', {
      input: { timeZone: 'Europe/London', spans: [{ isoWeekday: 1, startsLocal: '09:00', endsLocal: '17:00' }] },
    }),
  );

  // The lead already runs a session in another organisation, half an hour into the first session…
  const teamB = await fixtures.team(tenantB.id);
  const bravo = await fixtures.programme(tenantB.id, teamB.id, { title: bravoTitle });
  await fixtures.asTenant(tenantB.id, `UPDATE programme SET status = 'ACTIVE' WHERE tenant_id = $1 AND id = $2`, [tenantB.id, bravo.id]);
  await fixtures.programmeFacilitator(tenantB.id, bravo.id, lead.id);
  await fixtures.groupSession(tenantB.id, bravo.id, 1, plusMinutes(at(0).startsAt, 30));
  // …and one in this organisation at the time of the third.
  const teamA2 = await fixtures.team(tenantA.id);
  const alphaOther = await fixtures.programme(tenantA.id, teamA2.id, { title: alphaOtherTitle });
  await fixtures.asTenant(tenantA.id, `UPDATE programme SET status = 'ACCEPTED' WHERE tenant_id = $1 AND id = $2`, [tenantA.id, alphaOther.id]);
  await fixtures.programmeFacilitator(tenantA.id, alphaOther.id, lead.id);
  await fixtures.groupSession(tenantA.id, alphaOther.id, 1, new Date(at(2).startsAt));
  // A cancelled session at the time of the fourth is no clash.
  const cancelled = await fixtures.groupSession(tenantA.id, alphaOther.id, 2, new Date(at(3).startsAt));
  await fixtures.asTenant(tenantA.id, `UPDATE group_session SET status = 'CANCELLED' WHERE tenant_id = $1 AND id = $2`, [tenantA.id, cancelled.id]);
});

afterAll(async () => {
  await api?.close();
});

const proposalFor = (programme: ProgrammeView, overrides: Record<string, unknown> = {}) => ({
  programmeId: programme.id,
  leadFacilitatorId: lead.id,
  coFacilitatorIds: [coFacilitator.id],
  ...details,
  ...overrides,
});

function checkConflicts(conflicts: Conflict[]): void {
  const summary = conflicts.map((conflict) => [conflict.sequence, conflict.facilitatorId === lead.id ? 'lead' : 'co', conflict.kind]);
  expect(summary).toEqual([
    [1, 'lead', 'DOUBLE_BOOKING'],
    [1, 'co', 'OUTSIDE_WORKING_HOURS'],
    [2, 'lead', 'TIME_OFF'],
    [2, 'co', 'OUTSIDE_WORKING_HOURS'],
    [3, 'lead', 'DOUBLE_BOOKING'],
    [3, 'co', 'OUTSIDE_WORKING_HOURS'],
    [4, 'co', 'OUTSIDE_WORKING_HOURS'],
  ]);
  const [otherOrganisation, , timeOff, , sameOrganisation] = conflicts;
  // Another organisation's session: its times, never its organisation or programme.
  expect(otherOrganisation).toMatchObject({
    sessionStartsAt: at(0).startsAt,
    facilitatorName: lead.displayName,
    clash: {
      startsAt: plusMinutes(at(0).startsAt, 30).toISOString(),
      endsAt: plusMinutes(at(0).startsAt, 120).toISOString(),
      sessionId: null,
      tenantName: null,
      programmeTitle: null,
    },
  });
  expect(otherOrganisation!.message).toMatch(new RegExp(`^${lead.displayName} already has another session `));
  // This organisation's own session is named.
  expect(sameOrganisation).toMatchObject({ clash: { tenantName: tenantA.name, programmeTitle: alphaOtherTitle } });
  expect(sameOrganisation!.message).toContain(alphaOtherTitle);
  expect(timeOff!.message).toMatch(new RegExp(`^${lead.displayName} is away `));
  expect(conflicts[1]!.message).toContain(`${coFacilitator.displayName} does not work on Tuesdays`);
}

describe('checking a proposal against the facilitators’ availability', () => {
  it('programmeConflicts names every clash of every kind, exactly, and another organisation’s session by its times alone', async () => {
    const programme = await requestProgramme(adminClient, teamA.id);
    const result = await platformClient.gql<{ programmeConflicts: Conflict[] }>(PROGRAMME_CONFLICTS, { input: proposalFor(programme) });
    checkConflicts(expectData(result).programmeConflicts);
    expect(result.body).not.toContain(tenantB.name);
    expect(result.body).not.toContain(bravoTitle);
    // A live check writes nothing.
    expect(await api.fixtures.count('programme_facilitator', 'programme_id = $1', [programme.id])).toBe(0);
  });

  it('finds no conflicts when the schedule fits', async () => {
    const programme = await requestProgramme(adminClient, teamA.id);
    const fits = programmeDetails({ numberOfSessions: 2, startTimes: ['14:00'], startDate: sessions[3]!.startsAt.slice(0, 10) });
    const result = await platformClient.gql<{ programmeConflicts: Conflict[] }>(PROGRAMME_CONFLICTS, { input: proposalFor(programme, { ...fits, coFacilitatorIds: [] }) });
    expect(expectData(result).programmeConflicts).toEqual([]);
  });

  it('proposing with conflicts is CONFLICT with the conflicts in the error, and writes nothing', async () => {
    const programme = await requestProgramme(adminClient, teamA.id);
    const before = JSON.stringify([(await api.owner.query('SELECT * FROM programme WHERE id = $1', [programme.id])).rows, await api.fixtures.count('audit_event')]);
    const result = await platformClient.gql(PROPOSE_PROGRAMME, { input: { ...proposalFor(programme), version: programme.version } });
    const error = expectError(result, 'CONFLICT', /^7 sessions clash with the facilitators’ availability\. Change the schedule or the facilitators, or give a reason/);
    checkConflicts((error.extensions as GraphQLErrorShape['extensions'] & { conflicts: Conflict[] }).conflicts);
    expect(result.body).not.toContain(tenantB.name);
    expect(result.body).not.toContain(bravoTitle);
    expect(JSON.stringify([(await api.owner.query('SELECT * FROM programme WHERE id = $1', [programme.id])).rows, await api.fixtures.count('audit_event')])).toBe(before);
    expect(await api.fixtures.count('programme_facilitator', 'programme_id = $1', [programme.id])).toBe(0);
  });

  it('a platform admin may override with a reason: the proposal stands and the override is audited, without the other organisation’s names', async () => {
    const programme = await requestProgramme(adminClient, teamA.id);
    const proposed = expectData(
      await platformClient.gql<{ proposeProgramme: ProgrammeView }>(PROPOSE_PROGRAMME, {
        input: { ...proposalFor(programme), version: programme.version, overrideReason: 'The lead will hand the first session to a colleague.' },
      }),
    ).proposeProgramme;
    expect(proposed.status).toBe('PROPOSED');
    const { rows } = await api.owner.query<{ action: string; tenant_id: string; detail: { reason: string; conflicts: { kind: string; sequence: number }[] } }>(
      `SELECT action, tenant_id, detail FROM audit_event WHERE target_id = $1 AND action = 'PROGRAMME_CONFLICTS_OVERRIDDEN'`,
      [programme.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenant_id: tenantA.id, detail: { reason: 'The lead will hand the first session to a colleague.' } });
    expect(rows[0]!.detail.conflicts.map((conflict) => [conflict.sequence, conflict.kind])).toEqual([
      [1, 'DOUBLE_BOOKING'],
      [1, 'OUTSIDE_WORKING_HOURS'],
      [2, 'TIME_OFF'],
      [2, 'OUTSIDE_WORKING_HOURS'],
      [3, 'DOUBLE_BOOKING'],
      [3, 'OUTSIDE_WORKING_HOURS'],
      [4, 'OUTSIDE_WORKING_HOURS'],
    ]);
    expect(JSON.stringify(rows)).not.toContain(tenantB.name);
    expect(JSON.stringify(rows)).not.toContain(bravoTitle);
  });

  it('an organisation admin cannot ask for conflicts, and the proposal they read carries none of them', async () => {
    const programme = await requestProgramme(adminClient, teamA.id);
    const refused = await adminClient.gql(PROGRAMME_CONFLICTS, { input: proposalFor(programme) });
    expectError(refused, 'FORBIDDEN', 'You do not have permission to do that.');
    expect(refused.body).not.toContain(bravoTitle);
    expectData(await platformClient.gql(PROPOSE_PROGRAMME, { input: { ...proposalFor(programme), version: programme.version, overrideReason: 'Agreed with the lead by phone.' } }));
    const read = await adminClient.gql<{ programme: ProgrammeView }>(PROGRAMME, { id: programme.id });
    expect(expectData(read).programme.status).toBe('PROPOSED');
    for (const secret of [tenantB.name, bravoTitle, 'Dentist']) expect(read.body).not.toContain(secret);
  });

  it('counts another organisation’s proposal that has no sessions yet, by its times alone: one facilitator is never proposed twice for one slot', async () => {
    const shared = await api.fixtures.facilitator();
    const teamB = await api.fixtures.team(tenantB.id);
    const bravoProposal = await api.fixtures.programme(tenantB.id, teamB.id, { title: `Bravo proposal ${unique()}` });
    // Proposed for the same Tuesdays at 10:30 London time, two sessions; nothing expanded yet.
    await api.fixtures.asTenant(
      tenantB.id,
      `UPDATE programme SET status = 'PROPOSED', rrule = 'FREQ=WEEKLY;COUNT=2', start_local = $3::timestamp, start_slots = '{}', session_minutes = 60, time_zone = 'Europe/London'
        WHERE tenant_id = $1 AND id = $2`,
      [tenantB.id, bravoProposal.id, `${details.startDate as string}T10:30:00`],
    );
    await api.fixtures.programmeFacilitator(tenantB.id, bravoProposal.id, shared.id);

    const programme = await requestProgramme(adminClient, teamA.id);
    const result = await platformClient.gql<{ programmeConflicts: Conflict[] }>(PROGRAMME_CONFLICTS, {
      input: proposalFor(programme, { leadFacilitatorId: shared.id, coFacilitatorIds: [] }),
    });
    const conflicts = expectData(result).programmeConflicts;
    expect(conflicts.map((conflict) => [conflict.sequence, conflict.kind, conflict.clash])).toEqual([
      [
        1,
        'DOUBLE_BOOKING',
        { startsAt: plusMinutes(at(0).startsAt, 30).toISOString(), endsAt: plusMinutes(at(0).startsAt, 90).toISOString(), sessionId: null, tenantName: null, programmeTitle: null },
      ],
      [
        2,
        'DOUBLE_BOOKING',
        { startsAt: plusMinutes(at(1).startsAt, 30).toISOString(), endsAt: plusMinutes(at(1).startsAt, 90).toISOString(), sessionId: null, tenantName: null, programmeTitle: null },
      ],
    ]);
    expect(result.body).not.toContain(tenantB.name);
    expect(result.body).not.toContain('Bravo proposal');
  });

  it('refuses a bad override reason as BAD_USER_INPUT, writing nothing', async () => {
    const programme = await requestProgramme(adminClient, teamA.id);
    const result = await platformClient.gql(PROPOSE_PROGRAMME, { input: { ...proposalFor(programme), version: programme.version, overrideReason: 'ok' } });
    expectError(result, 'BAD_USER_INPUT');
    expect(await api.fixtures.count('programme', `id = $1 AND status = 'REQUESTED' AND version = 1`, [programme.id])).toBe(1);
  });
});
