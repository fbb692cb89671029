import { expectData, must } from './support/expectations';
import type { TenantFixture, UserFixture } from './support/fixtures';
import { countStatements, type StatementCounter } from './support/statement-counter';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

/**
 * `Team.members` loads through a per-request DataLoader: a list of teams with their members costs
 * the same few statements whether it has two teams or twenty (counted where they leave the API:
 * support/statement-counter.ts).
 */
let api: TestApi;
let counter: StatementCounter;

interface TeamWithMembers {
  id: string;
  name: string;
  members: { userId: string; teamIds: string[] }[];
}

const TEAMS_WITH_MEMBERS = '{ teams { id name members { userId teamIds } } }';

beforeAll(async () => {
  api = await startTestApi();
  counter = countStatements(api);
});

afterAll(async () => {
  await api?.close();
});

/** An organisation with `teamCount` teams of two members each (one of them in every team). */
async function organisationWithTeams(teamCount: number): Promise<{ tenant: TenantFixture; everywhere: UserFixture; client: TestClient; teamIds: string[] }> {
  const tenant = await api.fixtures.tenant();
  const orgAdmin = await api.fixtures.orgAdmin(tenant.id);
  const everywhere = await api.fixtures.participant(tenant.id);
  const teamIds: string[] = [];
  for (let index = 0; index < teamCount; index += 1) {
    const team = await api.fixtures.team(tenant.id);
    const own = await api.fixtures.participant(tenant.id);
    await api.fixtures.teamMember(tenant.id, team.id, everywhere.id);
    await api.fixtures.teamMember(tenant.id, team.id, own.id);
    teamIds.push(team.id);
  }
  const client = api.client();
  expectData(await client.login(orgAdmin.email, orgAdmin.password));
  return { tenant, everywhere, client, teamIds };
}

async function statementsFor(client: TestClient): Promise<{ statements: string[]; teams: TeamWithMembers[] }> {
  const { statements, result } = await counter.during(async () => expectData(await client.gql<{ teams: TeamWithMembers[] }>(TEAMS_WITH_MEMBERS)).teams);
  return { statements, teams: result };
}

describe('the teams list with members', () => {
  it.each([2, 20])('takes at most 4 statements with %i teams, and gives each team exactly its own members', async (teamCount) => {
    const { everywhere, client, teamIds } = await organisationWithTeams(teamCount);
    const { statements, teams } = await statementsFor(client);

    expect(teams.map((team) => team.id).sort()).toEqual([...teamIds].sort());
    for (const team of teams) {
      expect(team.members).toHaveLength(2);
      expect(team.members.map((member) => member.userId)).toContain(everywhere.id);
      for (const member of team.members) expect(member.teamIds).toContain(team.id);
    }
    // Opening the transaction (with the tenant and the session check), the teams, their members, COMMIT.
    expect(statements[0]).toMatch(/^BEGIN; SELECT set_config/);
    expect({ statements, atMostFour: statements.length <= 4 }).toEqual({ statements, atMostFour: true });
  });

  it('costs the same for twenty teams as for two', async () => {
    const few = await statementsFor((await organisationWithTeams(2)).client);
    const many = await statementsFor((await organisationWithTeams(20)).client);
    expect(many.statements.length).toBe(few.statements.length);
  });

  it('never shares a loader between requests: a member added between two requests shows in the second', async () => {
    const { tenant, client, teamIds } = await organisationWithTeams(2);
    const teamId = must(teamIds[0], 'a team');
    const before = (await statementsFor(client)).teams.find((team) => team.id === teamId)!;
    const newcomer = await api.fixtures.participant(tenant.id);
    await api.fixtures.teamMember(tenant.id, teamId, newcomer.id);
    const after = (await statementsFor(client)).teams.find((team) => team.id === teamId)!;
    expect(after.members.map((member) => member.userId)).toEqual(expect.arrayContaining([...before.members.map((member) => member.userId), newcomer.id]));
    expect(after.members).toHaveLength(before.members.length + 1);
  });
});
