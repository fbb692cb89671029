import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { expectData, expectError, fieldProblem } from './support/expectations';
import { unique, WORK_BURNOUT_SUBSCALES, workBurnoutPairs, type ProgrammeFixture, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { publishedFeedback } from './support/published-feedback';
import { countStatements } from './support/statement-counter';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

/**
 * The dashboards across organisations (issue 9 §4): a facilitator's own programmes in every
 * organisation, and the platform admins' utilisation, facilitator load and feedback benchmarks.
 * Every figure about people through the one suppression rule with each organisation's own
 * minimum group size; nobody else reads them.
 */

const CHANGE = `instrumentKey subscaleKey title shown message n meanDifference hedgesG summary`;
const FACILITATOR_DASHBOARD = `{ facilitatorDashboard { organisations { tenantId name minGroupSize programmes {
  programmeId title teamName computedAt sessions { bought planned delivered cancelled } attendance { shown message people rate }
  changes { ${CHANGE} } feedback { shown message responses items { itemId mean } } } } } }`;
const PROGRAMME_OUTCOMES = `query($id: ID!) { programmeOutcomes(programmeId: $id) { programmeId attendance { shown message people rate } changes { ${CHANGE} } } }`;
const PLATFORM_DASHBOARD = `query($period: PlatformDashboardPeriodInput) { platformDashboard(period: $period) {
  from to months
  utilisation { tenantId name months { month bought scheduled delivered attended { shown message attendances } }
                total { month bought scheduled delivered attended { shown message attendances } } }
  facilitatorLoad { userId displayName total busiestMonth months { month sessions } } } }`;
const BENCHMARK = `query($id: ID!) { feedbackBenchmark(tenantId: $id) { tenantId name instrumentTitle
  items { itemId prompt organisations organisation { shown message value } platformMedian { shown message value } } } }`;

interface Change {
  subscaleKey: string;
  title: string;
  shown: boolean;
  message: string | null;
  n: number | null;
}
interface FacilitatorProgramme {
  programmeId: string;
  title: string;
  computedAt: string | null;
  sessions: { bought: number; delivered: number };
  attendance: { shown: boolean; message: string | null; people: number | null };
  changes: Change[];
  feedback: { shown: boolean; responses: number | null; items: Array<{ itemId: string; mean: number | null }> | null } | null;
}
interface FacilitatorDashboard {
  organisations: Array<{ tenantId: string; name: string; minGroupSize: number; programmes: FacilitatorProgramme[] }>;
}
interface Attended {
  shown: boolean;
  message: string | null;
  attendances: number | null;
}
interface PlatformDashboard {
  from: string;
  to: string;
  months: string[];
  utilisation: Array<{
    tenantId: string;
    name: string;
    months: Array<{ month: string; bought: number; scheduled: number; delivered: number; attended: Attended }>;
    total: { month: null; bought: number; scheduled: number; delivered: number; attended: Attended };
  }>;
  facilitatorLoad: Array<{ userId: string; displayName: string; total: number; busiestMonth: string | null; months: Array<{ month: string; sessions: number }> }>;
}
interface Benchmark {
  tenantId: string;
  name: string;
  instrumentTitle: string | null;
  items: Array<{
    itemId: string;
    organisations: number;
    organisation: { shown: boolean; message: string | null; value: number | null };
    platformMedian: { shown: boolean; message: string | null; value: number | null };
  }>;
}

const PERIOD = { from: '2026-09', to: '2026-11' };

let api: TestApi;
let north: TenantFixture;
let coast: TenantFixture;
let third: TenantFixture;
let fourth: TenantFixture;
let northTeam: TeamFixture;
let mine: ProgrammeFixture;
let notMine: ProgrammeFixture;
let coastal: ProgrammeFixture;
let facilitator: UserFixture;
let facilitatorClient: TestClient;
let otherFacilitatorClient: TestClient;
let platformAdminClient: TestClient;
let orgAdminClient: TestClient;
let participantClient: TestClient;

/** Writes the programme's rollup as the worker would: `pairs` people whose work-related burnout fell. */
async function rollUp(programme: ProgrammeFixture, pairs: number): Promise<void> {
  await api.fixtures.outcomeRollup(programme.tenantId, programme.id, {
    sessionsBought: 6,
    sessions: [
      { status: 'DELIVERED', month: '2026-09' },
      { status: 'DELIVERED', month: '2026-10' },
      { status: 'SCHEDULED', month: '2026-11' },
    ],
    attendance: { marked: pairs * 2, present: pairs * 2, attendees: pairs },
    measurements: workBurnoutPairs(programme.id, pairs, (index) => 50 + index - (index % 3) * 2),
    subscales: WORK_BURNOUT_SUBSCALES,
  });
}

/** A delivered session at `startsAt` with `attendees` people marked present (and one absent, who never counts). */
async function deliveredSession(programme: ProgrammeFixture, sequence: number, startsAt: string, attendees: readonly UserFixture[]): Promise<void> {
  const session = await api.fixtures.groupSession(programme.tenantId, programme.id, sequence, new Date(startsAt));
  await api.fixtures.asTenant(programme.tenantId, `UPDATE group_session SET status = 'DELIVERED', delivered_at = ends_at WHERE tenant_id = $1 AND id = $2`, [
    programme.tenantId,
    session.id,
  ]);
  for (const person of attendees) await api.fixtures.attendance(programme.tenantId, session.id, person.id, sequence % 2 === 0 ? 'LATE' : 'PRESENT');
  const absent = await api.fixtures.participant(programme.tenantId);
  await api.fixtures.attendance(programme.tenantId, session.id, absent.id, 'ABSENT');
}

async function facilitatorDashboard(client: TestClient): Promise<FacilitatorDashboard> {
  return expectData(await client.gql<{ facilitatorDashboard: FacilitatorDashboard }>(FACILITATOR_DASHBOARD)).facilitatorDashboard;
}

async function platformDashboard(period: Record<string, string> | null = PERIOD): Promise<PlatformDashboard> {
  return expectData(await platformAdminClient.gql<{ platformDashboard: PlatformDashboard }>(PLATFORM_DASHBOARD, { period })).platformDashboard;
}

async function benchmark(tenantId: string): Promise<Benchmark> {
  return expectData(await platformAdminClient.gql<{ feedbackBenchmark: Benchmark }>(BENCHMARK, { id: tenantId })).feedbackBenchmark;
}

beforeAll(async () => {
  api = await startTestApi();
  north = await api.fixtures.tenant({ name: `Northshire ${unique()}` });
  coast = await api.fixtures.tenant({ name: `Coastal ${unique()}` });
  third = await api.fixtures.tenant({ name: `Third ${unique()}` });
  fourth = await api.fixtures.tenant({ name: `Fourth ${unique()}` });
  // Coastal reports nothing about fewer than six people.
  await api.owner.query('UPDATE tenant SET min_reporting_group_size = 6 WHERE id = $1', [coast.id]);
  northTeam = await api.fixtures.team(north.id, 'Wards');
  const coastTeam = await api.fixtures.team(coast.id, 'Harbour');
  mine = await api.fixtures.programme(north.id, northTeam.id, { title: 'North reflective practice' });
  notMine = await api.fixtures.programme(north.id, northTeam.id, { title: 'North private supervision' });
  coastal = await api.fixtures.programme(coast.id, coastTeam.id, { title: 'Coastal reflective practice' });
  await rollUp(mine, 6);
  await rollUp(notMine, 9);
  // Five paired respondents: enough at Northshire, not at Coastal.
  await rollUp(coastal, 5);
  // Coastal also asks an instrument of its own, whose subscale its dashboard names as it does.
  const coastAdmin = await api.fixtures.orgAdmin(coast.id);
  await api.fixtures.asTenant(
    coast.id,
    `INSERT INTO tenant_outcome_instrument (tenant_id, key, version, title, licence, definition, created_by)
     VALUES ($1, 'harbour-wellbeing', 1, 'Harbour wellbeing', '{}', '{"subscales": [{"key": "calm", "title": "Calm at work"}]}', $2)`,
    [coast.id, coastAdmin.id],
  );
  const calm = { instrumentKey: 'harbour-wellbeing', subscaleKey: 'calm', direction: 'HIGHER_IS_BETTER', reliable: null };
  await api.fixtures.asTenant(
    coast.id,
    `UPDATE outcome_rollup SET subscales = subscales || $3::jsonb, published_subscales = published_subscales || $3::jsonb WHERE tenant_id = $1 AND programme_id = $2`,
    [coast.id, coastal.id, JSON.stringify([{ ...calm, moments: { n: 5, sumBefore: 15, sumAfter: 20, sumDifference: 5, sumSquaredDifference: 7 } }])],
  );
  facilitator = await api.fixtures.facilitator();
  await api.fixtures.programmeFacilitator(north.id, mine.id, facilitator.id);
  await api.fixtures.programmeFacilitator(coast.id, coastal.id, facilitator.id);
  const otherFacilitator = await api.fixtures.facilitator();
  await api.fixtures.programmeFacilitator(north.id, notMine.id, otherFacilitator.id);
  facilitatorClient = await signedIn(api, facilitator);
  otherFacilitatorClient = await signedIn(api, otherFacilitator);
  platformAdminClient = await signedIn(api, await api.fixtures.platformAdmin());
  orgAdminClient = await signedIn(api, await api.fixtures.orgAdmin(north.id));
  participantClient = await signedIn(api, await api.fixtures.participant(north.id));
  // Published feedback: six answers at Northshire (mine), five at Coastal (below its six).
  // Their sessions fall after the platform dashboard's period below.
  const after = new Date('2026-12-01T10:00:00Z');
  await publishedFeedback(api, north.id, mine.id, 20, { held_well: [0, 0, 0, 1, 5], safe_to_share: [0, 0, 2, 2, 2] }, after);
  await publishedFeedback(api, coast.id, coastal.id, 20, { held_well: [5, 0, 0, 0, 0], safe_to_share: [0, 0, 0, 0, 5] }, after);
});

afterAll(async () => {
  await api?.close();
});

describe('the functions under them (migration 1797850000000)', () => {
  it('are SECURITY DEFINER with a fixed search_path, executable by the application role and not PUBLIC, and return no person but a facilitator’s name', async () => {
    const FUNCTIONS = ['facilitator_outcome_rollups', 'facilitator_subscale_labels', 'platform_facilitator_load', 'platform_feedback_tallies', 'platform_utilisation'];
    const { rows } = await api.owner.query<{ name: string; definer: boolean; config: string[]; acl: string; result: string }>(
      `SELECT p.proname AS name, p.prosecdef AS definer, p.proconfig AS config, array_to_string(p.proacl, ',') AS acl, pg_get_function_result(p.oid) AS result
         FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname = ANY ($1) ORDER BY p.proname`,
      [FUNCTIONS],
    );
    expect(rows.map((row) => row.name)).toEqual(FUNCTIONS);
    for (const row of rows) {
      expect({ name: row.name, definer: row.definer, config: row.config }).toEqual({ name: row.name, definer: true, config: ['search_path=pg_catalog, public'] });
      expect(row.acl).toContain('lena_app=X/');
      expect(row.acl).not.toMatch(/(^|,)=X\//);
      expect(row.result).not.toMatch(/email|comment|answers|pseudonym/);
      if (row.name !== 'platform_facilitator_load') expect(row.result).not.toMatch(/user_id|display_name/);
    }
  });
});

describe('facilitatorDashboard', () => {
  it('lists their programmes in each organisation with the figures that organisation’s own threshold allows', async () => {
    const dashboard = await facilitatorDashboard(facilitatorClient);
    // By name: Coastal before Northshire.
    expect(dashboard.organisations.map((organisation) => [organisation.tenantId, organisation.name, organisation.minGroupSize])).toEqual([
      [coast.id, coast.name, 6],
      [north.id, north.name, 5],
    ]);
    const northern = dashboard.organisations.find((organisation) => organisation.tenantId === north.id)!;
    expect(northern.programmes.map((programme) => programme.programmeId)).toEqual([mine.id]);
    const [programme] = northern.programmes;
    expect(programme).toMatchObject({ title: 'North reflective practice', sessions: { bought: 6, delivered: 2 }, attendance: { shown: true, people: 6 } });
    expect(programme!.computedAt).not.toBeNull();
    expect(programme!.changes[0]).toMatchObject({ subscaleKey: 'work', shown: true, n: 6 });
    expect(programme!.feedback).toMatchObject({ shown: true, responses: 6 });
    expect(programme!.feedback!.items!.find((item) => item.itemId === 'held_well')!.mean).toBe(4.83);

    // Five people at Coastal, whose minimum is six: “fewer than 6” for every figure about people.
    const [coastalEntry] = dashboard.organisations.find((organisation) => organisation.tenantId === coast.id)!.programmes;
    expect(coastalEntry).toMatchObject({
      programmeId: coastal.id,
      sessions: { bought: 6, delivered: 2 },
      attendance: { shown: false, message: 'Fewer than 6 responses', people: null },
      feedback: { shown: false, responses: null, items: null },
    });
    expect(coastalEntry!.changes[0]).toMatchObject({ shown: false, message: 'Fewer than 6 responses', n: null });
    expect(coastalEntry!.changes.map((change) => change.title).sort()).toEqual(['Calm at work', 'Work-related burnout']);
  });

  it('decides each programme exactly as its organisation’s dashboard and its page do', async () => {
    const dashboard = await facilitatorDashboard(facilitatorClient);
    for (const programme of dashboard.organisations.flatMap((organisation) => organisation.programmes)) {
      const page = expectData(
        await facilitatorClient.gql<{ programmeOutcomes: { attendance: unknown; changes: unknown } }>(PROGRAMME_OUTCOMES, { id: programme.programmeId }),
      ).programmeOutcomes;
      expect({ id: programme.programmeId, attendance: page.attendance, changes: page.changes }).toEqual({
        id: programme.programmeId,
        attendance: expect.objectContaining({ shown: programme.attendance.shown, people: programme.attendance.people }),
        changes: programme.changes,
      });
    }
  });

  it('shows the published outcome figures only: pairs the rollup counts live but has not yet published change nothing shown', async () => {
    const live = `SELECT subscales FROM outcome_rollup WHERE tenant_id = $1 AND programme_id = $2`;
    const [before] = await api.fixtures.asTenant<{ subscales: unknown }>(north.id, live, [north.id, mine.id]);
    // The live figures of nine pairs (another programme's), as the worker would hold them before four more publish.
    await api.fixtures.asTenant(
      north.id,
      `UPDATE outcome_rollup SET subscales = (SELECT subscales FROM outcome_rollup WHERE tenant_id = $1 AND programme_id = $3) WHERE tenant_id = $1 AND programme_id = $2`,
      [north.id, mine.id, notMine.id],
    );
    try {
      const dashboard = await facilitatorDashboard(facilitatorClient);
      const programme = dashboard.organisations.flatMap((organisation) => organisation.programmes).find((entry) => entry.programmeId === mine.id)!;
      expect(programme.changes[0]).toMatchObject({ subscaleKey: 'work', shown: true, n: 6 });
    } finally {
      await api.fixtures.asTenant(north.id, 'UPDATE outcome_rollup SET subscales = $3 WHERE tenant_id = $1 AND programme_id = $2', [
        north.id,
        mine.id,
        JSON.stringify(before!.subscales),
      ]);
    }
  });

  it('never gives a facilitator a figure or a name of a programme not theirs, in their organisation or any other', async () => {
    const text = JSON.stringify(await facilitatorDashboard(facilitatorClient));
    expect(text).not.toContain(notMine.id);
    expect(text).not.toContain('North private supervision');
    expect(text).not.toContain('"n":9');
    const theirs = await facilitatorDashboard(otherFacilitatorClient);
    expect(theirs.organisations.flatMap((organisation) => organisation.programmes.map((programme) => programme.programmeId))).toEqual([notMine.id]);
    expect(JSON.stringify(theirs)).not.toContain(mine.id);
    expect(JSON.stringify(theirs)).not.toContain(coast.id);
    // A facilitator with no programme sees nothing at all.
    const newcomer = await signedIn(api, await api.fixtures.facilitator());
    expect(await facilitatorDashboard(newcomer)).toEqual({ organisations: [] });
  });

  it('gives the function under it nothing of another facilitator’s programmes: it answers app.user_id alone (the attack, as the application role)', async () => {
    const client = new Client({ connectionString: api.database.appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      const nobody = await client.query('SELECT * FROM facilitator_outcome_rollups()');
      await client.query(`SELECT set_config('app.user_id', $1, true)`, [facilitator.id]);
      const rows = (await client.query<{ programme_id: string; assigned: boolean; title: string | null }>('SELECT * FROM facilitator_outcome_rollups()')).rows;
      await client.query('ROLLBACK');
      expect(nobody.rows).toEqual([]);
      // Their two programmes by name; the organisation's other programme as counts only, no name.
      expect(
        rows
          .filter((row) => row.assigned)
          .map((row) => row.programme_id)
          .sort(),
      ).toEqual([mine.id, coastal.id].sort());
      expect(rows.filter((row) => !row.assigned)).toEqual([expect.objectContaining({ programme_id: notMine.id, title: null, team_name: null, service_type: null })]);
    } finally {
      await client.end();
    }
  });

  it('is FORBIDDEN to org admins, participants and platform admins', async () => {
    for (const client of [orgAdminClient, participantClient, platformAdminClient]) expectError(await client.gql(FACILITATOR_DASHBOARD), 'FORBIDDEN');
  });

  it('costs the same statements however many programmes they run', async () => {
    const busy = await api.fixtures.facilitator();
    const busyClient = await signedIn(api, busy);
    // An organisation of its own, whose sessions have feedback requests but nothing published (so no benchmark below counts it).
    const busyTenant = await api.fixtures.tenant({ name: `Busy ${unique()}` });
    const team = await api.fixtures.team(busyTenant.id);
    const assign = async (count: number) => {
      for (let index = 0; index < count; index += 1) {
        const programme = await api.fixtures.programme(busyTenant.id, team.id, { title: `Busy ${unique()}` });
        await rollUp(programme, 5);
        const session = await api.fixtures.groupSession(busyTenant.id, programme.id, 1, new Date('2026-12-01T10:00:00Z'));
        await api.fixtures.feedbackRequest(busyTenant.id, session.id);
        await api.fixtures.programmeFacilitator(busyTenant.id, programme.id, busy.id);
      }
    };
    const counter = countStatements(api);
    await assign(1);
    const one = await counter.during(() => facilitatorDashboard(busyClient));
    await assign(4);
    const five = await counter.during(() => facilitatorDashboard(busyClient));
    expect(five.result.organisations[0]!.programmes).toHaveLength(5);
    expect(five.statements.length).toBe(one.statements.length);
  });
});

describe('platformDashboard', () => {
  let people: UserFixture[];

  beforeAll(async () => {
    people = [];
    for (let index = 0; index < 7; index += 1) people.push(await api.fixtures.participant(north.id));
    await api.fixtures.asTenant(north.id, `UPDATE programme SET status = 'ACTIVE' WHERE tenant_id = $1 AND id = $2`, [north.id, mine.id]);
    // September: seven people twice; October: three people once; November: the same seven.
    await deliveredSession(mine, 1, '2026-09-08T10:00:00Z', people);
    await deliveredSession(mine, 2, '2026-09-22T10:00:00Z', people);
    await deliveredSession(mine, 3, '2026-10-06T10:00:00Z', people.slice(0, 3));
    await deliveredSession(mine, 4, '2026-11-03T10:00:00Z', people);
    // A session still to come and a cancelled one: scheduled counts the first only.
    await api.fixtures.groupSession(north.id, mine.id, 5, new Date('2026-11-17T10:00:00Z'));
    const cancelled = await api.fixtures.groupSession(north.id, mine.id, 6, new Date('2026-11-24T10:00:00Z'));
    await api.fixtures.asTenant(north.id, `UPDATE group_session SET status = 'CANCELLED' WHERE tenant_id = $1 AND id = $2`, [north.id, cancelled.id]);
  });

  it('shows each organisation’s sessions bought, scheduled and delivered per month, and attendances through its own threshold', async () => {
    const dashboard = await platformDashboard();
    expect(dashboard.months).toEqual(['2026-09', '2026-10', '2026-11']);
    const northern = dashboard.utilisation.find((organisation) => organisation.tenantId === north.id)!;
    expect(northern.months.map(({ month, bought, scheduled, delivered }) => ({ month, bought, scheduled, delivered }))).toEqual([
      { month: '2026-09', bought: 6, scheduled: 2, delivered: 2 },
      { month: '2026-10', bought: 0, scheduled: 1, delivered: 1 },
      { month: '2026-11', bought: 0, scheduled: 2, delivered: 1 },
    ]);
    // October's three people are withheld, and so is one more figure of the family: otherwise
    // the total less September and November would give October's.
    expect(northern.months[1]!.attended).toEqual({ shown: false, message: 'Fewer than 5 responses', attendances: null });
    const figures = [
      { figure: northern.total.attended, attendances: 24 },
      { figure: northern.months[0]!.attended, attendances: 14 },
      { figure: northern.months[2]!.attended, attendances: 7 },
    ];
    const shown = figures.filter(({ figure }) => figure.shown);
    expect(shown).toHaveLength(2);
    for (const { figure, attendances } of shown) expect(figure).toEqual({ shown: true, message: null, attendances });
    for (const { figure } of figures.filter(({ figure }) => !figure.shown)) expect(figure.message).toMatch(/cannot be worked out/);
    expect(JSON.stringify(northern)).not.toContain('"attendances":3');
    expect(northern.total).toMatchObject({ month: null, bought: 6, scheduled: 5, delivered: 4 });
  });

  it('counts each facilitator’s sessions per month, cancelled ones aside, in every organisation', async () => {
    const dashboard = await platformDashboard();
    const load = dashboard.facilitatorLoad.find((entry) => entry.userId === facilitator.id)!;
    expect(load).toEqual({
      userId: facilitator.id,
      displayName: facilitator.displayName,
      total: 5,
      busiestMonth: '2026-09',
      months: [
        { month: '2026-09', sessions: 2 },
        { month: '2026-10', sessions: 1 },
        { month: '2026-11', sessions: 2 },
      ],
    });
  });

  it('defaults to the last twelve months, and refuses a backwards or too long period (BAD_USER_INPUT)', async () => {
    const latest = await platformDashboard(null);
    expect(latest.months).toHaveLength(12);
    const backwards = expectError(await platformAdminClient.gql(PLATFORM_DASHBOARD, { period: { from: '2026-11', to: '2026-09' } }), 'BAD_USER_INPUT');
    expect(fieldProblem(backwards, 'to')).toBe('The period must start on or before the month it ends.');
    const long = expectError(await platformAdminClient.gql(PLATFORM_DASHBOARD, { period: { from: '2020-01', to: '2026-01' } }), 'BAD_USER_INPUT');
    expect(fieldProblem(long, 'from')).toBe('Choose a period of at most 24 months.');
  });

  it('is FORBIDDEN to org admins, participants and facilitators, and its functions answer them nothing', async () => {
    for (const client of [orgAdminClient, participantClient, facilitatorClient]) {
      expectError(await client.gql(PLATFORM_DASHBOARD, { period: PERIOD }), 'FORBIDDEN');
      expectError(await client.gql(BENCHMARK, { id: north.id }), 'FORBIDDEN');
    }
    const client = new Client({ connectionString: api.database.appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.user_id', $1, true), set_config('app.tenant_id', $2, true)`, [facilitator.id, north.id]);
      const answers = {
        utilisation: (await client.query(`SELECT * FROM platform_utilisation('2026-09', '2026-11')`)).rows,
        load: (await client.query(`SELECT * FROM platform_facilitator_load('2026-09', '2026-11')`)).rows,
        tallies: (await client.query('SELECT * FROM platform_feedback_tallies()')).rows,
      };
      await client.query('ROLLBACK');
      expect(answers).toEqual({ utilisation: [], load: [], tallies: [] });
    } finally {
      await client.end();
    }
  });
});

describe('feedbackBenchmark', () => {
  beforeAll(async () => {
    const thirdTeam = await api.fixtures.team(third.id);
    const fourthTeam = await api.fixtures.team(fourth.id);
    const thirdProgramme = await api.fixtures.programme(third.id, thirdTeam.id);
    const fourthProgramme = await api.fixtures.programme(fourth.id, fourthTeam.id);
    await publishedFeedback(api, third.id, thirdProgramme.id, 1, { held_well: [0, 0, 5, 0, 0], safe_to_share: [0, 0, 0, 5, 0] });
    await publishedFeedback(api, fourth.id, fourthProgramme.id, 1, { held_well: [0, 2, 3, 2, 0], safe_to_share: [0, 0, 0, 0, 7] });
  });

  it('sets an organisation’s means against the median of the published means, and shows no other organisation’s own figure', async () => {
    const northern = await benchmark(north.id);
    expect(northern).toMatchObject({ tenantId: north.id, name: north.name, instrumentTitle: expect.any(String) });
    const heldWell = northern.items.find((item) => item.itemId === 'held_well')!;
    // Northshire 4.83, Third 3, Fourth 3: Coastal (below its threshold) does not count.
    expect(heldWell).toMatchObject({ organisation: { shown: true, value: 4.83 }, platformMedian: { shown: true, value: 3 }, organisations: 3 });
    const safe = northern.items.find((item) => item.itemId === 'safe_to_share')!;
    // Northshire 4, Third 4, Fourth 5.
    expect(safe).toMatchObject({ organisation: { shown: true, value: 4 }, platformMedian: { shown: true, value: 4 }, organisations: 3 });
    // Fourth's own safe_to_share mean (5) and Coastal's (1) appear nowhere beside Northshire's.
    expect(JSON.stringify(northern)).not.toMatch(/"value":(5|1)\b/);
  });

  it('reads “fewer than 6” for an organisation below its own threshold, whose answers do not feed the median', async () => {
    const coastal = await benchmark(coast.id);
    expect(coastal.items.find((item) => item.itemId === 'held_well')).toMatchObject({
      organisation: { shown: false, message: 'Fewer than 6 responses', value: null },
      platformMedian: { shown: true, value: 3 },
      organisations: 3,
    });
    // Coastal's five fives on safe_to_share would have made the median 4.5 (4, 4, 5, 5) had they fed it.
    expect(coastal.items.find((item) => item.itemId === 'safe_to_share')).toMatchObject({ platformMedian: { shown: true, value: 4 }, organisations: 3 });
    // Every organisation reads the same median.
    const thirds = await benchmark(third.id);
    expect(thirds.items.map((item) => item.platformMedian)).toEqual(coastal.items.map((item) => item.platformMedian));
  });

  it('is NOT_FOUND for an organisation that does not exist, and BAD_USER_INPUT for a malformed id', async () => {
    expectError(await platformAdminClient.gql(BENCHMARK, { id: randomUUID() }), 'NOT_FOUND');
    expectError(await platformAdminClient.gql(BENCHMARK, { id: 'not-an-id' }), 'BAD_USER_INPUT');
  });
});
