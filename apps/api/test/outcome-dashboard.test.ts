import { randomUUID } from 'node:crypto';
import { outcomeRollupJobId, QueueName } from '@lena/jobs';
import { Queue } from 'bullmq';
import { expectData, expectError, fieldProblem } from './support/expectations';
import { unique, WORK_BURNOUT_SUBSCALES, workBurnoutPairs, type ProgrammeFixture, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { publishedFeedback } from './support/published-feedback';
import { countStatements } from './support/statement-counter';
import { requireEnv, startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const CHANGE = `instrumentKey subscaleKey title shown withheldReason message n meanDifference meanDifferenceCi95 { lower upper } hedgesG hedgesGCi95 { lower upper } reliable { improved unchanged deteriorated } summary`;
const DASHBOARD = `query($filter: OutcomeDashboardFilterInput) { outcomeDashboard(filter: $filter) {
  minGroupSize
  teams { id name }
  programmeOptions { id name }
  total { programmes sessions { bought planned delivered cancelled } attendance { shown message people rate } changes { ${CHANGE} } }
  programmes { programmeId title teamName attendance { shown message people rate } changes { ${CHANGE} } }
  sessionsByMonth { month planned delivered cancelled }
  changeTrends { subscaleKey points { month change { ${CHANGE} } } }
} }`;
const PROGRAMME_OUTCOMES = `query($id: ID!) { programmeOutcomes(programmeId: $id) { programmeId title computedAt attendance { shown message people } changes { ${CHANGE} } } }`;

interface Change {
  subscaleKey: string;
  shown: boolean;
  message: string | null;
  n: number | null;
  meanDifference: number | null;
  hedgesG: number | null;
  hedgesGCi95: { lower: number; upper: number } | null;
  reliable: { improved: number } | null;
  summary: string | null;
}
interface ProgrammeEntry {
  programmeId: string;
  title: string;
  attendance: { shown: boolean; message: string | null; people: number | null };
  changes: Change[];
}
interface Dashboard {
  minGroupSize: number;
  teams: Array<{ id: string; name: string }>;
  programmeOptions: Array<{ id: string; name: string }>;
  total: { programmes: number; sessions: { bought: number; delivered: number }; attendance: { shown: boolean; people: number | null }; changes: Change[] };
  programmes: ProgrammeEntry[];
  sessionsByMonth: Array<{ month: string; delivered: number }>;
  changeTrends: Array<{ subscaleKey: string; points: Array<{ month: string; change: Change }> }>;
}

let api: TestApi;
let tenant: TenantFixture;
let otherTenant: TenantFixture;
let teamX: TeamFixture;
let teamY: TeamFixture;
let a: ProgrammeFixture;
let b: ProgrammeFixture;
let c: ProgrammeFixture;
let adminClient: TestClient;
let otherAdminClient: TestClient;
let participantClient: TestClient;
let assignedClient: TestClient;
let unassignedClient: TestClient;
let facilitator: UserFixture;
let outcomesQueue: Queue;

/**
 * Writes the programme's rollup as the worker's refresh does: `pairs` people whose work-related
 * burnout fell by about 8 (the same first people on every call), the live figures recomputed and
 * published by the domain's rule against what the row published before.
 */
async function rollUp(programme: ProgrammeFixture, pairs: number, finalMonth: string): Promise<void> {
  await api.fixtures.outcomeRollup(programme.tenantId, programme.id, {
    sessionsBought: 6,
    sessions: [
      { status: 'DELIVERED', month: '2026-09' },
      { status: 'DELIVERED', month: finalMonth },
    ],
    attendance: { marked: pairs * 2, present: pairs * 2 - 1, attendees: pairs },
    measurements: workBurnoutPairs(programme.id, pairs, (index) => 52 + index - (index % 3) * 2),
    subscales: WORK_BURNOUT_SUBSCALES,
  });
}

async function dashboard(client: TestClient, filter: Record<string, unknown> | null = null): Promise<Dashboard> {
  return expectData(await client.gql<{ outcomeDashboard: Dashboard }>(DASHBOARD, { filter })).outcomeDashboard;
}

beforeAll(async () => {
  api = await startTestApi();
  outcomesQueue = new Queue(QueueName.outcomes, { connection: { url: requireEnv('REDIS_URL') }, prefix: api.config.queuePrefix });
  tenant = await api.fixtures.tenant({ name: `Outcomes Trust ${unique()}` });
  otherTenant = await api.fixtures.tenant({ name: `Elsewhere ${unique()}` });
  teamX = await api.fixtures.team(tenant.id, 'Night shift');
  teamY = await api.fixtures.team(tenant.id, 'Day shift');
  // A: 6 paired respondents, B: 4 (team X); C: 9 (team Y).
  a = await api.fixtures.programme(tenant.id, teamX.id, { title: 'A reflective practice' });
  b = await api.fixtures.programme(tenant.id, teamX.id, { title: 'B reflective practice' });
  c = await api.fixtures.programme(tenant.id, teamY.id, { title: 'C supervision', serviceType: 'GTS' });
  await rollUp(a, 6, '2026-10');
  await rollUp(b, 4, '2026-11');
  await rollUp(c, 9, '2026-11');
  adminClient = await signedIn(api, await api.fixtures.orgAdmin(tenant.id));
  otherAdminClient = await signedIn(api, await api.fixtures.orgAdmin(otherTenant.id));
  participantClient = await signedIn(api, await api.fixtures.participant(tenant.id));
  facilitator = await api.fixtures.facilitator();
  await api.fixtures.programmeFacilitator(tenant.id, c.id, facilitator.id);
  assignedClient = await signedIn(api, facilitator);
  unassignedClient = await signedIn(api, await api.fixtures.facilitator());
});

afterAll(async () => {
  await outcomesQueue?.close();
  await api?.close();
});

describe('outcomeDashboard', () => {
  it('shows the organisation’s change with its interval, effect size and n in words, from the rollups', async () => {
    const whole = await dashboard(adminClient);
    expect(whole.minGroupSize).toBe(5);
    expect(whole.total.programmes).toBe(3);
    expect(whole.total.sessions).toMatchObject({ bought: 18, delivered: 6 });
    const [total] = whole.total.changes;
    // B's four pairs were never published (fewer than 5): the organisation's change counts A's 6 and C's 9.
    expect(total).toMatchObject({ subscaleKey: 'work', shown: true, n: 15, message: null });
    expect(total!.hedgesG!).toBeLessThan(0);
    expect(total!.summary).toMatch(/^Work-related burnout fell by \d+ points on average \(95% CI \d+ to \d+\), a large effect, an improvement, n = 15$/);
    expect(whole.teams.map((team) => team.name)).toEqual(['Day shift', 'Night shift']);
    expect(whole.sessionsByMonth).toEqual([
      { month: '2026-09', delivered: 3, planned: 0, cancelled: 0 },
      { month: '2026-10', delivered: 1, planned: 0, cancelled: 0 },
      { month: '2026-11', delivered: 2, planned: 0, cancelled: 0 },
    ]);
  });

  it('shows “fewer than 5” for the change, n and effect sizes of a programme with four paired respondents, everywhere', async () => {
    const whole = await dashboard(adminClient);
    const fromDashboard = whole.programmes.find((entry) => entry.programmeId === b.id)!;
    const fromPage = expectData(await adminClient.gql<{ programmeOutcomes: ProgrammeEntry }>(PROGRAMME_OUTCOMES, { id: b.id })).programmeOutcomes;
    for (const entry of [fromDashboard, fromPage]) {
      expect(entry.changes[0]).toMatchObject({
        shown: false,
        message: 'Fewer than 5 responses',
        n: null,
        meanDifference: null,
        hedgesG: null,
        hedgesGCi95: null,
        reliable: null,
        summary: null,
      });
      expect(entry.attendance).toMatchObject({ shown: false, message: 'Fewer than 5 responses', people: null });
    }
    // Its month in the trend (B alone beside C) is withheld too, as is a filter to it.
    const byB = await dashboard(adminClient, { programmeId: b.id });
    expect(byB.total.changes[0]).toMatchObject({ shown: false, n: null });
    expect(JSON.stringify(byB)).not.toContain('"n":4');
  });

  it('defeats a differencing attack through two filters: team X (A and B) and programme A never differ by B’s four', async () => {
    const byTeam = await dashboard(adminClient, { teamId: teamX.id });
    const byA = await dashboard(adminClient, { programmeId: a.id });
    // B's four pairs were never published, so they are in no change figure: team X shows exactly A's.
    expect(byTeam.total.changes[0]).toMatchObject({ shown: true, n: 6 });
    expect(byTeam.total.changes).toEqual(byA.total.changes);
    // Attendance is decided live by complementary suppression: team X (A and B) and A never both show.
    expect([byTeam.total.attendance, byA.total.attendance].filter((figure) => figure.shown).length).toBeLessThanOrEqual(1);
    // And no figure anywhere, nor the organisation's total less A and C (15 − 6 − 9), carries B's 4.
    const whole = await dashboard(adminClient);
    expect(whole.total.changes[0]).toMatchObject({ n: 15 });
    for (const view of [byTeam, byA, whole]) expect(JSON.stringify(view)).not.toMatch(/"n":(4|10|13),/);
    const withheld = [byTeam.total.changes[0]!, byA.total.changes[0]!, ...whole.programmes.flatMap((entry) => entry.changes)].filter((change) => !change.shown);
    for (const change of withheld) expect(change.message).toMatch(/^Fewer than 5 responses$|cannot be worked out/);
  });

  it('refuses a period that ends before it starts (BAD_USER_INPUT) and a malformed month', async () => {
    const backwards = expectError(await adminClient.gql(DASHBOARD, { filter: { from: '2026-11', to: '2026-10' } }), 'BAD_USER_INPUT');
    expect(fieldProblem(backwards, 'to')).toBe('The period must start on or before the month it ends.');
    expectError(await adminClient.gql(DASHBOARD, { filter: { from: 'November' } }), 'BAD_USER_INPUT');
  });

  it('shows another organisation none of these programmes, and a filter naming them is NOT_FOUND', async () => {
    const theirs = await dashboard(otherAdminClient);
    expect(theirs.programmes).toEqual([]);
    expect(theirs.total.changes).toEqual([]);
    const withOurs = await otherAdminClient.gql(DASHBOARD, { filter: { programmeId: a.id } });
    const withNothing = await otherAdminClient.gql(DASHBOARD, { filter: { programmeId: randomUUID() } });
    expect(expectError(withOurs, 'NOT_FOUND')).toEqual(expectError(withNothing, 'NOT_FOUND'));
  });

  it('is FORBIDDEN to participants and facilitators', async () => {
    expectError(await participantClient.gql(DASHBOARD, {}), 'FORBIDDEN');
    expectError(await assignedClient.gql(DASHBOARD, {}), 'FORBIDDEN');
  });
});

describe('outcome figures over time', () => {
  it('defeats differencing between two reads: the sixth to ninth pairs change nothing shown, the tenth publishes again', async () => {
    const growing = await api.fixtures.tenant({ name: `Growing Trust ${unique()}` });
    const team = await api.fixtures.team(growing.id, 'Control room');
    const programme = await api.fixtures.programme(growing.id, team.id, { title: 'E reflective practice' });
    const other = await api.fixtures.programme(growing.id, team.id, { title: 'F reflective practice' });
    const admin = await signedIn(api, await api.fixtures.orgAdmin(growing.id));
    await rollUp(other, 5, '2026-10');
    await rollUp(programme, 5, '2026-11');
    const atFive = await dashboard(admin);
    const eAtFive = atFive.programmes.find((entry) => entry.programmeId === programme.id)!;
    expect(eAtFive.changes[0]).toMatchObject({ shown: true, n: 5 });
    expect(atFive.total.changes[0]).toMatchObject({ shown: true, n: 10 });
    const pageAtFive = expectData(await admin.gql<{ programmeOutcomes: ProgrammeEntry }>(PROGRAMME_OUTCOMES, { id: programme.id })).programmeOutcomes;
    for (const pairs of [6, 7, 8, 9]) {
      await rollUp(programme, pairs, '2026-11');
      const now = await dashboard(admin);
      // Every change figure, the programme's, the total and the trend, exactly as it was at five.
      expect(now.programmes.map((entry) => entry.changes)).toEqual(atFive.programmes.map((entry) => entry.changes));
      expect(now.total.changes).toEqual(atFive.total.changes);
      expect(now.changeTrends).toEqual(atFive.changeTrends);
      const page = expectData(await admin.gql<{ programmeOutcomes: ProgrammeEntry }>(PROGRAMME_OUTCOMES, { id: programme.id })).programmeOutcomes;
      expect(page.changes).toEqual(pageAtFive.changes);
    }
    await rollUp(programme, 10, '2026-11');
    const atTen = await dashboard(admin);
    const eAtTen = atTen.programmes.find((entry) => entry.programmeId === programme.id)!.changes[0]!;
    expect(eAtTen).toMatchObject({ shown: true, n: 10 });
    expect(eAtTen.meanDifference).not.toEqual(eAtFive.changes[0]!.meanDifference);
    expect(atTen.total.changes[0]).toMatchObject({ shown: true, n: 15 });
  });
});

describe('programmeOutcomes', () => {
  it('gives the assigned facilitator the same decisions as the organisation’s dashboard', async () => {
    const forFacilitator = expectData(await assignedClient.gql<{ programmeOutcomes: ProgrammeEntry }>(PROGRAMME_OUTCOMES, { id: c.id })).programmeOutcomes;
    const onDashboard = (await dashboard(adminClient)).programmes.find((entry) => entry.programmeId === c.id)!;
    expect(forFacilitator.changes).toEqual(onDashboard.changes);
    expect(forFacilitator.title).toBe('C supervision');
  });

  it('is NOT_FOUND to a facilitator not assigned, to the assigned one for another programme, and to another organisation’s admin', async () => {
    const random = expectError(await unassignedClient.gql(PROGRAMME_OUTCOMES, { id: randomUUID() }), 'NOT_FOUND');
    expect(expectError(await unassignedClient.gql(PROGRAMME_OUTCOMES, { id: c.id }), 'NOT_FOUND')).toEqual(random);
    expectError(await assignedClient.gql(PROGRAMME_OUTCOMES, { id: a.id }), 'NOT_FOUND');
    expectError(await otherAdminClient.gql(PROGRAMME_OUTCOMES, { id: c.id }), 'NOT_FOUND');
    expectError(await participantClient.gql(PROGRAMME_OUTCOMES, { id: c.id }), 'FORBIDDEN');
  });

  it('counts nothing for a programme not yet rolled up, whatever raw rows it has: the dashboard reads rollups only', async () => {
    const fresh = await api.fixtures.programme(tenant.id, teamY.id, { title: 'D not yet counted' });
    for (let index = 0; index < 6; index += 1) {
      for (const point of ['BASELINE', 'FINAL']) {
        await api.fixtures.asTenant(
          tenant.id,
          `INSERT INTO outcome_measurement (tenant_id, programme_id, instrument_key, instrument_version, point, pseudonym, scores) VALUES ($1, $2, 'cbi', 1, $3, $4, $5)`,
          [tenant.id, fresh.id, point, `d-${index}`, JSON.stringify([{ key: 'work', score: point === 'BASELINE' ? 70 : 40, answered: 7 }])],
        );
      }
    }
    const page = expectData(await adminClient.gql<{ programmeOutcomes: ProgrammeEntry & { computedAt: string | null } }>(PROGRAMME_OUTCOMES, { id: fresh.id })).programmeOutcomes;
    expect(page.computedAt).toBeNull();
    expect(page.changes[0]).toMatchObject({ shown: false, message: 'Fewer than 5 responses' });
    expect((await dashboard(adminClient)).total.changes[0]).toMatchObject({ n: 15 });
  });
});

describe('rollup refreshes the API asks for', () => {
  it('completing a session enqueues its programme’s rollup refresh, with ids only', async () => {
    const session = await api.fixtures.groupSession(tenant.id, c.id, 1, new Date(Date.now() - 60 * 60 * 1000));
    const COMPLETE = `mutation($id: ID!) { completeSession(input: { sessionId: $id }) { status } }`;
    expect(expectData(await assignedClient.gql<{ completeSession: { status: string } }>(COMPLETE, { id: session.id })).completeSession.status).toBe('DELIVERED');
    const jobs = (await outcomesQueue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter((job) => job.id === outcomeRollupJobId(c.id));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data).toEqual({ tenantId: tenant.id, programmeId: c.id });
  });
});

describe('feedback beside each programme', () => {
  const WITH_FEEDBACK = `{ outcomeDashboard { programmes { programmeId feedback { shown message responses items { itemId mean } } } } }`;
  type WithFeedback = {
    programmeId: string;
    feedback: { shown: boolean; message: string | null; responses: number | null; items: Array<{ itemId: string; mean: number | null }> | null } | null;
  };
  const read = async () => expectData(await adminClient.gql<{ outcomeDashboard: { programmes: WithFeedback[] } }>(WITH_FEEDBACK)).outcomeDashboard.programmes;

  it('shows each programme’s published feedback as the feedback context decides it, in the same statements however many programmes', async () => {
    await publishedFeedback(api, tenant.id, a.id, 10, { held_well: [0, 0, 0, 1, 5] });
    await publishedFeedback(api, tenant.id, c.id, 10, { held_well: [0, 0, 1, 2, 2] });
    const programmes = await read();
    const byId = new Map(programmes.map((entry) => [entry.programmeId, entry.feedback]));
    expect(byId.get(a.id)).toMatchObject({ shown: true, responses: 6 });
    expect(byId.get(a.id)!.items!.find((item) => item.itemId === 'held_well')!.mean).toBe(4.83);
    expect(byId.get(c.id)!.items!.find((item) => item.itemId === 'held_well')!.mean).toBe(4.2);
    expect(byId.get(b.id)).toBeNull();
    // The same answers as the feedback screen gives for the programme.
    const RESULTS = `query($id: ID!) { feedbackResults(programmeId: $id) { programme { scores { shown responses items { itemId mean } } } } }`;
    const screen = expectData(await adminClient.gql<{ feedbackResults: { programme: { scores: unknown } } }>(RESULTS, { id: a.id })).feedbackResults.programme.scores;
    expect(screen).toEqual({ shown: true, responses: 6, items: byId.get(a.id)!.items });

    const counter = countStatements(api);
    const few = await counter.during(read);
    // Three more programmes, each rolled up with published feedback: not one statement more.
    for (const title of ['E more', 'F more', 'G more']) {
      const programme = await api.fixtures.programme(tenant.id, teamY.id, { title });
      await rollUp(programme, 5, '2026-11');
      await publishedFeedback(api, tenant.id, programme.id, 1, { held_well: [0, 0, 0, 0, 5] });
    }
    const many = await counter.during(read);
    expect(many.result.length).toBe(few.result.length + 3);
    expect(many.statements.length).toBe(few.statements.length);
    expect(many.statements.filter((statement) => statement.includes('feedback_result_snapshot'))).toHaveLength(2);
  });
});
