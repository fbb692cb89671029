import { expectData, expectError, fieldProblem } from './support/expectations';
import { unique, type TenantFixture, type UserFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

/**
 * Archive, restore, rename and delete, as an organisation admin does them. An archived team keeps
 * its name until it is renamed or deleted, so restoring it can never clash with a newer team.
 * Other tenants' ids, other roles and ids that are not ids are in isolation.test.ts and
 * bad-input.test.ts.
 */
let api: TestApi;
let tenant: TenantFixture;
let member: UserFixture;
let admin: TestClient;

interface TeamRow {
  id: string;
  name: string;
  archivedAt: string | null;
  memberCount: number;
}

const TEAM_FIELDS = 'id name archivedAt memberCount';
const CREATE = `mutation($name: String!) { createTeam(input: { name: $name }) { ${TEAM_FIELDS} } }`;
const RENAME = `mutation($id: ID!, $name: String!) { renameTeam(input: { id: $id, name: $name }) { ${TEAM_FIELDS} } }`;
const ARCHIVE = `mutation($id: ID!) { archiveTeam(id: $id) { ${TEAM_FIELDS} } }`;
const RESTORE = `mutation($id: ID!) { restoreTeam(id: $id) { ${TEAM_FIELDS} } }`;
const DELETE = 'mutation($id: ID!) { deleteTeam(id: $id) }';
const ADD_MEMBER = `mutation($teamId: ID!, $userId: ID!) { addTeamMember(input: { teamId: $teamId, userId: $userId }) { ${TEAM_FIELDS} } }`;
const REMOVE_MEMBER = `mutation($teamId: ID!, $userId: ID!) { removeTeamMember(input: { teamId: $teamId, userId: $userId }) { ${TEAM_FIELDS} } }`;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant();
  member = await api.fixtures.participant(tenant.id);
  const orgAdmin = await api.fixtures.orgAdmin(tenant.id);
  admin = api.client();
  expectData(await admin.login(orgAdmin.email, orgAdmin.password));
});

afterAll(async () => {
  await api?.close();
});

/** A team with one member, archived through the API. */
async function archivedTeam(name = `Night Shift ${unique()}`): Promise<TeamRow> {
  const created = expectData(await admin.gql<{ createTeam: TeamRow }>(CREATE, { name })).createTeam;
  expectData(await admin.gql(ADD_MEMBER, { teamId: created.id, userId: member.id }));
  const archived = expectData(await admin.gql<{ archiveTeam: TeamRow }>(ARCHIVE, { id: created.id })).archiveTeam;
  expect(archived.archivedAt).not.toBeNull();
  return archived;
}

async function teamRow(id: string): Promise<Record<string, unknown>> {
  const [row] = (await api.owner.query('SELECT name, archived_at, deleted_at, updated_at FROM team WHERE id = $1', [id])).rows;
  return row;
}

const listedIds = async () => expectData(await admin.gql<{ teams: { id: string }[] }>('{ teams(includeArchived: true) { id } }')).teams.map((team) => team.id);

describe('restoring an archived team', () => {
  it('brings it back with its members', async () => {
    const team = await archivedTeam();
    const restored = expectData(await admin.gql<{ restoreTeam: TeamRow }>(RESTORE, { id: team.id })).restoreTeam;
    expect(restored).toEqual({ id: team.id, name: team.name, archivedAt: null, memberCount: 1 });
    const active = expectData(await admin.gql<{ teams: { id: string }[] }>('{ teams { id } }')).teams.map((row) => row.id);
    expect(active).toContain(team.id);
    // Restored, it takes members again.
    expectData(await admin.gql(REMOVE_MEMBER, { teamId: team.id, userId: member.id }));
  });

  it('records archiving, restoring and deleting in the audit log, with the team’s name', async () => {
    const team = await archivedTeam();
    expectData(await admin.gql(RESTORE, { id: team.id }));
    expectData(await admin.gql(ARCHIVE, { id: team.id }));
    expectData(await admin.gql(DELETE, { id: team.id }));
    const { rows } = await api.owner.query<{ action: string; tenantId: string; name: string }>(
      `SELECT action, tenant_id AS "tenantId", detail->>'name' AS name FROM audit_event WHERE target_type = 'team' AND target_id = $1 ORDER BY id`,
      [team.id],
    );
    expect(rows).toEqual(['TEAM_ARCHIVED', 'TEAM_RESTORED', 'TEAM_ARCHIVED', 'TEAM_DELETED'].map((action) => ({ action, tenantId: tenant.id, name: team.name })));
  });

  it('refuses a team that is not archived, and changes nothing', async () => {
    const team = expectData(await admin.gql<{ createTeam: TeamRow }>(CREATE, { name: `Day Crew ${unique()}` })).createTeam;
    const before = await teamRow(team.id);
    expectError(await admin.gql(RESTORE, { id: team.id }), 'CONFLICT', 'This team is not archived, so there is nothing to restore.');
    expect(await teamRow(team.id)).toEqual(before);
  });
});

