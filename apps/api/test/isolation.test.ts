import { randomUUID } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { NEEDS_ASSESSMENT_VERSION } from '@lena/domain';
import { expectData, expectError } from './support/expectations';
import { unique, type InvitationFixture, type ProgrammeFixture, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { programmeDetails } from './support/programmes';
import { startTestApi, type TestApi } from './support/test-api';
import type { GqlResult, TestClient } from './support/test-client';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Each world's session: 09:00 UTC eight weeks from today, not on a fixed date, so it is still to
 * come (a begun session cannot be moved or cancelled) and after the enrolments made as the tests run
 * (a participant's agenda leaves out sessions that began before they joined).
 */
const SESSION_AT = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 56, 9));
/** The day after the session, at 10:00 in the programme's zone: where moving it takes it. */
const MOVED_TO = `${new Date(SESSION_AT.getTime() + DAY_MS).toISOString().slice(0, 10)}T10:00`;
/** myGroupSessions' arguments: four weeks either side of the session. */
const AROUND_THE_SESSION = `from: "${new Date(SESSION_AT.getTime() - 28 * DAY_MS).toISOString()}", to: "${new Date(SESSION_AT.getTime() + 28 * DAY_MS).toISOString()}"`;

/** One organisation with everything a tenant can own. */
interface World {
  tenant: TenantFixture;
  admin: UserFixture;
  participant: UserFixture;
  member: UserFixture;
  team: TeamFixture;
  otherTeam: TeamFixture;
  /** Archived, with a member: what restoreTeam and deleteTeam act on. */
  archivedTeam: TeamFixture;
  invitation: InvitationFixture;
  /** Requested for `team`, with `participant` enrolled and `facilitator` assigned. */
  programme: ProgrammeFixture;
  /** The programme's one session, at SESSION_AT. */
  session: { id: string };
  adminClient: TestClient;
  participantClient: TestClient;
}

let api: TestApi;
let a: World;
let b: World;
let platformAdminClient: TestClient;
let facilitatorClient: TestClient;
/** Assigned to A's programme only. */
let assignedFacilitator: UserFixture;
let assignedFacilitatorClient: TestClient;
/** Whom the platform admins' proposals name. */
let proposedFacilitator: UserFixture;

async function signedIn(user: UserFixture): Promise<TestClient> {
  const client = api.client();
  expectData(await client.login(user.email, user.password));
  return client;
}

async function buildWorld(label: string): Promise<World> {
  const { fixtures } = api;
  const tenant = await fixtures.tenant({ name: `Tenant ${label} ${unique()}` });
  const admin = await fixtures.orgAdmin(tenant.id);
  const participant = await fixtures.participant(tenant.id);
  const member = await fixtures.participant(tenant.id);
  const team = await fixtures.team(tenant.id, `Team ${label} one ${unique()}`);
  const otherTeam = await fixtures.team(tenant.id, `Team ${label} two ${unique()}`);
  await fixtures.teamMember(tenant.id, team.id, participant.id);
  await fixtures.teamMember(tenant.id, team.id, member.id);
  await fixtures.teamMember(tenant.id, otherTeam.id, member.id);
  const archivedTeam = await fixtures.team(tenant.id, `Team ${label} archived ${unique()}`);
  await fixtures.teamMember(tenant.id, archivedTeam.id, member.id);
  await fixtures.asTenant(tenant.id, 'UPDATE team SET archived_at = now() WHERE tenant_id = $1 AND id = $2', [tenant.id, archivedTeam.id]);
  const invitation = await fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT', teamId: team.id });
  // A programme with a session: the participant is enrolled (what the programme queries guard),
  // and so is the admin (what myGroupSessions lists for someone enrolled).
  const programme = await fixtures.programme(tenant.id, team.id, { title: `Programme ${label} ${unique()}` });
  const session = await fixtures.groupSession(tenant.id, programme.id, 1, SESSION_AT);
  await fixtures.enrolment(tenant.id, programme.id, participant.id);
  await fixtures.enrolment(tenant.id, programme.id, admin.id);
  // The session's feedback: a request, the participant's unspent link and the admin's spent one
  // with its response, and the session's rollup.
  const request = await fixtures.feedbackRequest(tenant.id, session.id);
  await fixtures.feedbackLink(tenant.id, request.id, participant.id);
  const spent = await fixtures.feedbackLink(tenant.id, request.id, admin.id);
  await fixtures.asTenant(tenant.id, 'DELETE FROM feedback_link_unspent WHERE tenant_id = $1 AND link_id = $2', [tenant.id, spent.id]);
  await fixtures.asTenant(tenant.id, `INSERT INTO feedback_response (tenant_id, request_id, answers) VALUES ($1, $2, '{"held_well": 5}')`, [tenant.id, request.id]);
  await fixtures.asTenant(tenant.id, 'INSERT INTO feedback_rollup (tenant_id, session_id) VALUES ($1, $2)', [tenant.id, session.id]);
  await fixtures.asTenant(
    tenant.id,
    `INSERT INTO feedback_result_snapshot (tenant_id, session_id, request_id, responses, tallies, published_on) VALUES ($1, $2, $3, 5, '{"held_well": [0, 0, 0, 0, 5]}', current_date)`,
    [tenant.id, session.id, request.id],
  );
  // Outcomes: an instrument of its own, a confirmed licence, the programme's plan and a measurement.
  await fixtures.outcomeRows(tenant.id, programme.id, admin.id);
  return {
    tenant,
    admin,
    participant,
    member,
    team,
    otherTeam,
    archivedTeam,
    invitation,
    programme,
    session,
    adminClient: await signedIn(admin),
    participantClient: await signedIn(participant),
  };
}

/** Every row tenant B owns, as the owner sees it. */
async function snapshotOf(world: World): Promise<string> {
  const read = async (sql: string) => (await api.owner.query(sql, [world.tenant.id])).rows;
  return JSON.stringify({
    tenant: await read('SELECT * FROM tenant WHERE id = $1'),
    memberships: await read('SELECT * FROM tenant_membership WHERE tenant_id = $1 ORDER BY user_id'),
    teams: await read('SELECT * FROM team WHERE tenant_id = $1 ORDER BY id'),
    teamMembers: await read('SELECT * FROM team_member WHERE tenant_id = $1 ORDER BY team_id, user_id'),
    invitations: await read('SELECT id, email, role, team_id, accepted_at, revoked_at, expires_at FROM invitation WHERE tenant_id = $1 ORDER BY id'),
    sessions: await read('SELECT id, revoked_at FROM auth_session WHERE tenant_id = $1 ORDER BY id'),
    needsAssessments: await read('SELECT * FROM needs_assessment WHERE tenant_id = $1 ORDER BY id'),
    programmes: await read('SELECT * FROM programme WHERE tenant_id = $1 ORDER BY id'),
    programmeFacilitators: await read('SELECT * FROM programme_facilitator WHERE tenant_id = $1 ORDER BY programme_id, user_id'),
    enrolments: await read('SELECT * FROM enrolment WHERE tenant_id = $1 ORDER BY programme_id, user_id'),
    groupSessions: await read('SELECT * FROM group_session WHERE tenant_id = $1 ORDER BY id'),
    sessionReminders: await read('SELECT * FROM session_reminder WHERE tenant_id = $1 ORDER BY session_id, offset_minutes'),
    feedbackRequests: await read('SELECT * FROM feedback_request WHERE tenant_id = $1 ORDER BY id'),
    feedbackLinks: await read('SELECT id, request_id, user_id, reminded_at FROM feedback_link WHERE tenant_id = $1 ORDER BY id'),
    feedbackUnspent: await read('SELECT * FROM feedback_link_unspent WHERE tenant_id = $1 ORDER BY link_id'),
    feedbackResponses: await read('SELECT * FROM feedback_response WHERE tenant_id = $1 ORDER BY id'),
    feedbackRollups: await read('SELECT * FROM feedback_rollup WHERE tenant_id = $1 ORDER BY session_id'),
    feedbackSnapshots: await read('SELECT * FROM feedback_result_snapshot WHERE tenant_id = $1 ORDER BY session_id'),
    attendance: await read('SELECT * FROM attendance WHERE tenant_id = $1 ORDER BY session_id, user_id'),
    sessionNotes: await read('SELECT * FROM session_note WHERE tenant_id = $1 ORDER BY session_id'),
    actionItems: await read('SELECT * FROM session_action_item WHERE tenant_id = $1 ORDER BY id'),
    ownInstruments: await read('SELECT * FROM tenant_outcome_instrument WHERE tenant_id = $1 ORDER BY id'),
    licenceConfirmations: await read('SELECT * FROM tenant_instrument_licence WHERE tenant_id = $1 ORDER BY instrument_key'),
    outcomePlans: await read('SELECT * FROM programme_outcome_plan WHERE tenant_id = $1 ORDER BY programme_id'),
    outcomePlanInstruments: await read('SELECT * FROM programme_outcome_instrument WHERE tenant_id = $1 ORDER BY programme_id, instrument_key'),
    outcomeMeasurements: await read('SELECT * FROM outcome_measurement WHERE tenant_id = $1 ORDER BY id'),
    outcomeRollups: await read('SELECT * FROM outcome_rollup WHERE tenant_id = $1 ORDER BY programme_id'),
    outcomeReports: await read('SELECT id, status, progress FROM outcome_report WHERE tenant_id = $1 ORDER BY id'),
  });
}

