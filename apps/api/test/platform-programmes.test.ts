import { randomUUID } from 'node:crypto';
import { expectData, expectError, fieldProblem } from './support/expectations';
import { unique, type TeamFixture, type TenantFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { countStatements, type StatementCounter } from './support/statement-counter';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

/** The platform admins' list of programmes in every organisation: filters, pages and session counts. */
let api: TestApi;
let counter: StatementCounter;
let platformClient: TestClient;
let alpha: { tenant: TenantFixture; team: TeamFixture };
let bravo: { tenant: TenantFixture; team: TeamFixture };
/** By name: the programmes this file made, with their organisation, status and service. */
const made = new Map<string, { id: string; tenantId: string; status: string; serviceType: string }>();

interface Listing {
  programme: { id: string; title: string; tenantName: string; status: string; serviceType: string };
  nextSessionStartsAt: string | null;
  sessionsHeld: number;
  sessionsPlanned: number;
}
interface Page {
  items: Listing[];
  nextCursor: string | null;
}

const LIST = `query($filter: ProgrammeListFilter, $first: Int, $after: String) {
  platformProgrammes(filter: $filter, first: $first, after: $after) {
    items { programme { id title tenantName status serviceType } nextSessionStartsAt sessionsHeld sessionsPlanned } nextCursor } }`;

async function list(variables: Record<string, unknown> = {}): Promise<Page> {
  return expectData(await platformClient.gql<{ platformProgrammes: Page }>(LIST, variables)).platformProgrammes;
}

/** Only this file's programmes (other files' organisations do not share this database, but be precise). */
const ours = (page: Page) => page.items.filter((item) => [...made.values()].some((p) => p.id === item.programme.id));

async function programme(name: string, world: { tenant: TenantFixture; team: TeamFixture }, status: string, serviceType: 'GRP' | 'GTS'): Promise<string> {
  const created = await api.fixtures.programme(world.tenant.id, world.team.id, { title: `${name} ${unique()}`, serviceType });
  await api.fixtures.asTenant(world.tenant.id, 'UPDATE programme SET status = $3 WHERE tenant_id = $1 AND id = $2', [world.tenant.id, created.id, status]);
  made.set(name, { id: created.id, tenantId: world.tenant.id, status, serviceType });
  return created.id;
}

beforeAll(async () => {
  api = await startTestApi();
  counter = countStatements(api);
  platformClient = await signedIn(api, await api.fixtures.platformAdmin());
  for (const label of ['Alpha', 'Bravo']) {
    const tenant = await api.fixtures.tenant({ name: `${label} Trust ${unique()}` });
    const world = { tenant, team: await api.fixtures.team(tenant.id) };
    if (label === 'Alpha') alpha = world;
    else bravo = world;
  }
  // Oldest first, so the list (newest first) reads them backwards.
  await programme('alpha requested', alpha, 'REQUESTED', 'GRP');
  const running = await programme('alpha running', alpha, 'ACTIVE', 'GTS');
  await programme('alpha accepted', alpha, 'ACCEPTED', 'GRP');
  await programme('bravo completed', bravo, 'COMPLETED', 'GTS');
  await programme('bravo cancelled', bravo, 'CANCELLED', 'GRP');
  await programme('bravo proposed', bravo, 'PROPOSED', 'GTS');
  // The running programme: two sessions held, one cancelled, two to come.
  const day = 86_400_000;
  const sessions = [-14, -7, 3, 7, 14].map((days, index) => ({ sequence: index + 1, startsAt: new Date(Date.now() + days * day) }));
  const ids: string[] = [];
  for (const session of sessions) ids.push((await api.fixtures.groupSession(alpha.tenant.id, running, session.sequence, session.startsAt)).id);
  await api.fixtures.asTenant(alpha.tenant.id, `UPDATE group_session SET status = 'CANCELLED' WHERE tenant_id = $1 AND id = $2`, [alpha.tenant.id, ids[2]]);
});

afterAll(async () => {
  await api?.close();
});

const idOf = (name: string) => made.get(name)!.id;

describe('platformProgrammes', () => {
  it('lists the agreed programmes of every organisation by default, newest first, with the organisation’s name', async () => {
    const page = await list();
    expect(ours(page).map((item) => item.programme.id)).toEqual([idOf('bravo cancelled'), idOf('bravo completed'), idOf('alpha accepted'), idOf('alpha running')]);
    const names = Object.fromEntries(ours(page).map((item) => [item.programme.id, item.programme.tenantName]));
    expect(names[idOf('bravo completed')]).toBe(bravo.tenant.name);
    expect(names[idOf('alpha running')]).toBe(alpha.tenant.name);
  });

  it('counts a programme’s sessions: the next to come, those held, and those planned (not cancelled)', async () => {
    const running = ours(await list()).find((item) => item.programme.id === idOf('alpha running'))!;
    expect(running.sessionsHeld).toBe(2);
    expect(running.sessionsPlanned).toBe(4);
    // The session in three days was cancelled: the next is the one in a week.
    const inAWeek = Date.now() + 7 * 86_400_000;
    expect(Math.abs(Date.parse(running.nextSessionStartsAt!) - inAWeek)).toBeLessThan(120_000);
    const accepted = ours(await list()).find((item) => item.programme.id === idOf('alpha accepted'))!;
    expect(accepted).toMatchObject({ nextSessionStartsAt: null, sessionsHeld: 0, sessionsPlanned: 0 });
  });

  it.each<[string, { statuses?: string[]; tenant?: 'alpha' | 'bravo'; serviceType?: string }, string[]]>([
    ['a status', { statuses: ['PROPOSED', 'REQUESTED'] }, ['bravo proposed', 'alpha requested']],
    ['an organisation', { tenant: 'bravo' }, ['bravo cancelled', 'bravo completed']],
    ['a service', { serviceType: 'GTS' }, ['bravo completed', 'alpha running']],
    ['all three at once', { statuses: ['ACTIVE', 'COMPLETED', 'REQUESTED'], tenant: 'alpha', serviceType: 'GTS' }, ['alpha running']],
  ])('filters by %s', async (_what, { tenant, ...filter }, expected) => {
    const tenantId = tenant === 'bravo' ? bravo.tenant.id : tenant === 'alpha' ? alpha.tenant.id : undefined;
    const page = await list({ filter: { ...filter, ...(tenantId ? { tenantId } : {}) } });
    expect(ours(page).map((item) => item.programme.id)).toEqual(expected.map(idOf));
  });

  it('pages with a cursor until the last page, missing and repeating nothing', async () => {
    const filter = { tenantId: alpha.tenant.id, statuses: ['REQUESTED', 'ACCEPTED', 'ACTIVE'] };
    const first = await list({ filter, first: 2 });
    expect(first.items.map((item) => item.programme.id)).toEqual([idOf('alpha accepted'), idOf('alpha running')]);
    expect(first.nextCursor).toBe(idOf('alpha running'));
    const second = await list({ filter, first: 2, after: first.nextCursor });
    expect(second.items.map((item) => item.programme.id)).toEqual([idOf('alpha requested')]);
    expect(second.nextCursor).toBeNull();
  });

  it('takes the same statements for a page of one as for a page of six', async () => {
    const one = await counter.during(() => list({ first: 1, filter: { statuses: ['REQUESTED', 'PROPOSED', 'ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] } }));
    const six = await counter.during(() => list({ first: 6, filter: { statuses: ['REQUESTED', 'PROPOSED', 'ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED'] } }));
    expect(six.result.items).toHaveLength(6);
    expect(six.statements.length).toBe(one.statements.length);
    // Opening the transaction (with the session check), the page, COMMIT.
    expect(six.statements.length).toBeLessThanOrEqual(3);
  });

  it.each([
    [{ first: 0 }, 'first', 'Show at least one programme.'],
    [{ first: 101 }, 'first', 'Show at most 100 programmes at a time.'],
    [{ after: 'not-a-cursor' }, 'after', 'That id is not valid.'],
    [{ filter: { tenantId: 'not-an-id' } }, 'tenantId', 'That id is not valid.'],
  ])('refuses %j as BAD_USER_INPUT', async (variables, field, message) => {
    const error = expectError(await platformClient.gql(LIST, variables), 'BAD_USER_INPUT');
    expect(fieldProblem(error, field)).toBe(message);
  });

  it('answers an organisation that does not exist, or a cursor of no programme, with an empty page', async () => {
    expect((await list({ filter: { tenantId: randomUUID() } })).items).toEqual([]);
    expect(await list({ after: randomUUID() })).toEqual({ items: [], nextCursor: null });
  });
});
