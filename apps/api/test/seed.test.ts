import { DEMO_PASSWORD } from '../src/seed/demo-data';
import { seedDemo } from '../src/seed/seed';
import { expectData } from './support/expectations';
import { startTestApi, type TestApi } from './support/test-api';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => {
  await api?.close();
});

const DASHBOARD = `{ outcomeDashboard {
  total { attendance { shown people } changes { subscaleKey shown n } }
  programmes { title attendance { shown people } changes { subscaleKey shown n message } feedback { shown responses message } }
} }`;

interface DemoDashboard {
  total: { attendance: { shown: boolean; people: number | null }; changes: Array<{ subscaleKey: string; shown: boolean; n: number | null }> };
  programmes: Array<{
    title: string;
    attendance: { shown: boolean; people: number | null };
    changes: Array<{ subscaleKey: string; shown: boolean; n: number | null; message: string | null }>;
    feedback: { shown: boolean; responses: number | null; message: string | null } | null;
  }>;
}

describe('pnpm db:seed', () => {
  it('refuses to load demo accounts (with their published password) under NODE_ENV=production', async () => {
    await expect(seedDemo(api.database.ownerUrl, { NODE_ENV: 'production' })).rejects.toThrow(/never loaded with NODE_ENV=production/);
    expect(await api.fixtures.count('user_account', `email LIKE '%@lena.test'`)).toBe(0);
  });

  it('loads the demo world in development, and running it again changes nothing', async () => {
    await seedDemo(api.database.ownerUrl, { NODE_ENV: 'development' });
    const people = await api.fixtures.count('user_account');
    const staff = await api.fixtures.count('user_account', `email LIKE '%@lena.test'`);
    expect(staff).toBeGreaterThan(0);
    await seedDemo(api.database.ownerUrl, { NODE_ENV: 'development' });
    expect(await api.fixtures.count('user_account')).toBe(people);
  });

  it('gives each organisation programmes of both services: one under way with past and coming sessions, one waiting on someone', async () => {
    await seedDemo(api.database.ownerUrl, { NODE_ENV: 'development' });
    const tenants = await api.fixtures.asTenant<{ id: string; slug: string }>('00000000-0000-0000-0000-000000000000', 'SELECT id, slug FROM tenant ORDER BY slug', []);
    expect(tenants.map((tenant) => tenant.slug)).toEqual(['coastal-ambulance', 'northshire-cp']);
    const now = Date.now();
    for (const tenant of tenants) {
      const programmes = await api.fixtures.asTenant<{ id: string; service_type: string; status: string; time_zone: string }>(
        tenant.id,
        'SELECT id, service_type, status, time_zone FROM programme WHERE tenant_id = $1',
        [tenant.id],
      );
      expect(new Set(programmes.map((programme) => programme.service_type))).toEqual(new Set(['GRP', 'GTS']));
      expect(programmes.some((programme) => ['REQUESTED', 'PROPOSED'].includes(programme.status))).toBe(true);
      const active = programmes.find((programme) => programme.status === 'ACTIVE');
      const sessions = await api.fixtures.asTenant<{ starts_at: Date }>(tenant.id, 'SELECT starts_at FROM group_session WHERE tenant_id = $1 AND programme_id = $2', [
        tenant.id,
        active?.id,
      ]);
      expect(sessions.some((session) => session.starts_at.getTime() < now)).toBe(true);
      expect(sessions.some((session) => session.starts_at.getTime() > now)).toBe(true);
      const enrolled = await api.fixtures.asTenant(tenant.id, 'SELECT 1 FROM enrolment WHERE tenant_id = $1 AND programme_id = $2', [tenant.id, active?.id]);
      expect(enrolled.length).toBeGreaterThan(0);
      // Each programme's page has a history: requested first; the one under way accepted, then started by the system.
      for (const programme of programmes) {
        const { rows } = await api.owner.query<{ action: string; actor: string | null }>(
          `SELECT action, actor_user_id AS actor FROM audit_event WHERE tenant_id = $1 AND target_type = 'programme' AND target_id = $2 ORDER BY occurred_at, id`,
          [tenant.id, programme.id],
        );
        expect(rows[0]?.action).toBe('PROGRAMME_REQUESTED');
        if (programme.status === 'ACTIVE') {
          expect(rows.map((row) => row.action)).toEqual(['PROGRAMME_REQUESTED', 'PROGRAMME_PROPOSED', 'PROGRAMME_ACCEPTED', 'PROGRAMME_ACTIVATED']);
          expect(rows.map((row) => row.actor === null)).toEqual([false, false, false, true]);
        }
      }
    }
    // Outcome measures for dashboards: baseline and final pairs, ten in each programme that shows, four (withheld) in Coastal's night shift group.
    const pairs: Record<string, number> = {};
    for (const tenant of tenants) {
      const [row] = await api.fixtures.asTenant<{ pairs: number }>(
        tenant.id,
        `SELECT count(*)::int AS pairs FROM outcome_measurement b JOIN outcome_measurement f
            ON f.tenant_id = b.tenant_id AND f.programme_id = b.programme_id AND f.instrument_key = b.instrument_key AND f.pseudonym = b.pseudonym AND f.point = 'FINAL'
          WHERE b.tenant_id = $1 AND b.point = 'BASELINE'`,
        [tenant.id],
      );
      pairs[tenant.slug] = row!.pairs;
    }
    expect(pairs).toEqual({ 'coastal-ambulance': 14, 'northshire-cp': 20 });
    // An enrolled demo participant's answers are among them, under their own pseudonym: they see them under My measures.
    const sam = api.client();
    expectData(await sam.login('sam@northshire-cp.test', DEMO_PASSWORD));
    const mine = expectData(
      await sam.gql<{ myMeasures: Array<{ scales: Array<{ subscaleKey: string; scores: Array<{ point: string }> }> }> }>(
        '{ myMeasures { scales { subscaleKey scores { point } } } }',
      ),
    );
    expect(mine.myMeasures[0]!.scales.find((scale) => scale.subscaleKey === 'work')!.scores.map((score) => score.point)).toEqual(['BASELINE', 'FINAL']);

    // The night-shift group rotates among three start times (London time).
    const [coastal] = tenants;
    const times = await api.fixtures.asTenant<{ local: string }>(
      coastal!.id,
      `SELECT DISTINCT to_char(s.starts_at AT TIME ZONE p.time_zone, 'HH24:MI') AS local FROM group_session s JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
        WHERE s.tenant_id = $1 AND p.title LIKE '%Night Shift%' ORDER BY local`,
      [coastal!.id],
    );
    expect(times.map((row) => row.local)).toEqual(['08:00', '14:00', '20:00']);

    // Row-level security hides tenant rows even from the owner: count inside each organisation.
    const counts = async () => {
      const all: number[] = [];
      for (const tenant of tenants) {
        for (const table of ['programme', 'programme_facilitator', 'group_session', 'enrolment', 'outcome_request', 'outcome_measurement']) {
          const [row] = await api.fixtures.asTenant<{ count: number }>(tenant.id, `SELECT count(*)::int AS count FROM ${table}`, []);
          all.push(row!.count);
        }
      }
      return all;
    };
    const history = () => api.fixtures.count('audit_event', `target_type = 'programme'`);
    const historyBefore = await history();
    const before = await counts();
    expect(before.every((count) => count > 0)).toBe(true);
    await seedDemo(api.database.ownerUrl, { NODE_ENV: 'development' });
    expect(await counts()).toEqual(before);
    expect(await history()).toBe(historyBefore);
  });

  it('shows full dashboards in both organisations from the first start: changes, attendance and feedback, and one small group withheld as “fewer than 5”', async () => {
    await seedDemo(api.database.ownerUrl, { NODE_ENV: 'development' });
    const dashboards: Record<string, DemoDashboard> = {};
    for (const email of ['coordinator@northshire-cp.test', 'coordinator@coastal-ambulance.test']) {
      const admin = api.client();
      expectData(await admin.login(email, DEMO_PASSWORD));
      dashboards[email] = expectData(await admin.gql<{ outcomeDashboard: DemoDashboard }>(DASHBOARD)).outcomeDashboard;
    }
    for (const dashboard of Object.values(dashboards)) {
      // The organisation's change in every CBI subscale, and a finished programme showing everything.
      expect(dashboard.total.changes.map((change) => change.subscaleKey).sort()).toEqual(['client', 'personal', 'work']);
      expect(dashboard.total.changes.every((change) => change.shown && change.n! >= 10)).toBe(true);
      expect(dashboard.total.attendance.shown).toBe(true);
      const full = dashboard.programmes.filter(
        (programme) => programme.changes.every((change) => change.shown && change.n === 10) && programme.attendance.shown && programme.feedback?.shown,
      );
      expect(full.length).toBeGreaterThanOrEqual(1);
    }
    const nightShift = dashboards['coordinator@coastal-ambulance.test']!.programmes.find((programme) => programme.title.includes('Night Shift'))!;
    expect(nightShift.changes.map((change) => [change.shown, change.message])).toEqual([
      [false, 'Fewer than 5 responses'],
      [false, 'Fewer than 5 responses'],
      [false, 'Fewer than 5 responses'],
    ]);
  });
});