beforeAll(async () => {
  api = await startTestApi();
  a = await buildWorld('A');
  b = await buildWorld('B');
  platformAdminClient = await signedIn(await api.fixtures.platformAdmin());
  facilitatorClient = await signedIn(await api.fixtures.facilitator());
  assignedFacilitator = await api.fixtures.facilitator();
  await api.fixtures.programmeFacilitator(a.tenant.id, a.programme.id, assignedFacilitator.id);
  assignedFacilitatorClient = await signedIn(assignedFacilitator);
  proposedFacilitator = await api.fixtures.facilitator();
});

afterAll(async () => {
  await api?.close();
});

/** Each operation that takes an id, with B's ids and with ids that exist nowhere. */
interface IdCase {
  name: string;
  query: string;
  variables: (ids: {
    tenantId: string;
    teamId: string;
    archivedTeamId: string;
    userId: string;
    invitationId: string;
    programmeId: string;
    ownTeamId: string;
    ownProgrammeId: string;
  }) => Record<string, unknown>;
}

const ID_CASES: IdCase[] = [
  { name: 'tenant(id)', query: 'query($id: ID!) { tenant(id: $id) { id name } }', variables: (ids) => ({ id: ids.tenantId }) },
  { name: 'team(id)', query: 'query($id: ID!) { team(id: $id) { id name members { userId email } } }', variables: (ids) => ({ id: ids.teamId }) },
  {
    name: 'renameTeam',
    query: 'mutation($input: RenameTeamInput!) { renameTeam(input: $input) { id name } }',
    variables: (ids) => ({ input: { id: ids.teamId, name: 'Taken over' } }),
  },
  { name: 'archiveTeam', query: 'mutation($id: ID!) { archiveTeam(id: $id) { id archivedAt } }', variables: (ids) => ({ id: ids.teamId }) },
  { name: 'restoreTeam (B’s archived team)', query: 'mutation($id: ID!) { restoreTeam(id: $id) { id archivedAt } }', variables: (ids) => ({ id: ids.archivedTeamId }) },
  { name: 'deleteTeam (B’s archived team)', query: 'mutation($id: ID!) { deleteTeam(id: $id) }', variables: (ids) => ({ id: ids.archivedTeamId }) },
  {
    name: 'addTeamMember (B’s team)',
    query: 'mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { id memberCount } }',
    variables: (ids) => ({ input: { teamId: ids.teamId, userId: a.participant.id } }),
  },
  {
    name: 'addTeamMember (A’s team, B’s person)',
    query: 'mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { id memberCount } }',
    variables: (ids) => ({ input: { teamId: ids.ownTeamId, userId: ids.userId } }),
  },
  {
    name: 'removeTeamMember (B’s team)',
    query: 'mutation($input: TeamMemberInput!) { removeTeamMember(input: $input) { id memberCount } }',
    variables: (ids) => ({ input: { teamId: ids.teamId, userId: ids.userId } }),
  },
  {
    name: 'removeTeamMember (A’s team, B’s person)',
    query: 'mutation($input: TeamMemberInput!) { removeTeamMember(input: $input) { id memberCount } }',
    variables: (ids) => ({ input: { teamId: ids.ownTeamId, userId: ids.userId } }),
  },
  {
    name: 'changeMemberRole',
    query: 'mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { userId role } }',
    variables: (ids) => ({ input: { userId: ids.userId, role: 'ORG_ADMIN' } }),
  },
  { name: 'removeMember', query: 'mutation($userId: ID!) { removeMember(userId: $userId) }', variables: (ids) => ({ userId: ids.userId }) },
  { name: 'revokeInvitation', query: 'mutation($id: ID!) { revokeInvitation(id: $id) { id status } }', variables: (ids) => ({ id: ids.invitationId }) },
  { name: 'resendInvitation', query: 'mutation($id: ID!) { resendInvitation(id: $id) { id status } }', variables: (ids) => ({ id: ids.invitationId }) },
  {
    name: 'inviteParticipant with B’s team',
    query: 'mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id teamId } }',
    variables: (ids) => ({ input: { email: `crossing-${ids.teamId.slice(0, 8)}@example.org`, teamId: ids.teamId } }),
  },
  { name: 'switchTenant', query: 'mutation($id: ID!) { switchTenant(tenantId: $id) { viewer { tenantId } } }', variables: (ids) => ({ id: ids.tenantId }) },
  { name: 'needsAssessments', query: 'query($id: ID!) { needsAssessments(teamId: $id) { id } }', variables: (ids) => ({ id: ids.teamId }) },
  {
    name: 'saveNeedsAssessment (B’s team)',
    query: 'mutation($input: SaveNeedsAssessmentInput!) { saveNeedsAssessment(input: $input) { id } }',
    variables: (ids) => ({ input: { teamId: ids.teamId, questionnaireVersion: NEEDS_ASSESSMENT_VERSION, answers: VALID_ANSWERS } }),
  },
  {
    name: 'requestProgramme (B’s team)',
    query: 'mutation($input: RequestProgrammeInput!) { requestProgramme(input: $input) { id } }',
    variables: (ids) => ({ input: { teamId: ids.teamId, ...programmeDetails() } }),
  },
  { name: 'programme(id)', query: 'query($id: ID!) { programme(id: $id) { id title } }', variables: (ids) => ({ id: ids.programmeId }) },
  {
    name: 'acceptProgramme',
    query: 'mutation($input: ProgrammeTransitionInput!) { acceptProgramme(input: $input) { id } }',
    variables: (ids) => ({ input: { programmeId: ids.programmeId, version: 1 } }),
  },
  {
    name: 'requestProgrammeChanges',
    query: 'mutation($input: ProgrammeTransitionInput!) { requestProgrammeChanges(input: $input) { id } }',
    variables: (ids) => ({ input: { programmeId: ids.programmeId, version: 1 } }),
  },
  {
    name: 'cancelProgramme',
    query: 'mutation($input: CancelProgrammeInput!) { cancelProgramme(input: $input) { id } }',
    variables: (ids) => ({ input: { programmeId: ids.programmeId, version: 1, reason: 'Taken over.' } }),
  },
  {
    name: 'changeProgrammeGroupSize',
    query: 'mutation($input: ChangeGroupSizeInput!) { changeProgrammeGroupSize(input: $input) { id } }',
    variables: (ids) => ({ input: { programmeId: ids.programmeId, version: 1, minGroupSize: 2, maxGroupSize: 3 } }),
  },
  {
    name: 'enrolMember (B’s programme)',
    query: 'mutation($input: EnrolmentInput!) { enrolMember(input: $input) { id } }',
    variables: (ids) => ({ input: { programmeId: ids.programmeId, userId: a.member.id } }),
  },
  {
    name: 'enrolMember (A’s programme, B’s person)',
    query: 'mutation($input: EnrolmentInput!) { enrolMember(input: $input) { id } }',
    variables: (ids) => ({ input: { programmeId: ids.ownProgrammeId, userId: ids.userId } }),
  },
  {
    name: 'withdrawMember (B’s programme)',
    query: 'mutation($input: EnrolmentInput!) { withdrawMember(input: $input) { id } }',
    variables: (ids) => ({ input: { programmeId: ids.programmeId, userId: ids.userId } }),
  },
  { name: 'acceptGroupAgreement', query: 'mutation($id: ID!) { acceptGroupAgreement(programmeId: $id) { agreementVersion } }', variables: (ids) => ({ id: ids.programmeId }) },
  {
    name: 'setProgrammeOutcomePlan',
    query: 'mutation($input: SetProgrammeOutcomePlanInput!) { setProgrammeOutcomePlan(input: $input) { midpoint } }',
    variables: (ids) => ({ input: { programmeId: ids.programmeId, instrumentKeys: ['cbi'], midpoint: true, followUpMonths: 3 } }),
  },
  { name: 'outcomeInstruments', query: 'query($id: ID) { outcomeInstruments(tenantId: $id) { key title } }', variables: (ids) => ({ id: ids.tenantId }) },
  {
    name: 'feedbackResults',
    query: 'query($id: ID!) { feedbackResults(programmeId: $id) { programmeId programme { scores { shown responses } } } }',
    variables: (ids) => ({ id: ids.programmeId }),
  },
  { name: 'programmeOutcomes', query: 'query($id: ID!) { programmeOutcomes(programmeId: $id) { programmeId } }', variables: (ids) => ({ id: ids.programmeId }) },
  { name: 'outcomeDashboard (B’s team)', query: 'query($id: ID!) { outcomeDashboard(filter: { teamId: $id }) { minGroupSize } }', variables: (ids) => ({ id: ids.teamId }) },
  {
    name: 'outcomeDashboard (B’s programme)',
    query: 'query($id: ID!) { outcomeDashboard(filter: { programmeId: $id }) { minGroupSize } }',
    variables: (ids) => ({ id: ids.programmeId }),
  },
  {
    name: 'requestOutcomeReport (B’s programme)',
    query: 'mutation($id: ID!) { requestOutcomeReport(input: { scope: PROGRAMME, programmeId: $id }) { id } }',
    variables: (ids) => ({ id: ids.programmeId }),
  },
  {
    name: 'requestOutcomeReport (B’s organisation)',
    query: 'mutation($id: ID!) { requestOutcomeReport(input: { scope: ORGANISATION, tenantId: $id }) { id } }',
    variables: (ids) => ({ id: ids.tenantId }),
  },
  { name: 'outcomeReports (B’s organisation)', query: 'query($id: ID!) { outcomeReports(tenantId: $id) { id } }', variables: (ids) => ({ id: ids.tenantId }) },
  {
    name: 'outcomeReport (in B’s organisation)',
    query: 'query($id: ID!, $own: ID!) { outcomeReport(id: $own, tenantId: $id) { id } }',
    variables: (ids) => ({ id: ids.tenantId, own: ids.ownProgrammeId }),
  },
];

