import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { expectData, must } from './support/expectations';
import type { TenantFixture, UserFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

/**
 * `Team.members` loads through a per-request DataLoader: a list of teams with their members costs
 * the same few statements whether it has two teams or twenty. Statements are counted where they
 * leave the API, on the clients of its own connection pool, so nothing the API sends is missed.
 */
let api: TestApi;
let sent: string[] | null = null;

interface TeamWithMembers {
  id: string;
  name: string;
  members: { userId: string; teamIds: string[] }[];
}

const TEAMS_WITH_MEMBERS = '{ teams { id name members { userId teamIds } } }';

beforeAll(async () => {
  api = await startTestApi();
  countStatementsOf((api.app.get(DataSource).driver as unknown as { master: Pool }).master);
});

afterAll(async () => {
  await api?.close();
});

/** Records the text of every query sent on a client of `pool` while `sent` is an array. */
function countStatementsOf(pool: Pool): void {
  const wrapped = new WeakSet<PoolClient>();
  // Every checkout, whichever way it is asked for (TypeORM uses callbacks, the unit of work promises).
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const counting = (...args: unknown[]): unknown => {
      const [text] = args;
      sent?.push(typeof text === 'string' ? text : String((text as { text?: unknown }).text));
      return query(...args);
    };
    Object.assign(client, { query: counting });
  });
}

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
  await api.settled();
  sent = [];
  try {
    const { teams } = expectData(await client.gql<{ teams: TeamWithMembers[] }>(TEAMS_WITH_MEMBERS));
    await api.settled();
    return { statements: sent, teams };
  } finally {
    sent = null;
  }
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
