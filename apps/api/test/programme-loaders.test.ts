import { expectData } from './support/expectations';
import type { TenantFixture, UserFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { countStatements, type StatementCounter } from './support/statement-counter';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

/**
 * `Programme.enrolments`, `Programme.myEnrolment` and `Programme.sessions` load through per-request
 * DataLoaders: a list of programmes with all three costs the same few statements whether it holds
 * two programmes or twelve, and each programme still gets exactly its own rows.
 */
let api: TestApi;
let counter: StatementCounter;

const WITH_FIELDS = `id enrolments { userId } myEnrolment { enrolledAt agreementCurrent } sessions { id sequence }`;

interface Listed {
  id: string;
  enrolments: { userId: string }[] | null;
  myEnrolment: { enrolledAt: string; agreementCurrent: boolean } | null;
  sessions: { id: string; sequence: number }[];
}

/** What one programme was given: who is enrolled and which sessions it has. */
interface Planted {
  enrolled: string[];
  sessionIds: string[];
}

beforeAll(async () => {
  api = await startTestApi();
  counter = countStatements(api);
});

afterAll(async () => {
  await api?.close();
});

/**
 * `count` programmes in a fresh organisation, each with two people of its own enrolled (the org
 * admin too, in every other one) and `index + 1` sessions, so a mix-up between programmes shows.
 */
async function organisationWithProgrammes(count: number, facilitator?: UserFixture, tenant?: TenantFixture) {
  const org = tenant ?? (await api.fixtures.tenant());
  const orgAdmin = await api.fixtures.orgAdmin(org.id);
  const team = await api.fixtures.team(org.id);
  const planted = new Map<string, Planted>();
  for (let index = 0; index < count; index += 1) {
    const programme = await api.fixtures.programme(org.id, team.id);
    const enrolled = [(await api.fixtures.participant(org.id)).id, (await api.fixtures.participant(org.id)).id];
    if (index % 2 === 0) enrolled.push(orgAdmin.id);
    for (const userId of enrolled) await api.fixtures.enrolment(org.id, programme.id, userId);
    const sessionIds: string[] = [];
    for (let sequence = 1; sequence <= index + 1; sequence += 1) {
      sessionIds.push((await api.fixtures.groupSession(org.id, programme.id, sequence, new Date(Date.UTC(2027, 2, 17 + 7 * sequence, 10)))).id);
    }
    if (facilitator) await api.fixtures.programmeFacilitator(org.id, programme.id, facilitator.id);
    planted.set(programme.id, { enrolled, sessionIds });
  }
  return { org, orgAdmin, planted, client: await signedIn(api, orgAdmin) };
}

async function listed(client: TestClient, query: string, field: 'programmes' | 'myProgrammes') {
  const { statements, result } = await counter.during(async () => expectData(await client.gql<Record<string, Listed[]>>(query))[field] ?? []);
  return { statements, programmes: result };
}

function expectEachHasItsOwn(programmes: Listed[], planted: Map<string, Planted>, orgAdminId: string): void {
  expect(programmes.map((p) => p.id).sort()).toEqual([...planted.keys()].sort());
  for (const programme of programmes) {
    const own = planted.get(programme.id)!;
    expect(programme.enrolments?.map((e) => e.userId).sort()).toEqual([...own.enrolled].sort());
    expect(programme.myEnrolment !== null).toBe(own.enrolled.includes(orgAdminId));
    expect(programme.sessions.map((s) => s.id)).toEqual(own.sessionIds);
    expect(programme.sessions.map((s) => s.sequence)).toEqual(own.sessionIds.map((_, index) => index + 1));
  }
}

describe('an organisation’s programmes with their enrolments, own enrolment and sessions', () => {
  const PROGRAMMES = `{ programmes { ${WITH_FIELDS} } }`;

  it.each([2, 12])('take at most 6 statements for %i programmes, each programme with exactly its own rows', async (count) => {
    const { orgAdmin, planted, client } = await organisationWithProgrammes(count);
    const { statements, programmes } = await listed(client, PROGRAMMES, 'programmes');
    expectEachHasItsOwn(programmes, planted, orgAdmin.id);
    // Opening the transaction (with the session check), the programmes, the enrolments, the
    // signed-in person's own enrolments, the sessions, COMMIT.
    expect(statements[0]).toMatch(/^BEGIN; SELECT set_config/);
    expect({ statements, atMostSix: statements.length <= 6 }).toEqual({ statements, atMostSix: true });
  });

  it('cost the same for twelve programmes as for two', async () => {
    const few = await listed((await organisationWithProgrammes(2)).client, PROGRAMMES, 'programmes');
    const many = await listed((await organisationWithProgrammes(12)).client, PROGRAMMES, 'programmes');
    expect(many.programmes).toHaveLength(12);
    expect(many.statements.length).toBe(few.statements.length);
  });

  it('never shares a loader between requests: an enrolment made between two requests shows in the second', async () => {
    const { org, planted, client } = await organisationWithProgrammes(2);
    const [programmeId] = [...planted.keys()];
    const before = (await listed(client, PROGRAMMES, 'programmes')).programmes.find((p) => p.id === programmeId)!;
    const newcomer = await api.fixtures.participant(org.id);
    await api.fixtures.enrolment(org.id, programmeId!, newcomer.id);
    const after = (await listed(client, PROGRAMMES, 'programmes')).programmes.find((p) => p.id === programmeId)!;
    expect(after.enrolments?.map((e) => e.userId)).toContain(newcomer.id);
    expect(after.enrolments).toHaveLength(before.enrolments!.length + 1);
  });
});

describe('a facilitator’s programmes in two organisations with their sessions', () => {
  const MY_PROGRAMMES = `{ myProgrammes { id tenantId sessions { id sequence } } }`;

  async function facilitatorIn(countEach: number) {
    const facilitator = await api.fixtures.facilitator();
    const first = await organisationWithProgrammes(countEach, facilitator);
    const second = await organisationWithProgrammes(countEach, facilitator);
    // Another facilitator's programme in the same organisation, which the batch must not reach.
    const elsewhere = await organisationWithProgrammes(1, await api.fixtures.facilitator(), first.org);
    return { client: await signedIn(api, facilitator), planted: new Map([...first.planted, ...second.planted]), hidden: [...elsewhere.planted.keys()] };
  }

  it('reads every organisation’s sessions in one statement, each programme only its own', async () => {
    const few = await facilitatorIn(1);
    const many = await facilitatorIn(6);
    const fewListed = await listed(few.client, MY_PROGRAMMES, 'myProgrammes');
    const manyListed = await listed(many.client, MY_PROGRAMMES, 'myProgrammes');

    expect(manyListed.programmes.map((p) => p.id).sort()).toEqual([...many.planted.keys()].sort());
    expect(manyListed.programmes.map((p) => p.id)).not.toContain(many.hidden[0]);
    for (const programme of manyListed.programmes) expect(programme.sessions.map((s) => s.id)).toEqual(many.planted.get(programme.id)!.sessionIds);
    expect(manyListed.statements.length).toBe(fewListed.statements.length);
    expect(manyListed.statements.filter((text) => /FROM group_session/.test(text))).toHaveLength(1);
  });
});

describe('a participant’s own programmes', () => {
  it('show their own enrolment in each, read in one statement', async () => {
    const org = await api.fixtures.tenant();
    const team = await api.fixtures.team(org.id);
    const participant = await api.fixtures.participant(org.id);
    const enrolledIn: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const programme = await api.fixtures.programme(org.id, team.id);
      // Enrolled in the first two; the third is someone else's.
      await api.fixtures.enrolment(org.id, programme.id, index < 2 ? participant.id : (await api.fixtures.participant(org.id)).id);
      if (index < 2) enrolledIn.push(programme.id);
    }
    const client = await signedIn(api, participant);
    const { statements, result } = await counter.during(() => client.gql<{ myProgrammes: Listed[] }>(`{ myProgrammes { id myEnrolment { enrolledAt agreementCurrent } } }`));
    const mine = expectData(result).myProgrammes;
    expect(mine.map((p) => p.id).sort()).toEqual([...enrolledIn].sort());
    for (const programme of mine) expect(programme.myEnrolment).toMatchObject({ agreementCurrent: false });
    expect(statements.filter((text) => /FROM enrolment WHERE tenant_id = \$1 AND programme_id = ANY/.test(text))).toHaveLength(1);
  });
});