/** A sound organisation's own instrument: one item, one two-point scale, one score. */
function tenantInstrument(tenantId: string, key: string) {
  return {
    tenantId,
    key,
    title: 'Own instrument',
    instructions: 'Answer each.',
    licence: { holder: 'Organisation', terms: 'Its own.', attribution: null, wordingMayChange: true },
    scales: [
      {
        key: 'yes-no',
        options: [
          { value: 0, label: 'No' },
          { value: 1, label: 'Yes' },
        ],
      },
    ],
    items: [{ key: 'supported', text: 'I feel supported.', scale: 'yes-no', reversed: false }],
    subscales: [{ key: 'support', title: 'Support', items: ['supported'], method: 'MEAN', minimumAnswered: 1, direction: 'HIGHER_IS_BETTER', reliability: null }],
  };
}

const VALID_ANSWERS = {
  primaryConcern: 'BOTH',
  distressingMaterial: 'SOMETIMES',
  strainSigns: 'SOME',
  workingPatterns: [],
  teamCohesion: 'MIXED',
  groupSupervision: 'NEVER',
};

describe('an org admin of A using B’s ids', () => {
  it.each(ID_CASES.map((idCase) => [idCase.name, idCase] as const))('%s: NOT_FOUND, exactly as for an id that exists nowhere, and B is unchanged', async (_name, idCase) => {
    const before = await snapshotOf(b);
    const invitationsBefore = await api.fixtures.count('invitation');
    const own = { ownTeamId: a.team.id, ownProgrammeId: a.programme.id };
    const withB = await a.adminClient.gql(
      idCase.query,
      idCase.variables({
        ...own,
        tenantId: b.tenant.id,
        teamId: b.team.id,
        archivedTeamId: b.archivedTeam.id,
        userId: b.member.id,
        invitationId: b.invitation.id,
        programmeId: b.programme.id,
      }),
    );
    const random = randomUUID();
    const withNothing = await a.adminClient.gql(
      idCase.query,
      idCase.variables({ ...own, tenantId: random, teamId: random, archivedTeamId: random, userId: random, invitationId: random, programmeId: random }),
    );

    const errorWithB = expectError(withB, 'NOT_FOUND', /^[A-Z][\w ]+ was not found\.$/);
    const errorWithNothing = expectError(withNothing, 'NOT_FOUND');
    expect(errorWithB).toEqual(errorWithNothing);
    expect(withB.data).toEqual(withNothing.data);
    for (const secret of [b.tenant.name, b.team.name, b.member.email, b.invitation.email, b.programme.title]) expect(withB.body).not.toContain(secret);

    expect(await snapshotOf(b)).toBe(before);
    expect(await api.fixtures.count('invitation')).toBe(invitationsBefore);
    // A's admin is still signed in to A.
    expect(expectData(await a.adminClient.gql<{ viewer: { tenantId: string } }>('{ viewer { tenantId } }')).viewer.tenantId).toBe(a.tenant.id);
  });

  it('the same operations on A’s own ids work (the cases above are not vacuous)', async () => {
    const team = await api.fixtures.team(a.tenant.id);
    const person = await api.fixtures.participant(a.tenant.id);
    const client = a.adminClient;
    expectData(await client.gql('query($id: ID!) { tenant(id: $id) { id } }', { id: a.tenant.id }));
    expectData(await client.gql('query($id: ID!) { team(id: $id) { id members { userId } } }', { id: team.id }));
    expectData(await client.gql('mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { id } }', { input: { teamId: team.id, userId: person.id } }));
    expectData(await client.gql('mutation($input: TeamMemberInput!) { removeTeamMember(input: $input) { id } }', { input: { teamId: team.id, userId: person.id } }));
    expectData(await client.gql('mutation($input: RenameTeamInput!) { renameTeam(input: $input) { id } }', { input: { id: team.id, name: `Renamed ${unique()}` } }));
    expectData(await client.gql('mutation($id: ID!) { archiveTeam(id: $id) { id } }', { id: team.id }));
    expectData(await client.gql('mutation($id: ID!) { restoreTeam(id: $id) { id } }', { id: team.id }));
    expectData(await client.gql('mutation($id: ID!) { archiveTeam(id: $id) { id } }', { id: team.id }));
    expectData(await client.gql('mutation($id: ID!) { deleteTeam(id: $id) }', { id: team.id }));
    const invitation = await api.fixtures.invitation({ tenantId: a.tenant.id, role: 'PARTICIPANT' });
    const revoked = expectData(await client.gql<{ revokeInvitation: { status: string } }>('mutation($id: ID!) { revokeInvitation(id: $id) { status } }', { id: invitation.id }));
    expect(revoked.revokeInvitation.status).toBe('REVOKED');
  });
});

describe('lists', () => {
  const secretsOf = (world: World) => [
    world.tenant.id,
    world.tenant.name,
    world.team.id,
    world.team.name,
    world.otherTeam.name,
    world.archivedTeam.name,
    world.member.email,
    world.participant.email,
    world.admin.email,
    world.invitation.email,
    world.programme.id,
    world.programme.title,
  ];

  it.each([
    ['teams', '{ teams(includeArchived: true) { id name members { userId email teamIds } } }'],
    ['members', '{ members { userId email teamIds } }'],
    ['invitations', '{ invitations { id email tenantId teamId } }'],
    ['myTeams', '{ myTeams { id name } }'],
    ['programmes', '{ programmes { id title tenantName teamName } }'],
    ['myProgrammes', '{ myProgrammes { id title tenantName teamName } }'],
    ['viewer', '{ viewer { tenantId memberships { tenantId tenantName } tenant { id name } } }'],
    ['myGroupSessions', `{ myGroupSessions(${AROUND_THE_SESSION}) { items { id tenantId tenantName programmeTitle } } }`],
  ])('%s never includes the other tenant’s rows', async (_name, query) => {
    for (const [me, other] of [
      [a, b],
      [b, a],
    ] as const) {
      const result = await me.adminClient.gql(query);
      expectData(result);
      for (const secret of secretsOf(other)) expect(result.body).not.toContain(secret);
    }
  });

  it('do include the tenant’s own rows', async () => {
    const teams = expectData(await a.adminClient.gql<{ teams: { id: string }[] }>('{ teams { id } }')).teams.map((team) => team.id);
    expect(teams).toEqual(expect.arrayContaining([a.team.id, a.otherTeam.id]));
    const members = expectData(await a.adminClient.gql<{ members: { userId: string }[] }>('{ members { userId } }')).members.map((member) => member.userId);
    expect(members).toEqual(expect.arrayContaining([a.admin.id, a.participant.id, a.member.id]));
    const invitations = expectData(await a.adminClient.gql<{ invitations: { id: string }[] }>('{ invitations { id } }')).invitations.map((invitation) => invitation.id);
    expect(invitations).toContain(a.invitation.id);
    const myTeams = expectData(await a.participantClient.gql<{ myTeams: { id: string }[] }>('{ myTeams { id } }')).myTeams.map((team) => team.id);
    expect(myTeams).toEqual([a.team.id]);
    const sessions = expectData(
      await a.adminClient.gql<{ myGroupSessions: { items: { tenantId: string }[] } }>(`{ myGroupSessions(${AROUND_THE_SESSION}) { items { tenantId } } }`),
    ).myGroupSessions.items;
    expect(sessions).toEqual([{ tenantId: a.tenant.id }]);
  });
});

/** A programme of the world's team, set straight into `status`. */
async function programmeInState(world: World, status: string): Promise<string> {
  const programme = await api.fixtures.programme(world.tenant.id, world.team.id);
  await api.fixtures.asTenant(world.tenant.id, 'UPDATE programme SET status = $3 WHERE tenant_id = $1 AND id = $2', [world.tenant.id, programme.id, status]);
  return programme.id;
}

