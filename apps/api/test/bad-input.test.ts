import { randomUUID } from 'node:crypto';
import { oneRow } from '@lena/database';
import { expectData, expectError, expectNoInternals, fieldProblem } from './support/expectations';
import { unique, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { GraphQLErrorShape, TestClient } from './support/test-client';

let api: TestApi;
let tenant: TenantFixture;
let team: TeamFixture;
let member: UserFixture;
let orgAdmin: TestClient;
let platformAdmin: TestClient;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant();
  team = await api.fixtures.team(tenant.id, `Existing team ${unique()}`);
  member = await api.fixtures.participant(tenant.id);
  const admin = await api.fixtures.orgAdmin(tenant.id);
  orgAdmin = api.client();
  expectData(await orgAdmin.login(admin.email, admin.password));
  const staff = await api.fixtures.platformAdmin();
  platformAdmin = api.client();
  expectData(await platformAdmin.login(staff.email, staff.password));
});

afterAll(async () => {
  await api?.close();
});

/** Row counts of everything a refused request could have written. */
async function everything(): Promise<Record<string, number>> {
  const tables = ['tenant', 'user_account', 'tenant_membership', 'team', 'team_member', 'invitation', 'password_reset', 'outbox_message', 'auth_session', 'platform_role'];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await api.fixtures.count(table);
  for (const table of ['tenant', 'team']) {
    const { rows } = await api.owner.query<{ fingerprint: string }>(`SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) AS fingerprint FROM ${table} t`);
    counts[`${table} ${oneRow(rows, `${table} fingerprint`).fingerprint}`] = 1;
  }
  return counts;
}

/** The request's single error, after checking its code, that it reveals nothing and wrote nothing. */
async function refused(client: TestClient, code: string, query: string, variables: Record<string, unknown>): Promise<GraphQLErrorShape> {
  const before = await everything();
  const result = await client.gql(query, variables);
  const error = expectError(result, code);
  expectNoInternals(result.body);
  expect(await everything()).toEqual(before);
  return error;
}

const CREATE_TEAM = 'mutation($name: String!) { createTeam(input: { name: $name }) { id } }';
const RENAME_TEAM = 'mutation($id: ID!, $name: String!) { renameTeam(input: { id: $id, name: $name }) { id name } }';
const CREATE_TENANT = 'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }';
const UPDATE_TENANT = 'mutation($input: UpdateTenantInput!) { updateTenant(input: $input) { id } }';
const INVITE_PARTICIPANT = 'mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id } }';

function validTenant(): Record<string, unknown> {
  const suffix = unique();
  return { name: `Valid organisation ${suffix}`, slug: `valid-${suffix}`, timeZone: 'Europe/London' };
}