describe('archiving a team that is already archived', () => {
  it('keeps the date it was first archived, and records it again in the audit log', async () => {
    const team = await archivedTeam();
    const before = await teamRow(team.id);
    const again = expectData(await admin.gql<{ archiveTeam: TeamRow }>(ARCHIVE, { id: team.id })).archiveTeam;
    expect(again).toEqual(team);
    expect(await teamRow(team.id)).toEqual(before);
    expect(await api.fixtures.count('audit_event', "action = 'TEAM_ARCHIVED' AND target_id = $1", [team.id])).toBe(2);
  });
});

describe('an archived team’s name', () => {
  it('is not free for a new team, and the answer says why and what to do', async () => {
    const team = await archivedTeam();
    const result = await admin.gql(CREATE, { name: team.name.toLowerCase() });
    const error = expectError(result, 'CONFLICT', 'An archived team has that name. Restore it, or rename or delete it first.');
    expect(fieldProblem(error, 'name')).toBe(error.message);
    expect(await api.fixtures.count('team', 'tenant_id = $1 AND lower(name) = lower($2)', [tenant.id, team.name])).toBe(1);
    // So restoring it cannot clash.
    expectData(await admin.gql(RESTORE, { id: team.id }));
  });

  it('is not free for renaming another team either', async () => {
    const team = await archivedTeam();
    const other = expectData(await admin.gql<{ createTeam: TeamRow }>(CREATE, { name: `Other ${unique()}` })).createTeam;
    expectError(await admin.gql(RENAME, { id: other.id, name: team.name }), 'CONFLICT', /archived team has that name/);
  });

  it('is free once the archived team is renamed, and both can then be active', async () => {
    const team = await archivedTeam();
    const renamed = expectData(await admin.gql<{ renameTeam: TeamRow }>(RENAME, { id: team.id, name: `${team.name} (2025)` })).renameTeam;
    expect(renamed).toMatchObject({ name: `${team.name} (2025)`, archivedAt: team.archivedAt });
    const successor = expectData(await admin.gql<{ createTeam: TeamRow }>(CREATE, { name: team.name })).createTeam;
    expectData(await admin.gql(RESTORE, { id: team.id }));
    expect(await listedIds()).toEqual(expect.arrayContaining([team.id, successor.id]));
  });

  it('is free once the archived team is deleted', async () => {
    const team = await archivedTeam();
    expect(expectData(await admin.gql<{ deleteTeam: string }>(DELETE, { id: team.id })).deleteTeam).toBe(team.id);
    const successor = expectData(await admin.gql<{ createTeam: TeamRow }>(CREATE, { name: team.name })).createTeam;
    expect(successor).toMatchObject({ name: team.name, archivedAt: null, memberCount: 0 });
  });
});