/** An accepted programme with one session, as the session edits need. */
async function acceptedSession(world: World): Promise<{ programmeId: string; sessionId: string }> {
  const programmeId = await programmeInState(world, 'ACCEPTED');
  const session = await api.fixtures.groupSession(world.tenant.id, programmeId, 1, SESSION_AT);
  return { programmeId, sessionId: session.id };
}

/** The delivery context's operations, for the session given: assigned facilitators only. */
const DELIVERY_OPERATIONS: [string, string, (w: { session: { id: string }; participant: UserFixture }) => Record<string, unknown>][] = [
  ['sessionDelivery', 'query($id: ID!) { sessionDelivery(sessionId: $id) { sessionId register { userId } notes { caseSummaries } } }', (w) => ({ id: w.session.id })],
  [
    'checkSessionNotes',
    'query($input: SessionNotesInput!) { checkSessionNotes(input: $input) { kind } }',
    (w) => ({ input: { sessionId: w.session.id, themes: ['WORKLOAD'], themeLine: 'Spoke about Tom Baker' } }),
  ],
  [
    'markAttendance',
    'mutation($input: MarkAttendanceInput!) { markAttendance(input: $input) { status } }',
    (w) => ({ input: { sessionId: w.session.id, userId: w.participant.id, status: 'PRESENT' } }),
  ],
  [
    'saveSessionNotes',
    'mutation($input: SaveSessionNotesInput!) { saveSessionNotes(input: $input) { saved } }',
    (w) => ({ input: { sessionId: w.session.id, version: 0, themes: ['WORKLOAD'], themeLine: 'Taken over' } }),
  ],
  [
    'shareActionItem',
    'mutation($input: ShareActionItemInput!) { shareActionItem(input: $input) { id } }',
    (w) => ({ input: { sessionId: w.session.id, actionItemId: randomUUID(), shared: true } }),
  ],
  ['completeSession', 'mutation($id: ID!) { completeSession(input: { sessionId: $id }) { status } }', (w) => ({ id: w.session.id })],
  ['reopenSession', 'mutation($id: ID!) { reopenSession(input: { sessionId: $id }) { status } }', (w) => ({ id: w.session.id })],
];

describe('a participant of A and B’s feedback', () => {
  const tokenHashes = async (world: World) =>
    (await api.owner.query<{ token_hash: Buffer }>('SELECT token_hash FROM feedback_link WHERE tenant_id = $1 ORDER BY id', [world.tenant.id])).rows.map((row) =>
      row.token_hash.toString('hex'),
    );

  it('openFeedbackLink with B’s session is NOT_FOUND, exactly as a random id, and no link of B changes', async () => {
    const before = [await snapshotOf(b), await tokenHashes(b)];
    const query = 'mutation($id: ID!) { openFeedbackLink(sessionId: $id) { secret } }';
    const withB = await a.participantClient.gql(query, { id: b.session.id });
    const withNothing = await a.participantClient.gql(query, { id: randomUUID() });
    expect(expectError(withB, 'NOT_FOUND', /^[A-Z][\w ]+ was not found\.$/)).toEqual(expectError(withNothing, 'NOT_FOUND'));
    expect([await snapshotOf(b), await tokenHashes(b)]).toEqual(before);
  });

  it('feedbackToGive and sharedActionItems list A’s own only (and the first is not vacuous)', async () => {
    const shared = await api.fixtures.groupSession(b.tenant.id, b.programme.id, 3, new Date(Date.now() - 26 * 3_600_000));
    await api.fixtures.sessionNote(b.tenant.id, shared.id, { kind: 'GTS', caseSummaries: 'B only', actionItems: [{ text: `B’s shared item ${unique()}`, sharedWithGroup: true }] });
    const toGive = expectData(await a.participantClient.gql<{ feedbackToGive: { sessionId: string }[] }>('{ feedbackToGive { sessionId } }')).feedbackToGive;
    expect(toGive.map((entry) => entry.sessionId)).toEqual([a.session.id]);
    const items = await a.participantClient.gql<{ sharedActionItems: { id: string }[] }>('{ sharedActionItems { id text } }');
    expect(expectData(items).sharedActionItems).toEqual([]);
    expect(items.body).not.toContain('B’s shared item');
  });
});

describe('a participant’s own outcome measures across organisations', () => {
  it('myMeasures lists A’s own programme only, never B’s (whose plan and measurement exist), and the list is not vacuous', async () => {
    const mine = await a.participantClient.gql<{ myMeasures: { programmeId: string }[] }>('{ myMeasures { programmeId programmeTitle scales { title scores { score } } } }');
    expect(expectData(mine).myMeasures.map((entry) => entry.programmeId)).toEqual([a.programme.id]);
    expect(mine.body).not.toContain(b.programme.id);
    expect(mine.body).not.toContain(b.programme.title);
  });
});

describe('delivery across organisations and programmes', () => {
  /** A's programme's session, begun ten minutes ago, with GRP notes (what the other cases must not touch). */
  let begun: { id: string };

  beforeAll(async () => {
    begun = await api.fixtures.groupSession(b.tenant.id, b.programme.id, 2, new Date(Date.now() - 10 * 60_000));
    await api.fixtures.sessionNote(b.tenant.id, begun.id, { kind: 'GRP', themes: ['WORKLOAD'], themeLine: `B's own line ${unique()}` });
  });

  it.each(DELIVERY_OPERATIONS)('%s: B’s session to A’s facilitator is NOT_FOUND, exactly as a random id, and B is unchanged', async (_name, query, variables) => {
    const before = await snapshotOf(b);
    const withB = await assignedFacilitatorClient.gql(query, variables({ session: begun, participant: b.participant }));
    const withNothing = await assignedFacilitatorClient.gql(query, variables({ session: { id: randomUUID() }, participant: b.participant }));
    expect(expectError(withB, 'NOT_FOUND', /^[A-Z][\w ]+ was not found\.$/)).toEqual(expectError(withNothing, 'NOT_FOUND'));
    expect(withB.body).not.toContain("B's own line");
    expect(await snapshotOf(b)).toBe(before);
  });

  it.each(DELIVERY_OPERATIONS)('%s is FORBIDDEN to a platform admin, who is not the programme’s facilitator', async (_name, query, variables) => {
    const before = await snapshotOf(b);
    expectError(await platformAdminClient.gql(query, variables({ session: begun, participant: b.participant })), 'FORBIDDEN');
    expect(await snapshotOf(b)).toBe(before);
  });

  it('the same reads work for the assigned facilitator on A’s own session (the cases above are not vacuous)', async () => {
    const own = await api.fixtures.groupSession(a.tenant.id, a.programme.id, 2, new Date(Date.now() - 10 * 60_000));
    const read = expectData(await assignedFacilitatorClient.gql<{ sessionDelivery: { register: { userId: string }[] } }>(DELIVERY_OPERATIONS[0]![1], { id: own.id }));
    expect(read.sessionDelivery.register.map((entry) => entry.userId)).toContain(a.participant.id);
    for (const index of [1, 2, 3, 5]) {
      const [name, query, variables] = DELIVERY_OPERATIONS[index]!;
      expect({ name, errors: (await assignedFacilitatorClient.gql(query, variables({ session: own, participant: a.participant }))).errors }).toEqual({ name, errors: undefined });
    }
  });
});