describe('invalid input is refused with BAD_USER_INPUT, the field named, nothing written', () => {
  it.each([
    ['a team name of 121 characters', 'x'.repeat(121), /at most 120/],
    ['a blank team name', '   ', /Enter a team name/],
  ])('createTeam with %s', async (_label, name, message) => {
    const error = await refused(orgAdmin, 'BAD_USER_INPUT', CREATE_TEAM, { name });
    expect(fieldProblem(error, 'name')).toMatch(message);
  });

  it('renameTeam with a name of 121 characters', async () => {
    const error = await refused(orgAdmin, 'BAD_USER_INPUT', RENAME_TEAM, { id: team.id, name: 'y'.repeat(121) });
    fieldProblem(error, 'name');
  });

  it('a team name of exactly 120 characters is fine', async () => {
    const name = `${unique()}${'z'.repeat(110)}`;
    expect(expectData(await orgAdmin.gql<{ createTeam: { id: string } }>(CREATE_TEAM, { name })).createTeam.id).toBeTruthy();
  });

  it.each([
    ['name', { name: 'n'.repeat(161) }, /at most 160/],
    ['slug', { slug: 'Has Capitals' }, /lower-case/],
    ['slug', { slug: 'has space' }, /lower-case/],
    ['slug', { slug: 'double--hyphen' }, /single hyphens/],
    ['timeZone', { timeZone: 'Mars/Olympus' }, /time zone/],
    ['minReportingGroupSize', { minReportingGroupSize: 4 }, /at least 5/],
    ['locale', { locale: 'not a locale!' }, /locale/],
  ])('createTenant with a bad %s', async (field, change, message) => {
    const error = await refused(platformAdmin, 'BAD_USER_INPUT', CREATE_TENANT, { input: { ...validTenant(), ...change } });
    expect(fieldProblem(error, field)).toMatch(message);
  });

  it('createTenant reports every bad field at once', async () => {
    const error = await refused(platformAdmin, 'BAD_USER_INPUT', CREATE_TENANT, {
      input: { name: 'n'.repeat(161), slug: 'Bad Slug', timeZone: 'Mars/Olympus', minReportingGroupSize: 2 },
    });
    for (const field of ['name', 'slug', 'timeZone', 'minReportingGroupSize']) fieldProblem(error, field);
  });

  it.each([
    ['timeZone', { timeZone: 'Mars/Olympus' }],
    ['minReportingGroupSize', { minReportingGroupSize: 2 }],
    ['name', { name: 'n'.repeat(161) }],
    ['slug', { slug: 'UPPER' }],
  ])('updateTenant with a bad %s', async (field, change) => {
    const error = await refused(platformAdmin, 'BAD_USER_INPUT', UPDATE_TENANT, { input: { id: tenant.id, ...change } });
    fieldProblem(error, field);
  });

  it.each([
    ['a malformed address', 'not-an-email', /email address like/],
    ['an address of 255 characters', `${'a'.repeat(243)}@example.org`, /at most 254/],
    ['an address of 300 characters', `${'b'.repeat(288)}@example.org`, /at most 254/],
  ])('inviteParticipant with %s', async (_label, email, message) => {
    const error = await refused(orgAdmin, 'BAD_USER_INPUT', INVITE_PARTICIPANT, { input: { email } });
    expect(fieldProblem(error, 'email')).toMatch(message);
  });

  it('inviteOrgAdmin and inviteFacilitator with a malformed address', async () => {
    const orgAdminInvite = await refused(platformAdmin, 'BAD_USER_INPUT', 'mutation($id: ID!) { inviteOrgAdmin(input: { tenantId: $id, email: "nobody@" }) { id } }', {
      id: tenant.id,
    });
    fieldProblem(orgAdminInvite, 'email');
    const facilitatorInvite = await refused(platformAdmin, 'BAD_USER_INPUT', 'mutation { inviteFacilitator(input: { email: "two@@example.org" }) { id } }', {});
    fieldProblem(facilitatorInvite, 'email');
  });

  it('login and requestPasswordReset with a malformed address', async () => {
    const login = await refused(api.client(), 'BAD_USER_INPUT', 'mutation { login(input: { email: "not an email", password: "x" }) { viewer { id } } }', {});
    fieldProblem(login, 'email');
    const reset = await refused(api.client(), 'BAD_USER_INPUT', 'mutation { requestPasswordReset(email: "still not an email") }', {});
    fieldProblem(reset, 'email');
  });

  it('acceptInvitation with a short password', async () => {
    const invitation = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    const error = await refused(api.client(), 'BAD_USER_INPUT', 'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { viewer { id } } }', {
      input: { token: invitation.token, displayName: 'Short Password', password: 'short' },
    });
    expect(fieldProblem(error, 'password')).toMatch(/at least 12/);
    // The link was not spent by the refused attempt.
    expectData(await api.client().gql('query($token: String!) { invitationPreview(token: $token) { email } }', { token: invitation.token }));
  });

  it('auditEvents with a page size or page marker out of range', async () => {
    fieldProblem(await refused(platformAdmin, 'BAD_USER_INPUT', '{ auditEvents(limit: 0) { nextCursor } }', {}), 'limit');
    fieldProblem(await refused(platformAdmin, 'BAD_USER_INPUT', '{ auditEvents(cursor: "abc") { nextCursor } }', {}), 'cursor');
    fieldProblem(await refused(platformAdmin, 'BAD_USER_INPUT', '{ auditEvents(cursor: "9999999999999999999") { nextCursor } }', {}), 'cursor');
  });

  it.each(['------------------------------------', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', 'not-an-id'])('auditEvents filtered by the organisation id %s', async (tenantId) => {
    fieldProblem(await refused(platformAdmin, 'BAD_USER_INPUT', 'query($id: ID!) { auditEvents(tenantId: $id) { nextCursor } }', { id: tenantId }), 'tenantId');
  });

  it.each([
    ['a line break', 'Riverside\nFire and Rescue'],
    ['a forged header', 'Riverside\r\nBcc: everyone@example.org'],
  ])('an organisation name with %s is refused where it is typed, not in the email later', async (_label, name) => {
    const created = await refused(platformAdmin, 'BAD_USER_INPUT', CREATE_TENANT, { input: { ...validTenant(), name } });
    expect(fieldProblem(created, 'name')).toMatch(/one line/);
    const updated = await refused(platformAdmin, 'BAD_USER_INPUT', UPDATE_TENANT, { input: { id: tenant.id, name } });
    fieldProblem(updated, 'name');
    fieldProblem(await refused(orgAdmin, 'BAD_USER_INPUT', CREATE_TEAM, { name }), 'name');
  });
});