describe('deleting a team', () => {
  it('takes an archived team out of every list and every answer, with its memberships', async () => {
    const team = await archivedTeam();
    expectData(await admin.gql(DELETE, { id: team.id }));
    expect(await listedIds()).not.toContain(team.id);
    expectError(await admin.gql('query($id: ID!) { team(id: $id) { id } }', { id: team.id }), 'NOT_FOUND', 'That team was not found.');
    const members = expectData(await admin.gql<{ members: { userId: string; teamIds: string[] }[] }>('{ members { userId teamIds } }')).members;
    expect(members.find((row) => row.userId === member.id)?.teamIds).not.toContain(team.id);
    expect(await api.fixtures.count('team_member', 'team_id = $1', [team.id])).toBe(0);
    // Gone for good: it cannot be restored, renamed or deleted again.
    for (const [query, variables] of [
      [RESTORE, { id: team.id }],
      [RENAME, { id: team.id, name: `Back ${unique()}` }],
      [DELETE, { id: team.id }],
      [ARCHIVE, { id: team.id }],
    ] as const) {
      expectError(await admin.gql(query, variables), 'NOT_FOUND', 'That team was not found.');
    }
    // The row stays, for the history that will point at it.
    expect(await teamRow(team.id)).toMatchObject({ deleted_at: expect.any(Date) });
  });

  it('refuses a team that is still active: archive it first', async () => {
    const team = expectData(await admin.gql<{ createTeam: TeamRow }>(CREATE, { name: `Still meeting ${unique()}` })).createTeam;
    expectData(await admin.gql(ADD_MEMBER, { teamId: team.id, userId: member.id }));
    const before = await teamRow(team.id);
    expectError(await admin.gql(DELETE, { id: team.id }), 'CONFLICT', 'Archive the team before deleting it.');
    expect(await teamRow(team.id)).toEqual(before);
    expect(await api.fixtures.count('team_member', 'team_id = $1', [team.id])).toBe(1);
  });

  it('does not let an invitation sent for the team add anyone to it later', async () => {
    const team = await archivedTeam();
    const invitation = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT', teamId: team.id });
    expectData(await admin.gql(DELETE, { id: team.id }));
    const invitee = api.client();
    expectData(
      await invitee.gql('mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { viewer { id } } }', {
        input: { token: invitation.token, displayName: 'New Starter', password: `A long new passphrase ${unique()}` },
      }),
    );
    expect(await api.fixtures.count('team_member', 'team_id = $1', [team.id])).toBe(0);
  });
});

describe('an archived team’s members', () => {
  it('cannot be changed until the team is restored', async () => {
    const team = await archivedTeam();
    const other = await api.fixtures.participant(tenant.id);
    expectError(await admin.gql(ADD_MEMBER, { teamId: team.id, userId: other.id }), 'CONFLICT', 'People cannot be added to an archived team. Restore it first.');
    expectError(await admin.gql(REMOVE_MEMBER, { teamId: team.id, userId: member.id }), 'CONFLICT', 'The members of an archived team cannot be changed. Restore it first.');
    expect(await api.fixtures.count('team_member', 'team_id = $1', [team.id])).toBe(1);
  });
});

describe('inviting someone to an archived team', () => {
  const INVITE = 'mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id teamId status } }';
  const ARCHIVED_TEAM_INVITE = 'People cannot be invited to an archived team. Restore it first, or choose another team.';

  it('is refused when the invitation is sent, on the team field, and nothing is sent', async () => {
    const team = await archivedTeam();
    const email = `${unique()}@example.test`;
    const error = expectError(await admin.gql(INVITE, { input: { email, teamId: team.id } }), 'CONFLICT', ARCHIVED_TEAM_INVITE);
    expect(fieldProblem(error, 'teamId')).toBe(ARCHIVED_TEAM_INVITE);
    expect(await api.fixtures.count('invitation', 'email = $1', [email])).toBe(0);
    expect(await api.fixtures.count('outbox_message', "payload->>'to' = $1", [email])).toBe(0);
  });

  it('lets an invitation sent before the team was archived admit its person to the organisation, not to the team', async () => {
    const team = expectData(await admin.gql<{ createTeam: TeamRow }>(CREATE, { name: `Late Shift ${unique()}` })).createTeam;
    const invitation = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT', teamId: team.id });
    expectData(await admin.gql(ARCHIVE, { id: team.id }));
    const joined = expectData(
      await api
        .client()
        .gql<{ acceptInvitation: { viewer: { id: string; tenantRole: string } } }>(
          'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { viewer { id tenantRole } } }',
          { input: { token: invitation.token, displayName: 'New Starter', password: `A long new passphrase ${unique()}` } },
        ),
    ).acceptInvitation.viewer;
    expect(joined.tenantRole).toBe('PARTICIPANT');
    expect(await api.fixtures.count('team_member', 'team_id = $1', [team.id])).toBe(0);
    // Restored, the team is as it was when archived: the newcomer is not slipped into it.
    expect(expectData(await admin.gql<{ restoreTeam: TeamRow }>(RESTORE, { id: team.id })).restoreTeam.memberCount).toBe(0);
  });

  it('is allowed again once the team is restored', async () => {
    const team = await archivedTeam();
    expectData(await admin.gql(RESTORE, { id: team.id }));
    const email = `${unique()}@example.test`;
    const invited = expectData(await admin.gql<{ inviteParticipant: { teamId: string; status: string } }>(INVITE, { input: { email, teamId: team.id } }));
    expect(invited.inviteParticipant).toEqual({ id: expect.any(String), teamId: team.id, status: 'PENDING' });
    expect(await api.fixtures.count('outbox_message', "payload->>'to' = $1", [email])).toBe(1);
  });
});