describe('roles', () => {
  const ORG_ADMIN_OPERATIONS: [string, string, (w: World) => Record<string, unknown>][] = [
    ['teams', '{ teams { id } }', () => ({})],
    ['team', 'query($id: ID!) { team(id: $id) { id } }', (w) => ({ id: w.team.id })],
    ['members', '{ members { userId } }', () => ({})],
    ['invitations', '{ invitations { id } }', () => ({})],
    ['tenant', 'query($id: ID!) { tenant(id: $id) { id } }', (w) => ({ id: w.tenant.id })],
    ['createTeam', 'mutation { createTeam(input: { name: "Participants’ own team" }) { id } }', () => ({})],
    ['setReminderOffsets', 'mutation { setReminderOffsets(offsetsMinutes: [90]) { id } }', () => ({})],
    ['renameTeam', 'mutation($input: RenameTeamInput!) { renameTeam(input: $input) { id } }', (w) => ({ input: { id: w.team.id, name: 'Renamed by a participant' } })],
    ['archiveTeam', 'mutation($id: ID!) { archiveTeam(id: $id) { id } }', (w) => ({ id: w.team.id })],
    ['restoreTeam', 'mutation($id: ID!) { restoreTeam(id: $id) { id } }', (w) => ({ id: w.archivedTeam.id })],
    ['deleteTeam', 'mutation($id: ID!) { deleteTeam(id: $id) }', (w) => ({ id: w.archivedTeam.id })],
    ['addTeamMember', 'mutation($input: TeamMemberInput!) { addTeamMember(input: $input) { id } }', (w) => ({ input: { teamId: w.otherTeam.id, userId: w.participant.id } })],
    ['removeTeamMember', 'mutation($input: TeamMemberInput!) { removeTeamMember(input: $input) { id } }', (w) => ({ input: { teamId: w.team.id, userId: w.member.id } })],
    [
      'changeMemberRole',
      'mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { userId } }',
      (w) => ({ input: { userId: w.participant.id, role: 'ORG_ADMIN' } }),
    ],
    ['removeMember', 'mutation($id: ID!) { removeMember(userId: $id) }', (w) => ({ id: w.member.id })],
    ['inviteParticipant', 'mutation { inviteParticipant(input: { email: "friend@example.org" }) { id } }', () => ({})],
    ['revokeInvitation', 'mutation($id: ID!) { revokeInvitation(id: $id) { id } }', (w) => ({ id: w.invitation.id })],
    ['resendInvitation', 'mutation($id: ID!) { resendInvitation(id: $id) { id } }', (w) => ({ id: w.invitation.id })],
    ['needsAssessmentQuestionnaire', '{ needsAssessmentQuestionnaire { version } }', () => ({})],
    ['needsAssessments', 'query($id: ID!) { needsAssessments(teamId: $id) { id } }', (w) => ({ id: w.team.id })],
    [
      'saveNeedsAssessment',
      'mutation($input: SaveNeedsAssessmentInput!) { saveNeedsAssessment(input: $input) { id } }',
      (w) => ({ input: { teamId: w.team.id, questionnaireVersion: NEEDS_ASSESSMENT_VERSION, answers: VALID_ANSWERS } }),
    ],
    ['requestProgramme', 'mutation($input: RequestProgrammeInput!) { requestProgramme(input: $input) { id } }', (w) => ({ input: { teamId: w.team.id, ...programmeDetails() } })],
    ['programmes', '{ programmes { id } }', () => ({})],
    ['acceptProgramme', 'mutation($input: ProgrammeTransitionInput!) { acceptProgramme(input: $input) { id } }', (w) => ({ input: { programmeId: w.programme.id, version: 1 } })],
    [
      'requestProgrammeChanges',
      'mutation($input: ProgrammeTransitionInput!) { requestProgrammeChanges(input: $input) { id } }',
      (w) => ({ input: { programmeId: w.programme.id, version: 1 } }),
    ],
    [
      'changeProgrammeGroupSize',
      'mutation($input: ChangeGroupSizeInput!) { changeProgrammeGroupSize(input: $input) { id } }',
      (w) => ({ input: { programmeId: w.programme.id, version: 1, minGroupSize: 2, maxGroupSize: 20 } }),
    ],
    ['enrolMember', 'mutation($input: EnrolmentInput!) { enrolMember(input: $input) { id } }', (w) => ({ input: { programmeId: w.programme.id, userId: w.member.id } })],
    ['withdrawMember', 'mutation($input: EnrolmentInput!) { withdrawMember(input: $input) { id } }', (w) => ({ input: { programmeId: w.programme.id, userId: w.participant.id } })],
    ['confirmInstrumentLicence', 'mutation { confirmInstrumentLicence(instrumentKey: "proqol-5") { key } }', () => ({})],
  ];

  /** Open to more than one role: each with the roles that are refused it (platform admins cross organisations for some). */
  const SHARED_OPERATIONS: [string, string, (w: World) => Record<string, unknown>, ('participant' | 'facilitator' | 'platformAdmin' | 'orgAdmin')[]][] = [
    [
      'cancelProgramme',
      'mutation($input: CancelProgrammeInput!) { cancelProgramme(input: $input) { id } }',
      (w) => ({ input: { programmeId: w.programme.id, version: 1, reason: 'Not wanted.' } }),
      ['participant', 'facilitator'],
    ],
    ['myProgrammes', '{ myProgrammes { id } }', () => ({}), ['platformAdmin']],
    [
      'acceptGroupAgreement',
      'mutation($id: ID!) { acceptGroupAgreement(programmeId: $id) { agreementVersion } }',
      (w) => ({ id: w.programme.id }),
      ['facilitator', 'platformAdmin'],
    ],
    // Assigned facilitators and org admins; which programme's feedback each may read is tested in "who reads a programme's feedback" below.
    ['feedbackResults', 'query($id: ID!) { feedbackResults(programmeId: $id) { programmeId } }', (w) => ({ id: w.programme.id }), ['participant', 'platformAdmin']],
    // Org admins (their organisation) and platform admins (any, by name); cross-organisation reads and writes are the ID cases above and outcomes.test.ts.
    ['outcomeInstruments', '{ outcomeInstruments { key } }', () => ({}), ['participant', 'facilitator']],
    [
      'setProgrammeOutcomePlan',
      'mutation($input: SetProgrammeOutcomePlanInput!) { setProgrammeOutcomePlan(input: $input) { midpoint } }',
      (w) => ({ input: { programmeId: w.programme.id, instrumentKeys: ['cbi'], midpoint: false, followUpMonths: null } }),
      ['participant', 'facilitator'],
    ],
    // Org admins only: the organisation's outcome dashboard (another organisation's ids are the ID cases above).
    ['outcomeDashboard', '{ outcomeDashboard { minGroupSize } }', () => ({}), ['participant', 'facilitator', 'platformAdmin']],
    // Org admins (their organisation) and platform admins (any, by name); reports of another organisation are the ID cases above and outcome-reports.test.ts (downloads too).
    ['requestOutcomeReport', 'mutation { requestOutcomeReport(input: { scope: ORGANISATION }) { id } }', () => ({}), ['participant', 'facilitator']],
    ['outcomeReports', '{ outcomeReports { id } }', () => ({}), ['participant', 'facilitator']],
    ['outcomeReport', 'query($id: ID!) { outcomeReport(id: $id) { id } }', (w) => ({ id: w.programme.id }), ['participant', 'facilitator']],
    // Org admins and assigned facilitators; which programme each may read is tested in "who reads a programme's outcomes" below.
    ['programmeOutcomes', 'query($id: ID!) { programmeOutcomes(programmeId: $id) { programmeId } }', (w) => ({ id: w.programme.id }), ['participant', 'platformAdmin']],
    // A participant's (or an enrolled admin's) own feedback links and their groups' shared action items; across organisations in "a participant of A and B's feedback" below.
    ['feedbackToGive', '{ feedbackToGive { sessionId } }', () => ({}), ['facilitator', 'platformAdmin']],
    ['openFeedbackLink', 'mutation($id: ID!) { openFeedbackLink(sessionId: $id) { secret } }', (w) => ({ id: w.session.id }), ['facilitator', 'platformAdmin']],
    ['sharedActionItems', '{ sharedActionItems { id } }', () => ({}), ['facilitator', 'platformAdmin']],
    // An organisation's own settings, for its admins only; what one admin's change does to another organisation in "an organisation's settings" below.
    ['organisationSettings', '{ organisationSettings { feedbackWindowDays } }', () => ({}), ['participant', 'facilitator', 'platformAdmin']],
    [
      'updateOrganisationSettings',
      'mutation($input: OrganisationSettingsInput!) { updateOrganisationSettings(input: $input) { feedbackWindowDays } }',
      () => ({ input: { feedbackWindowDays: 9, feedbackReminderAfterHours: 24, grpCommentsEnabled: true, commentThreshold: 12, noteRetentionMonths: 6 } }),
      ['participant', 'facilitator', 'platformAdmin'],
    ],
    // A person's own outcome scores and unpairing them (outcome-measures.test.ts: nobody else's, across roles and organisations).
    ['myMeasures', '{ myMeasures { programmeId } }', () => ({}), ['facilitator', 'platformAdmin']],
    ['eraseMyOutcomePairing', 'mutation { eraseMyOutcomePairing }', () => ({}), ['facilitator', 'platformAdmin']],
    // Every role may ask; who may see which programme is tested in "who reads a programme" below.
    ['programme', 'query($id: ID!) { programme(id: $id) { id } }', (w) => ({ id: w.programme.id }), []],
  ];

  const PLATFORM_ADMIN_OPERATIONS: [string, string, (w: World) => Record<string, unknown>][] = [
    ['eraseOutcomePairing', 'mutation($id: ID!) { eraseOutcomePairing(userId: $id) }', (w) => ({ id: w.participant.id })],
    ['tenants', '{ tenants { id } }', () => ({})],
    ['createTenant', 'mutation { createTenant(input: { name: "Shadow organisation", slug: "shadow-org", timeZone: "Europe/London" }) { id } }', () => ({})],
    ['updateTenant', 'mutation($id: ID!) { updateTenant(input: { id: $id, name: "Renamed organisation" }) { id } }', (w) => ({ id: w.tenant.id })],
    ['suspendTenant', 'mutation($id: ID!) { suspendTenant(id: $id) { id } }', (w) => ({ id: w.tenant.id })],
    ['reactivateTenant', 'mutation($id: ID!) { reactivateTenant(id: $id) { id } }', (w) => ({ id: w.tenant.id })],
    ['inviteOrgAdmin', 'mutation($id: ID!) { inviteOrgAdmin(input: { tenantId: $id, email: "new-admin@example.org" }) { id } }', (w) => ({ id: w.tenant.id })],
    ['tenantInvitations', 'query($id: ID!) { tenantInvitations(tenantId: $id) { id } }', (w) => ({ id: w.tenant.id })],
    ['tenantMembers', 'query($id: ID!) { tenantMembers(tenantId: $id) { userId role } }', (w) => ({ id: w.tenant.id })],
    ['facilitators', '{ facilitators { userId } }', () => ({})],
    ['inviteFacilitator', 'mutation { inviteFacilitator(input: { email: "new-facilitator@example.org" }) { id } }', () => ({})],
    ['setFacilitatorActive', 'mutation($id: ID!) { setFacilitatorActive(userId: $id, active: false) { userId } }', (w) => ({ id: w.admin.id })],
    ['auditEvents', '{ auditEvents { items { id action } } }', () => ({})],
    ['staffInvitations', '{ staffInvitations { id } }', () => ({})],
    ['queueHealth', '{ queueHealth { queuesReachable outbox { pending } } }', () => ({})],
    ['failedMessages', '{ failedMessages { id recipient } }', () => ({})],
    ['retryFailedMessage', 'mutation($id: ID!) { retryFailedMessage(id: $id) }', () => ({ id: randomUUID() })],
    ['facilitatorAvailability', 'query($id: ID!) { facilitatorAvailability(userId: $id) { timeZone } }', () => ({ id: randomUUID() })],
    ['programmePipeline', '{ programmePipeline { id } }', () => ({})],
    // Across organisations (cross-tenant-dashboards.test.ts: figures, suppression, their functions answer nobody else).
    ['platformDashboard', '{ platformDashboard { months utilisation { tenantId } facilitatorLoad { userId } } }', () => ({})],
    ['feedbackBenchmark', 'query($id: ID!) { feedbackBenchmark(tenantId: $id) { tenantId items { itemId } } }', (w) => ({ id: w.tenant.id })],
    ['platformProgrammes', 'query($id: ID!) { platformProgrammes(filter: { tenantId: $id }) { items { programme { id } } } }', (w) => ({ id: w.tenant.id })],
    [
      'programmeConflicts',
      'query($input: ProgrammeProposalInput!) { programmeConflicts(input: $input) { kind } }',
      (w) => ({ input: { programmeId: w.programme.id, leadFacilitatorId: proposedFacilitator.id, ...programmeDetails() } }),
    ],
    [
      'proposeProgramme',
      'mutation($input: ProposeProgrammeInput!) { proposeProgramme(input: $input) { id } }',
      (w) => ({ input: { programmeId: w.programme.id, version: 1, leadFacilitatorId: proposedFacilitator.id, ...programmeDetails() } }),
    ],
    [
      'activateProgramme',
      'mutation($input: ProgrammeTransitionInput!) { activateProgramme(input: $input) { id } }',
      (w) => ({ input: { programmeId: w.programme.id, version: 1 } }),
    ],
    [
      'completeProgramme',
      'mutation($input: ProgrammeTransitionInput!) { completeProgramme(input: $input) { id } }',
      (w) => ({ input: { programmeId: w.programme.id, version: 1 } }),
    ],
    [
      'rescheduleSession',
      'mutation($input: RescheduleSessionInput!) { rescheduleSession(input: $input) { id } }',
      (w) => ({ input: { programmeId: w.programme.id, sessionId: w.session.id, version: 1, scope: 'THIS', newStartLocal: MOVED_TO, reason: 'Moved' } }),
    ],
    [
      'addTenantInstrument',
      'mutation($input: TenantInstrumentInput!) { addTenantInstrument(input: $input) { key version } }',
      (w) => ({ input: tenantInstrument(w.tenant.id, `added-${unique()}`) }),
    ],
    [
      'supersedeTenantInstrument',
      'mutation($input: TenantInstrumentInput!) { supersedeTenantInstrument(input: $input) { key version } }',
      (w) => ({ input: tenantInstrument(w.tenant.id, 'superseded') }),
    ],
    [
      'cancelSession',
      'mutation($input: CancelSessionInput!) { cancelSession(input: $input) { id } }',
      (w) => ({ input: { programmeId: w.programme.id, sessionId: w.session.id, version: 1, scope: 'THIS', reason: 'Cancelled' } }),
    ],
  ];

  const FACILITATOR_OPERATIONS: [string, string, (w: World) => Record<string, unknown>][] = [
    ['myFacilitatorProfile', '{ myFacilitatorProfile { userId } }', () => ({})],
    ['updateMyFacilitatorProfile', 'mutation { updateMyFacilitatorProfile(input: { displayName: "Not a facilitator", bio: "", services: [GRP] }) { userId } }', () => ({})],
    ['myAvailability', '{ myAvailability { timeZone } }', () => ({})],
    ['setMyWorkingHours', 'mutation { setMyWorkingHours(input: { timeZone: "Europe/London", spans: [] }) { timeZone } }', () => ({})],
    ['addMyTimeOff', 'mutation { addMyTimeOff(input: { startsAt: "2027-08-02T09:00:00Z", endsAt: "2027-08-03T09:00:00Z" }) { timeZone } }', () => ({})],
    ['removeMyTimeOff', 'mutation($id: ID!) { removeMyTimeOff(id: $id) { timeZone } }', () => ({ id: randomUUID() })],
    // Their own programmes in every organisation; which ones in "a facilitator's dashboard" below.
    ['facilitatorDashboard', '{ facilitatorDashboard { organisations { tenantId } } }', () => ({})],
    ...DELIVERY_OPERATIONS,
  ];

  /**
   * Open to anyone, or about the person asking (their own teams, their session): see auth.test.ts;
   * their own account (name, password, sessions): see account.test.ts; the group sessions they
   * attend, one of them as a calendar file, and their calendar subscription (a facilitator's across organisations, a participant's
   * in their own): see agenda.test.ts and calendar-feed.test.ts.
   */
  const SELF_SERVICE_OPERATIONS = [
    'viewer',
    'invitationPreview',
    'login',
    'logout',
    'refreshSession',
    'acceptInvitation',
    'requestPasswordReset',
    'resetPassword',
    'myTeams',
    'switchTenant',
    'mySessions',
    'updateMyProfile',
    'changePassword',
    'endSession',
    'endOtherSessions',
    'myGroupSessions',
    'groupSessionCalendarFile',
    'calendarSubscription',
    'createCalendarSubscription',
    'revokeCalendarSubscription',
    // The same text for everyone: the group agreement of a service.
    'groupAgreement',
  ];

  const NO_WRITES = async (): Promise<string> =>
    JSON.stringify([
      await snapshotOf(a),
      await api.fixtures.count('tenant'),
      await api.fixtures.count('invitation'),
      await api.fixtures.count('outbox_message'),
      await api.fixtures.count('user_account', `status = 'ACTIVE'`),
      await api.fixtures.count('facilitator_working_hours'),
      await api.fixtures.count('facilitator_time_off'),
      await api.fixtures.count('audit_event'),
    ]);

  it.each(ORG_ADMIN_OPERATIONS)('a participant is FORBIDDEN to use %s', async (_name, query, variables) => {
    const before = await NO_WRITES();
    const result = await a.participantClient.gql(query, variables(a));
    expectError(result, 'FORBIDDEN', 'You do not have permission to do that.');
    expect(result.data).toBeNull();
    expect(await NO_WRITES()).toBe(before);
  });

  it.each(PLATFORM_ADMIN_OPERATIONS)('an org admin and a facilitator are FORBIDDEN to use %s', async (_name, query, variables) => {
    const before = await NO_WRITES();
    for (const client of [a.adminClient, facilitatorClient]) {
      const result = await client.gql(query, variables(a));
      expectError(result, 'FORBIDDEN', 'You do not have permission to do that.');
      expect(result.data).toBeNull();
    }
    expect(await NO_WRITES()).toBe(before);
  });

  it.each(FACILITATOR_OPERATIONS)('an org admin and a participant are FORBIDDEN to use %s', async (_name, query, variables) => {
    const before = await NO_WRITES();
    for (const client of [a.adminClient, a.participantClient]) {
      const result = await client.gql(query, variables(a));
      expectError(result, 'FORBIDDEN', 'You do not have permission to do that.');
      expect(result.data).toBeNull();
    }
    expect(await NO_WRITES()).toBe(before);
  });

  it('covers every query and mutation the API serves: a new one must join one of the lists above', () => {
    const schema = api.app.get(GraphQLSchemaHost).schema;
    const served = [schema.getQueryType(), schema.getMutationType()].flatMap((type) => Object.keys(type!.getFields()));
    const covered = [...ORG_ADMIN_OPERATIONS, ...PLATFORM_ADMIN_OPERATIONS, ...FACILITATOR_OPERATIONS, ...SHARED_OPERATIONS].map(([name]) => name).concat(SELF_SERVICE_OPERATIONS);
    expect([...covered].sort()).toEqual([...served].sort());
  });

  it.each([
    ...ORG_ADMIN_OPERATIONS,
    ...PLATFORM_ADMIN_OPERATIONS,
    ...FACILITATOR_OPERATIONS,
    ...SHARED_OPERATIONS.map(([name, query, variables]) => [name, query, variables] as const),
    ['switchTenant', 'mutation($id: ID!) { switchTenant(tenantId: $id) { viewer { id } } }', (w: World) => ({ id: w.tenant.id })] as const,
  ])('signed out, %s is UNAUTHENTICATED', async (_name, query, variables) => {
    const before = await NO_WRITES();
    const result = await api.client().gql(query, variables(a));
    expectError(result, 'UNAUTHENTICATED', 'Please sign in to continue.');
    expect(result.data).toBeNull();
    expect(await NO_WRITES()).toBe(before);
  });

  it.each(SHARED_OPERATIONS.filter(([, , , refused]) => refused.length))('%s is FORBIDDEN to the roles it is not for', async (_name, query, variables, refused) => {
    const before = await NO_WRITES();
    const clients = { participant: a.participantClient, facilitator: facilitatorClient, platformAdmin: platformAdminClient, orgAdmin: a.adminClient };
    for (const role of refused) {
      const result = await clients[role].gql(query, variables(a));
      expectError(result, 'FORBIDDEN', 'You do not have permission to do that.');
      expect(result.data).toBeNull();
    }
    expect(await NO_WRITES()).toBe(before);
  });

  it.each(PLATFORM_ADMIN_OPERATIONS)('a platform admin may use %s (the refusals above are not vacuous)', async (name, query, variables) => {
    // A world of its own, so suspending or renaming it touches nothing the other cases read.
    const world = await buildWorld(`Admin ${name}`);
    const targets: Record<string, () => Promise<Record<string, unknown>>> = {
      setFacilitatorActive: async () => ({ id: (await api.fixtures.facilitator()).id }),
      facilitatorAvailability: async () => ({ id: (await api.fixtures.facilitator()).id }),
      retryFailedMessage: async () => ({ id: (await api.fixtures.outboxEmail('failed', world.tenant.id)).id }),
      createTenant: async () => ({}),
      // A programme in the state each step needs.
      activateProgramme: async () => ({ input: { programmeId: await programmeInState(world, 'ACCEPTED'), version: 1 } }),
      completeProgramme: async () => ({ input: { programmeId: await programmeInState(world, 'ACTIVE'), version: 1 } }),
      rescheduleSession: async () => ({ input: { ...(await acceptedSession(world)), version: 1, scope: 'THIS', newStartLocal: MOVED_TO, reason: 'Moved' } }),
      cancelSession: async () => ({ input: { ...(await acceptedSession(world)), version: 1, scope: 'THIS', reason: 'Cancelled' } }),
      // An instrument of the world's own to supersede.
      supersedeTenantInstrument: async () => {
        const key = `superseded-${unique()}`;
        expectData(
          await platformAdminClient.gql('mutation($input: TenantInstrumentInput!) { addTenantInstrument(input: $input) { key } }', {
            input: tenantInstrument(world.tenant.id, key),
          }),
        );
        return { input: tenantInstrument(world.tenant.id, key) };
      },
    };
    const result = await platformAdminClient.gql(
      name === 'createTenant' ? query.replace('shadow-org', `shadow-${unique()}`) : query,
      targets[name] ? await targets[name]() : variables(world),
    );
    expectData(result);
  });

  it('Team.members is FORBIDDEN to a participant, and shows no one', async () => {
    const result: GqlResult = await a.participantClient.gql('{ myTeams { id name members { userId email } } }');
    const error = expectError(result, 'FORBIDDEN');
    expect(error.path?.map(String)).toEqual(['myTeams', '0', 'members']);
    for (const person of [a.member, a.admin]) expect(result.body).not.toContain(person.email);
  });

  it('org admin queries do not answer a facilitator or a platform admin, who act in no organisation', async () => {
    for (const client of [facilitatorClient, platformAdminClient]) {
      expectError(await client.gql('{ teams { id } }'), 'FORBIDDEN');
      expectError(await client.gql('{ members { userId } }'), 'FORBIDDEN');
      expectError(await client.gql('{ myTeams { id } }'), 'FORBIDDEN');
    }
  });
});