describe('updateTenant', () => {
  it('changes only the fields given, leaving the others as they were', async () => {
    const existing = await api.fixtures.tenant();
    await api.owner.query('UPDATE tenant SET min_reporting_group_size = 8, org_admins_see_individual_attendance = true, locale = $2 WHERE id = $1', [existing.id, 'cy']);
    const result = expectData(
      await platformAdmin.gql<{ updateTenant: Record<string, unknown> }>(
        'mutation($input: UpdateTenantInput!) { updateTenant(input: $input) { timeZone locale minReportingGroupSize orgAdminsSeeIndividualAttendance } }',
        { input: { id: existing.id, timeZone: 'Europe/Dublin' } },
      ),
    );
    expect(result.updateTenant).toEqual({ timeZone: 'Europe/Dublin', locale: 'cy', minReportingGroupSize: 8, orgAdminsSeeIndividualAttendance: true });
  });
});

describe('unknown ids are NOT_FOUND, random uuid or not a uuid at all', () => {
  const ORG_ADMIN_CASES: [string, string, (id: string) => Record<string, unknown>][] = [
    ['team', 'query($id: ID!) { team(id: $id) { id } }', (id) => ({ id })],
    ['renameTeam', 'mutation($id: ID!) { renameTeam(input: { id: $id, name: "Whatever" }) { id } }', (id) => ({ id })],
    ['archiveTeam', 'mutation($id: ID!) { archiveTeam(id: $id) { id } }', (id) => ({ id })],
    ['restoreTeam', 'mutation($id: ID!) { restoreTeam(id: $id) { id } }', (id) => ({ id })],
    ['deleteTeam', 'mutation($id: ID!) { deleteTeam(id: $id) }', (id) => ({ id })],
    ['addTeamMember (team)', 'mutation($id: ID!, $user: ID!) { addTeamMember(input: { teamId: $id, userId: $user }) { id } }', (id) => ({ id, user: member.id })],
    ['addTeamMember (person)', 'mutation($id: ID!, $team: ID!) { addTeamMember(input: { teamId: $team, userId: $id }) { id } }', (id) => ({ id, team: team.id })],
    ['removeTeamMember (person)', 'mutation($id: ID!, $team: ID!) { removeTeamMember(input: { teamId: $team, userId: $id }) { id } }', (id) => ({ id, team: team.id })],
    ['changeMemberRole', 'mutation($id: ID!) { changeMemberRole(input: { userId: $id, role: ORG_ADMIN }) { userId } }', (id) => ({ id })],
    ['removeMember', 'mutation($id: ID!) { removeMember(userId: $id) }', (id) => ({ id })],
    ['revokeInvitation', 'mutation($id: ID!) { revokeInvitation(id: $id) { id } }', (id) => ({ id })],
    ['resendInvitation', 'mutation($id: ID!) { resendInvitation(id: $id) { id } }', (id) => ({ id })],
    ['inviteParticipant (team)', 'mutation($id: ID!) { inviteParticipant(input: { email: "someone-new@example.org", teamId: $id }) { id } }', (id) => ({ id })],
    ['tenant', 'query($id: ID!) { tenant(id: $id) { id } }', (id) => ({ id })],
    ['switchTenant', 'mutation($id: ID!) { switchTenant(tenantId: $id) { viewer { id } } }', (id) => ({ id })],
  ];
  const PLATFORM_ADMIN_CASES: [string, string, (id: string) => Record<string, unknown>][] = [
    ['tenant', 'query($id: ID!) { tenant(id: $id) { id } }', (id) => ({ id })],
    ['updateTenant', 'mutation($id: ID!) { updateTenant(input: { id: $id, name: "New name" }) { id } }', (id) => ({ id })],
    ['suspendTenant', 'mutation($id: ID!) { suspendTenant(id: $id) { id } }', (id) => ({ id })],
    ['reactivateTenant', 'mutation($id: ID!) { reactivateTenant(id: $id) { id } }', (id) => ({ id })],
    ['inviteOrgAdmin', 'mutation($id: ID!) { inviteOrgAdmin(input: { tenantId: $id, email: "someone@example.org" }) { id } }', (id) => ({ id })],
    ['tenantInvitations', 'query($id: ID!) { tenantInvitations(tenantId: $id) { id } }', (id) => ({ id })],
    ['tenantMembers', 'query($id: ID!) { tenantMembers(tenantId: $id) { userId } }', (id) => ({ id })],
    ['setFacilitatorActive', 'mutation($id: ID!) { setFacilitatorActive(userId: $id, active: false) { userId } }', (id) => ({ id })],
    ['revokeInvitation', 'mutation($id: ID!) { revokeInvitation(id: $id) { id } }', (id) => ({ id })],
    ['resendInvitation', 'mutation($id: ID!) { resendInvitation(id: $id) { id } }', (id) => ({ id })],
  ];

  const ids = () => [randomUUID(), 'abc', '00000000-0000-0000-0000-00000000000g', "1' OR '1'='1"];

  it.each(ORG_ADMIN_CASES)('as an org admin: %s', async (_name, query, variables) => {
    for (const id of ids()) await refused(orgAdmin, 'NOT_FOUND', query, variables(id));
  });

  it.each(PLATFORM_ADMIN_CASES)('as a platform admin: %s', async (_name, query, variables) => {
    for (const id of ids()) await refused(platformAdmin, 'NOT_FOUND', query, variables(id));
  });
});