describe('who reads a programme', () => {
  it('a participant reads the programme they are enrolled in, and another programme of their organisation is NOT_FOUND like a random id', async () => {
    expectData(await a.participantClient.gql('query($id: ID!) { programme(id: $id) { id } }', { id: a.programme.id }));
    const other = await api.fixtures.programme(a.tenant.id, a.team.id, { title: `Not enrolled ${unique()}` });
    const notEnrolled = await a.participantClient.gql('query($id: ID!) { programme(id: $id) { id title } }', { id: other.id });
    const random = await a.participantClient.gql('query($id: ID!) { programme(id: $id) { id title } }', { id: randomUUID() });
    expect(expectError(notEnrolled, 'NOT_FOUND')).toEqual(expectError(random, 'NOT_FOUND'));
    expect(notEnrolled.body).not.toContain(other.title);
  });

  it('a facilitator reads the programmes they are assigned to in any organisation, and no other', async () => {
    expectData(await assignedFacilitatorClient.gql('query($id: ID!) { programme(id: $id) { id } }', { id: a.programme.id }));
    for (const id of [b.programme.id, randomUUID()]) {
      const result = await assignedFacilitatorClient.gql('query($id: ID!) { programme(id: $id) { id title } }', { id });
      expectError(result, 'NOT_FOUND', 'That programme was not found.');
      expect(result.body).not.toContain(b.programme.title);
    }
    const mine = expectData(await assignedFacilitatorClient.gql<{ myProgrammes: { id: string }[] }>('{ myProgrammes { id } }')).myProgrammes;
    expect(mine.map((programme) => programme.id)).toEqual([a.programme.id]);
    expectError(await facilitatorClient.gql('query($id: ID!) { programme(id: $id) { id } }', { id: a.programme.id }), 'NOT_FOUND');
  });

  it('an org admin reads another organisation’s programme as NOT_FOUND, and a platform admin reads both', async () => {
    expectError(await a.adminClient.gql('query($id: ID!) { programme(id: $id) { id } }', { id: b.programme.id }), 'NOT_FOUND');
    for (const world of [a, b]) {
      const read = expectData(
        await platformAdminClient.gql<{ programme: { tenantName: string } }>('query($id: ID!) { programme(id: $id) { tenantName } }', { id: world.programme.id }),
      );
      expect(read.programme.tenantName).toBe(world.tenant.name);
    }
  });

  it('the pipeline answers platform admins only, across organisations', async () => {
    const pipeline = expectData(await platformAdminClient.gql<{ programmePipeline: { id: string }[] }>('{ programmePipeline { id } }')).programmePipeline.map((p) => p.id);
    expect(pipeline).toEqual(expect.arrayContaining([a.programme.id, b.programme.id]));
  });

  it('platformProgrammes answers platform admins across organisations, and an org admin’s tenant filter on it changes nothing', async () => {
    const all = ['REQUESTED', 'PROPOSED', 'ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED'];
    const listed = expectData(
      await platformAdminClient.gql<{ platformProgrammes: { items: { programme: { id: string } }[] } }>(
        'query($statuses: [ProgrammeStatus!]) { platformProgrammes(filter: { statuses: $statuses }, first: 100) { items { programme { id } } } }',
        { statuses: all },
      ),
    ).platformProgrammes.items.map((item) => item.programme.id);
    expect(listed).toEqual(expect.arrayContaining([a.programme.id, b.programme.id]));
    const result = await a.adminClient.gql('query($id: ID!) { platformProgrammes(filter: { tenantId: $id }) { items { programme { id title } } } }', { id: a.tenant.id });
    expectError(result, 'FORBIDDEN');
    expect(result.body).not.toContain(a.programme.title);
  });
});

describe('a programme’s history across organisations', () => {
  const HISTORY = 'query($id: ID!) { programme(id: $id) { id history { event actorName reason } } }';
  const B_REASON = `B’s own reason ${unique()}`;
  const FORGED_REASON = `Planted by B ${unique()}`;

  beforeAll(async () => {
    // A's programme was requested (audited in A); B's cancelled with a reason (audited in B); and an
    // event recorded in B names A's programme as its target, as a confused or hostile writer might.
    const audit = `INSERT INTO audit_event (action, actor_user_id, tenant_id, target_type, target_id, detail) VALUES ($1, $2, $3, 'programme', $4, $5)`;
    await api.owner.query(audit, ['PROGRAMME_REQUESTED', a.admin.id, a.tenant.id, a.programme.id, { title: a.programme.title }]);
    await api.owner.query(audit, ['PROGRAMME_CANCELLED', b.admin.id, b.tenant.id, b.programme.id, { reason: B_REASON }]);
    await api.owner.query(audit, ['PROGRAMME_CANCELLED', b.admin.id, b.tenant.id, a.programme.id, { reason: FORGED_REASON }]);
  });

  it('shows each organisation only the events recorded in it, even one naming its programme from elsewhere', async () => {
    for (const client of [a.adminClient, platformAdminClient, assignedFacilitatorClient]) {
      const result = await client.gql<{ programme: { history: { event: string }[] } }>(HISTORY, { id: a.programme.id });
      expect(expectData(result).programme.history.map((entry) => entry.event)).toEqual(['REQUESTED']);
      expect(result.body).not.toContain(FORGED_REASON);
      expect(result.body).not.toContain(B_REASON);
    }
  });

  it('another organisation’s admin and an unassigned facilitator read no history of it: the programme is NOT_FOUND', async () => {
    for (const client of [b.adminClient, facilitatorClient]) {
      const result = await client.gql(HISTORY, { id: a.programme.id });
      expectError(result, 'NOT_FOUND', 'That programme was not found.');
      expect(result.body).not.toContain(a.admin.displayName);
    }
    const fromA = await a.adminClient.gql(HISTORY, { id: b.programme.id });
    expectError(fromA, 'NOT_FOUND');
    expect(fromA.body).not.toContain(B_REASON);
  });

  it('is FORBIDDEN to a participant, even of the programme they are enrolled in', async () => {
    const result = await a.participantClient.gql(HISTORY, { id: a.programme.id });
    expect(expectError(result, 'FORBIDDEN').path?.map(String)).toEqual(['programme', 'history']);
    expect(result.body).not.toContain(a.admin.displayName);
  });
});