describe('duplicates are CONFLICT', () => {
  it('a second organisation with the same short name', async () => {
    const input = validTenant();
    expectData(await platformAdmin.gql(CREATE_TENANT, { input }));
    const error = await refused(platformAdmin, 'CONFLICT', CREATE_TENANT, { input: { ...input, name: `Another ${unique()}` } });
    fieldProblem(error, 'slug');
  });

  it('renaming an organisation to a short name in use', async () => {
    const other = await api.fixtures.tenant();
    await refused(platformAdmin, 'CONFLICT', UPDATE_TENANT, { input: { id: tenant.id, slug: other.slug } });
  });

  it('a second live team with the same name, in any letter case', async () => {
    const error = await refused(orgAdmin, 'CONFLICT', CREATE_TEAM, { name: team.name.toUpperCase() });
    fieldProblem(error, 'name');
  });

  it('renaming a team to the name of another', async () => {
    const other = await api.fixtures.team(tenant.id);
    await refused(orgAdmin, 'CONFLICT', RENAME_TEAM, { id: other.id, name: team.name });
  });

  it('the same team name in another organisation is fine', async () => {
    const otherTenant = await api.fixtures.tenant();
    const otherAdmin = await api.fixtures.orgAdmin(otherTenant.id);
    const client = api.client();
    expectData(await client.login(otherAdmin.email, otherAdmin.password));
    expectData(await client.gql(CREATE_TEAM, { name: team.name }));
  });
});