describe('an organisation’s settings', () => {
  const SETTINGS = '{ organisationSettings { feedbackWindowDays feedbackReminderAfterHours grpCommentsEnabled commentThreshold noteRetentionMonths minGroupSize } }';

  it('are read and changed in the admin’s own organisation only: B’s admin changing B’s leaves A’s as they were, and reads B’s', async () => {
    const aBefore = await snapshotOf(a);
    const changed = expectData(
      await b.adminClient.gql<{ updateOrganisationSettings: Record<string, unknown> }>(
        'mutation($input: OrganisationSettingsInput!) { updateOrganisationSettings(input: $input) { feedbackWindowDays commentThreshold } }',
        { input: { feedbackWindowDays: 10, feedbackReminderAfterHours: 30, grpCommentsEnabled: true, commentThreshold: 15, noteRetentionMonths: 24 } },
      ),
    );
    expect(changed.updateOrganisationSettings).toEqual({ feedbackWindowDays: 10, commentThreshold: 15 });
    expect(await snapshotOf(a)).toBe(aBefore);
    const own = expectData(await a.adminClient.gql<{ organisationSettings: Record<string, unknown> }>(SETTINGS)).organisationSettings;
    const other = expectData(await b.adminClient.gql<{ organisationSettings: Record<string, unknown> }>(SETTINGS)).organisationSettings;
    expect(own).toMatchObject({ feedbackWindowDays: 7, commentThreshold: 10, noteRetentionMonths: 12 });
    expect(other).toMatchObject({ feedbackWindowDays: 10, commentThreshold: 15, noteRetentionMonths: 24 });
    const { rows } = await api.owner.query<{ tenant_id: string }>(`SELECT tenant_id FROM audit_event WHERE action = 'TENANT_UPDATED' AND detail ? 'feedbackWindowDays'`);
    expect(rows.map((row) => row.tenant_id)).toEqual([b.tenant.id]);
  });
});

describe('who reads a programme’s feedback', () => {
  const RESULTS = 'query($id: ID!) { feedbackResults(programmeId: $id) { programmeId sessions { sessionId } } }';

  it('its assigned facilitator reads it; another organisation’s programme is NOT_FOUND exactly like a random id, though they work there too', async () => {
    const own = expectData(await assignedFacilitatorClient.gql<{ feedbackResults: { programmeId: string; sessions: { sessionId: string }[] } }>(RESULTS, { id: a.programme.id }));
    expect(own.feedbackResults).toEqual({ programmeId: a.programme.id, sessions: [{ sessionId: a.session.id }] });
    const withB = await assignedFacilitatorClient.gql(RESULTS, { id: b.programme.id });
    const withNothing = await assignedFacilitatorClient.gql(RESULTS, { id: randomUUID() });
    expect(expectError(withB, 'NOT_FOUND', 'That programme was not found.')).toEqual(expectError(withNothing, 'NOT_FOUND'));
    expect(withB.body).not.toContain(b.session.id);
  });

  it('a facilitator not assigned to it reads NOT_FOUND; its own org admin reads it and the other organisation’s admin does not', async () => {
    expectError(await facilitatorClient.gql(RESULTS, { id: a.programme.id }), 'NOT_FOUND');
    expect(expectData(await a.adminClient.gql<{ feedbackResults: { programmeId: string } }>(RESULTS, { id: a.programme.id })).feedbackResults.programmeId).toBe(a.programme.id);
    expectError(await b.adminClient.gql(RESULTS, { id: a.programme.id }), 'NOT_FOUND');
  });

  it('reads its own organisation’s published snapshot only: A’s admin and A’s facilitator see A’s five, never B’s, whose snapshot is as it was', async () => {
    const FIGURES = 'query($id: ID!) { feedbackResults(programmeId: $id) { updatedOn programme { scores { shown responses } } } }';
    const before = await snapshotOf(b);
    for (const client of [a.adminClient, assignedFacilitatorClient]) {
      const { feedbackResults } = expectData(
        await client.gql<{ feedbackResults: { updatedOn: string | null; programme: { scores: { shown: boolean; responses: number | null } } } }>(FIGURES, { id: a.programme.id }),
      );
      expect(feedbackResults.programme.scores).toEqual({ shown: true, responses: 5 });
      expect(feedbackResults.updatedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const client of [a.adminClient, assignedFacilitatorClient, facilitatorClient]) expectError(await client.gql(FIGURES, { id: b.programme.id }), 'NOT_FOUND');
    expect(await snapshotOf(b)).toBe(before);
  });
});

describe('who reads a programme’s outcomes', () => {
  const OUTCOMES = 'query($id: ID!) { programmeOutcomes(programmeId: $id) { programmeId } }';

  it('its assigned facilitator reads it; another organisation’s programme is NOT_FOUND exactly like a random id', async () => {
    expect(expectData(await assignedFacilitatorClient.gql<{ programmeOutcomes: { programmeId: string } }>(OUTCOMES, { id: a.programme.id })).programmeOutcomes.programmeId).toBe(
      a.programme.id,
    );
    const withB = await assignedFacilitatorClient.gql(OUTCOMES, { id: b.programme.id });
    const withNothing = await assignedFacilitatorClient.gql(OUTCOMES, { id: randomUUID() });
    expect(expectError(withB, 'NOT_FOUND', 'That programme was not found.')).toEqual(expectError(withNothing, 'NOT_FOUND'));
  });

  it('a facilitator not assigned to it reads NOT_FOUND; its own org admin reads it and the other organisation’s admin does not', async () => {
    expectError(await facilitatorClient.gql(OUTCOMES, { id: a.programme.id }), 'NOT_FOUND');
    expect(expectData(await a.adminClient.gql<{ programmeOutcomes: { programmeId: string } }>(OUTCOMES, { id: a.programme.id })).programmeOutcomes.programmeId).toBe(
      a.programme.id,
    );
    expectError(await b.adminClient.gql(OUTCOMES, { id: a.programme.id }), 'NOT_FOUND');
  });
});

describe('a facilitator’s dashboard across organisations', () => {
  const DASHBOARD = '{ facilitatorDashboard { organisations { tenantId programmes { programmeId title } } } }';
  type Dashboard = { facilitatorDashboard: { organisations: Array<{ tenantId: string; programmes: Array<{ programmeId: string; title: string }> }> } };

  it('lists the programmes they are assigned to and no other, in their organisation or another', async () => {
    const assigned = expectData(await assignedFacilitatorClient.gql<Dashboard>(DASHBOARD)).facilitatorDashboard;
    const ids = assigned.organisations.flatMap((organisation) => organisation.programmes.map((programme) => programme.programmeId));
    expect(ids).toContain(a.programme.id);
    expect(ids).not.toContain(b.programme.id);
    expect(assigned.organisations.map((organisation) => organisation.tenantId)).not.toContain(b.tenant.id);
    const unassigned = JSON.stringify(expectData(await facilitatorClient.gql<Dashboard>(DASHBOARD)).facilitatorDashboard);
    expect(unassigned).not.toContain(a.programme.id);
    expect(unassigned).not.toContain(a.programme.title);
  });

  it('is FORBIDDEN to a platform admin (who is no one’s facilitator) as to org admins', async () => {
    for (const client of [platformAdminClient, b.adminClient]) expectError(await client.gql(DASHBOARD), 'FORBIDDEN');
  });
});
