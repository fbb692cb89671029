import { randomBytes } from 'node:crypto';
import { SHIPPED_OUTCOME_INSTRUMENTS } from '@lena/domain';
import { Client } from 'pg';
import { OutcomeInstrumentService } from '../src/outcomes/outcome-instrument.service';
import { pairingPseudonym } from '../src/outcomes/pairing-pseudonym';
import { expectData, expectError, expectNoInternals } from './support/expectations';
import { unique, type ProgrammeFixture, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

let api: TestApi;
let tenant: TenantFixture;
let otherTenant: TenantFixture;
let team: TeamFixture;
let admin: UserFixture;
let otherAdmin: UserFixture;
let participant: UserFixture;
let adminClient: TestClient;
let otherAdminClient: TestClient;
let participantClient: TestClient;
let platformAdminClient: TestClient;
let facilitatorClient: TestClient;

const INSTRUMENTS = `query($tenantId: ID) { outcomeInstruments(tenantId: $tenantId) {
  key version title instructions licenceOnly tenantSpecific itemCount usable
  licence { holder terms attribution wordingMayChange tenantMustConfirm url }
  subscales { key title itemCount direction reliability }
  confirmation { confirmedAt confirmedByName }
} }`;
const CONFIRM = `mutation($key: String!) { confirmInstrumentLicence(instrumentKey: $key) { key usable confirmation { confirmedAt confirmedByName } } }`;
const PLAN_FIELDS = `instruments { key version title attribution } midpoint followUpMonths windows { point opensAt closesAt } updatedAt`;
const SET_PLAN = `mutation($input: SetProgrammeOutcomePlanInput!) { setProgrammeOutcomePlan(input: $input) { ${PLAN_FIELDS} } }`;
const PROGRAMME_PLAN = `query($id: ID!) { programme(id: $id) { id outcomePlan { ${PLAN_FIELDS} } } }`;
const ADD = `mutation($input: TenantInstrumentInput!) { addTenantInstrument(input: $input) { key version title tenantSpecific usable itemCount licence { holder attribution tenantMustConfirm } subscales { key itemCount } } }`;
const SUPERSEDE = `mutation($input: TenantInstrumentInput!) { supersedeTenantInstrument(input: $input) { key version title } }`;

interface InstrumentView {
  key: string;
  version: number;
  title: string;
  licenceOnly: boolean;
  tenantSpecific: boolean;
  usable: boolean;
  licence: { attribution: string | null; tenantMustConfirm: boolean; wordingMayChange: boolean };
  subscales: Array<{ key: string; reliability: number | null }>;
  confirmation: { confirmedAt: string; confirmedByName: string | null } | null;
}
interface PlanView {
  instruments: Array<{ key: string; version: number; title: string; attribution: string | null }>;
  midpoint: boolean;
  followUpMonths: number | null;
  windows: Array<{ point: string; opensAt: string; closesAt: string }> | null;
}

/** An organisation's own instrument: four items on one three-point scale, one score. */
function ownInstrument(tenantId: string, key: string, overrides: Record<string, unknown> = {}) {
  return {
    tenantId,
    key,
    title: 'Team climate',
    instructions: 'Thinking about the last month, how far do you agree?',
    licence: { holder: 'The organisation', terms: 'Written by the organisation for its own use.', attribution: null, wordingMayChange: true },
    scales: [
      {
        key: 'agree',
        options: [
          { value: 1, label: 'Disagree' },
          { value: 2, label: 'Neither' },
          { value: 3, label: 'Agree' },
        ],
      },
    ],
    items: ['heard', 'supported', 'alone', 'valued'].map((item) => ({ key: item, text: `I feel ${item} at work.`, scale: 'agree', reversed: item === 'alone' })),
    subscales: [
      {
        key: 'climate',
        title: 'Team climate',
        items: ['heard', 'supported', 'alone', 'valued'],
        method: 'MEAN',
        minimumAnswered: 3,
        direction: 'HIGHER_IS_BETTER',
        reliability: null,
      },
    ],
    ...overrides,
  };
}

async function instruments(client: TestClient, tenantId: string | null = null): Promise<InstrumentView[]> {
  return expectData(await client.gql<{ outcomeInstruments: InstrumentView[] }>(INSTRUMENTS, { tenantId })).outcomeInstruments;
}

/** A requested programme of the team with sessions starting on these dates at 10:00 UTC (90 minutes each). */
async function programmeWithSessions(starts: string[]): Promise<{ programme: ProgrammeFixture; sessions: Array<{ id: string }> }> {
  const programme = await api.fixtures.programme(tenant.id, team.id);
  const sessions = [];
  for (const [index, day] of starts.entries()) sessions.push(await api.fixtures.groupSession(tenant.id, programme.id, index + 1, new Date(`${day}T10:00:00Z`)));
  return { programme, sessions };
}

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant({ name: `Outcomes ${unique()}` });
  otherTenant = await api.fixtures.tenant({ name: `Elsewhere ${unique()}` });
  team = await api.fixtures.team(tenant.id);
  admin = await api.fixtures.orgAdmin(tenant.id);
  otherAdmin = await api.fixtures.orgAdmin(otherTenant.id);
  participant = await api.fixtures.participant(tenant.id);
  adminClient = await signedIn(api, admin);
  otherAdminClient = await signedIn(api, otherAdmin);
  participantClient = await signedIn(api, participant);
  platformAdminClient = await signedIn(api, await api.fixtures.platformAdmin());
  facilitatorClient = await signedIn(api, await api.fixtures.facilitator());
});

afterAll(async () => {
  await api?.close();
});

describe('the shipped instruments', () => {
  it('are stored at start-up from the domain’s definitions, and starting again writes nothing', async () => {
    const stored = await api.owner.query<{ key: string; version: number; definition: unknown }>('SELECT key, version, definition FROM outcome_instrument ORDER BY key');
    expect(stored.rows.map((row) => `${row.key}@${row.version}`)).toEqual(['cbi@1', 'lena-grp-outcome@1', 'lena-gts-outcome@1', 'proqol-5@1']);
    for (const instrument of SHIPPED_OUTCOME_INSTRUMENTS) expect(stored.rows.find((row) => row.key === instrument.key)?.definition).toEqual(JSON.parse(JSON.stringify(instrument)));
    // ProQOL is a licence entry only: we hold no wording of it.
    expect(stored.rows.find((row) => row.key === 'proqol-5')?.definition).toBeNull();

    const before = await api.owner.query('SELECT id, created_at FROM outcome_instrument ORDER BY id');
    await api.app.get(OutcomeInstrumentService).onApplicationBootstrap();
    expect((await api.owner.query('SELECT id, created_at FROM outcome_instrument ORDER BY id')).rows).toEqual(before.rows);
  });

  it('refuse to start when a stored instrument differs from its definition without a new version', async () => {
    await api.owner.query(`UPDATE outcome_instrument SET title = 'Quietly reworded' WHERE key = 'lena-gts-outcome' AND version = 1`);
    try {
      await expect(api.app.get(OutcomeInstrumentService).onApplicationBootstrap()).rejects.toThrow(
        'Shipped outcome instruments changed without a new version: lena-gts-outcome version 1. Give the changed definition a new version.',
      );
    } finally {
      await api.owner.query(`UPDATE outcome_instrument SET title = $1 WHERE key = 'lena-gts-outcome' AND version = 1`, [SHIPPED_OUTCOME_INSTRUMENTS[1]!.title]);
    }
  });

  it('are listed for an org admin with their licences; ProQOL is a licence entry the organisation has not confirmed', async () => {
    const listed = await instruments(adminClient);
    expect(listed.map((instrument) => instrument.key)).toEqual(['cbi', 'lena-grp-outcome', 'lena-gts-outcome', 'proqol-5']);
    const cbi = listed.find((instrument) => instrument.key === 'cbi')!;
    expect(cbi).toMatchObject({ usable: true, licenceOnly: false, tenantSpecific: false, licence: { tenantMustConfirm: false, wordingMayChange: false } });
    expect(cbi.licence.attribution).toContain('Kristensen');
    expect(cbi.subscales.map((subscale) => [subscale.key, subscale.reliability])).toEqual([
      ['personal', 0.87],
      ['work', 0.87],
      ['client', 0.85],
    ]);
    const proqol = listed.find((instrument) => instrument.key === 'proqol-5')!;
    expect(proqol).toMatchObject({ usable: false, licenceOnly: true, confirmation: null, licence: { tenantMustConfirm: true, wordingMayChange: false } });
    expect(proqol.licence.attribution).toContain('Stamm');
  });

  it('cannot be changed or deleted once a measurement uses them (trigger), even by the owner', async () => {
    const { programme } = await programmeWithSessions(['2027-03-01']);
    await api.fixtures.asTenant(
      tenant.id,
      `INSERT INTO outcome_measurement (tenant_id, programme_id, instrument_key, instrument_version, point, pseudonym, scores) VALUES ($1, $2, 'cbi', 1, 'BASELINE', $3, '{"personal": 50}')`,
      [tenant.id, programme.id, randomBytes(32).toString('hex')],
    );
    await expect(api.owner.query(`UPDATE outcome_instrument SET title = 'Changed' WHERE key = 'cbi'`)).rejects.toThrow(
      'outcome instrument cbi version 1 has been answered and cannot be changed',
    );
    await expect(api.owner.query(`DELETE FROM outcome_instrument WHERE key = 'cbi'`)).rejects.toThrow('has been answered and cannot be changed');
    expect((await api.owner.query(`SELECT title FROM outcome_instrument WHERE key = 'cbi'`)).rows).toEqual([{ title: 'Copenhagen Burnout Inventory' }]);
  });
});

describe('licence confirmations', () => {
  it('ProQOL is refused in a plan until an org admin confirms its licence; the confirmation says who and when, is audited once, and then the plan is accepted', async () => {
    const { programme } = await programmeWithSessions(['2027-04-05', '2027-04-12']);
    const refused = await adminClient.gql(SET_PLAN, { input: { programmeId: programme.id, instrumentKeys: ['proqol-5'], midpoint: false, followUpMonths: null } });
    expectError(
      refused,
      'BAD_USER_INPUT',
      'Professional Quality of Life Scale (ProQOL 5) may be used only once your organisation has confirmed its licence terms. An organisation admin can confirm them under Outcome measures.',
    );
    expect((await api.owner.query('SELECT 1 FROM programme_outcome_plan WHERE tenant_id = $1 AND programme_id = $2', [tenant.id, programme.id])).rows).toEqual([]);

    const first = expectData(await adminClient.gql<{ confirmInstrumentLicence: InstrumentView }>(CONFIRM, { key: 'proqol-5' })).confirmInstrumentLicence;
    expect(first).toMatchObject({ key: 'proqol-5', usable: true, confirmation: { confirmedByName: admin.displayName } });
    const again = expectData(await adminClient.gql<{ confirmInstrumentLicence: InstrumentView }>(CONFIRM, { key: 'proqol-5' })).confirmInstrumentLicence;
    expect(again.confirmation).toEqual(first.confirmation);
    const audited = await api.owner.query(`SELECT actor_user_id AS actor, target_id AS target FROM audit_event WHERE action = 'INSTRUMENT_LICENCE_CONFIRMED' AND tenant_id = $1`, [
      tenant.id,
    ]);
    expect(audited.rows).toEqual([{ actor: admin.id, target: 'proqol-5' }]);

    const plan = expectData(
      await adminClient.gql<{ setProgrammeOutcomePlan: PlanView }>(SET_PLAN, {
        input: { programmeId: programme.id, instrumentKeys: ['proqol-5'], midpoint: false, followUpMonths: null },
      }),
    ).setProgrammeOutcomePlan;
    expect(plan.instruments).toEqual([{ key: 'proqol-5', version: 1, title: 'Professional Quality of Life Scale (ProQOL 5)', attribution: expect.stringContaining('Stamm') }]);

    // Another organisation's confirmation is its own: there ProQOL is still unconfirmed.
    expect((await instruments(otherAdminClient)).find((instrument) => instrument.key === 'proqol-5')).toMatchObject({ usable: false, confirmation: null });
  });

  it('is refused for an instrument that needs none, and for a key that exists nowhere', async () => {
    expectError(await adminClient.gql(CONFIRM, { key: 'cbi' }), 'BAD_USER_INPUT', 'That instrument’s licence needs no confirmation: your programmes may use it already.');
    expectError(await adminClient.gql(CONFIRM, { key: 'made-up' }), 'NOT_FOUND', 'That instrument was not found.');
  });
});

describe('a programme’s outcome plan', () => {
  it('computes the windows from the sessions that are not cancelled, and moves them when a session moves', async () => {
    const { programme, sessions } = await programmeWithSessions(['2027-05-03', '2027-05-10', '2027-05-17', '2027-05-24']);
    await api.fixtures.asTenant(tenant.id, `UPDATE group_session SET status = 'CANCELLED' WHERE tenant_id = $1 AND id = $2`, [tenant.id, sessions[3]!.id]);
    const set = expectData(
      await adminClient.gql<{ setProgrammeOutcomePlan: PlanView }>(SET_PLAN, {
        input: { programmeId: programme.id, instrumentKeys: ['lena-grp-outcome', 'cbi'], midpoint: true, followUpMonths: 3 },
      }),
    ).setProgrammeOutcomePlan;
    expect(set).toEqual({
      instruments: [
        { key: 'cbi', version: 1, title: 'Copenhagen Burnout Inventory', attribution: expect.stringContaining('Kristensen') },
        { key: 'lena-grp-outcome', version: 1, title: 'Reflective practice outcome (Lena, 6 items)', attribution: null },
      ],
      midpoint: true,
      followUpMonths: 3,
      windows: [
        // A week before the first session, closing as it starts.
        { point: 'BASELINE', opensAt: '2027-04-26T10:00:00.000Z', closesAt: '2027-05-03T10:00:00.000Z' },
        // The middle of three sessions (the cancelled fourth left out) ends 10 May 11:30.
        { point: 'MIDPOINT', opensAt: '2027-05-10T11:30:00.000Z', closesAt: '2027-05-24T11:30:00.000Z' },
        { point: 'FINAL', opensAt: '2027-05-17T11:30:00.000Z', closesAt: '2027-05-31T11:30:00.000Z' },
        { point: 'FOLLOW_UP', opensAt: '2027-08-17T11:30:00.000Z', closesAt: '2027-08-31T11:30:00.000Z' },
      ],
      updatedAt: expect.any(String),
    });

    await api.fixtures.asTenant(
      tenant.id,
      `UPDATE group_session SET starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day' WHERE tenant_id = $1 AND id = $2`,
      [tenant.id, sessions[2]!.id],
    );
    const read = expectData(await adminClient.gql<{ programme: { outcomePlan: PlanView } }>(PROGRAMME_PLAN, { id: programme.id })).programme.outcomePlan;
    expect(read.windows?.find((window) => window.point === 'FINAL')).toEqual({ point: 'FINAL', opensAt: '2027-05-18T11:30:00.000Z', closesAt: '2027-06-01T11:30:00.000Z' });

    const audited = await api.owner.query(`SELECT detail FROM audit_event WHERE action = 'PROGRAMME_OUTCOME_PLAN_SET' AND target_id = $1`, [programme.id]);
    expect(audited.rows).toEqual([
      {
        detail: {
          instruments: [
            { key: 'lena-grp-outcome', version: 1 },
            { key: 'cbi', version: 1 },
          ],
          midpoint: true,
          followUpMonths: 3,
        },
      },
    ]);
  });

  it('is replaced as a whole when set again, and has no windows before the programme has sessions', async () => {
    const programme = await api.fixtures.programme(tenant.id, team.id);
    expect(expectData(await adminClient.gql<{ programme: { outcomePlan: PlanView | null } }>(PROGRAMME_PLAN, { id: programme.id })).programme.outcomePlan).toBeNull();
    expectData(await adminClient.gql(SET_PLAN, { input: { programmeId: programme.id, instrumentKeys: ['cbi', 'lena-gts-outcome'], midpoint: true, followUpMonths: 6 } }));
    const replaced = expectData(
      await adminClient.gql<{ setProgrammeOutcomePlan: PlanView }>(SET_PLAN, {
        input: { programmeId: programme.id, instrumentKeys: ['lena-gts-outcome'], midpoint: false, followUpMonths: null },
      }),
    ).setProgrammeOutcomePlan;
    expect(replaced).toMatchObject({ instruments: [{ key: 'lena-gts-outcome', version: 1 }], midpoint: false, followUpMonths: null, windows: null });
  });

  it('refuses bad input by field, a completed or cancelled programme (CONFLICT), and writes nothing', async () => {
    const programme = await api.fixtures.programme(tenant.id, team.id);
    const bad = await adminClient.gql(SET_PLAN, { input: { programmeId: programme.id, instrumentKeys: ['cbi', 'cbi'], midpoint: false, followUpMonths: 13 } });
    const error = expectError(bad, 'BAD_USER_INPUT');
    expect(error.extensions?.fieldProblems).toEqual([
      { field: 'instrumentKeys', message: 'Choose each instrument once.' },
      { field: 'followUpMonths', message: 'A follow-up comes at most 12 months after the last session.' },
    ]);
    expectError(
      await adminClient.gql(SET_PLAN, { input: { programmeId: programme.id, instrumentKeys: ['nothing-like-it'], midpoint: false, followUpMonths: null } }),
      'BAD_USER_INPUT',
      'There is no instrument “nothing-like-it” for this organisation.',
    );
    for (const status of ['COMPLETED', 'CANCELLED']) {
      await api.fixtures.asTenant(tenant.id, 'UPDATE programme SET status = $3 WHERE tenant_id = $1 AND id = $2', [tenant.id, programme.id, status]);
      expectError(
        await adminClient.gql(SET_PLAN, { input: { programmeId: programme.id, instrumentKeys: ['cbi'], midpoint: false, followUpMonths: null } }),
        'CONFLICT',
        'This programme has ended, so what it measures can no longer change.',
      );
    }
    expect((await api.owner.query('SELECT 1 FROM programme_outcome_plan WHERE programme_id = $1', [programme.id])).rows).toEqual([]);
  });

  it('is set and read by a platform admin in the programme’s organisation; participants and facilitators may not read it', async () => {
    const { programme } = await programmeWithSessions(['2027-06-07', '2027-06-14']);
    const set = expectData(
      await platformAdminClient.gql<{ setProgrammeOutcomePlan: PlanView }>(SET_PLAN, {
        input: { programmeId: programme.id, instrumentKeys: ['cbi'], midpoint: false, followUpMonths: null },
      }),
    ).setProgrammeOutcomePlan;
    expect(set.windows?.map((window) => window.point)).toEqual(['BASELINE', 'FINAL']);
    const read = expectData(await platformAdminClient.gql<{ programme: { outcomePlan: PlanView } }>(PROGRAMME_PLAN, { id: programme.id })).programme.outcomePlan;
    expect(read.instruments.map((instrument) => instrument.key)).toEqual(['cbi']);

    await api.fixtures.enrolment(tenant.id, programme.id, participant.id);
    const asParticipant = await participantClient.gql(PROGRAMME_PLAN, { id: programme.id });
    expect(expectError(asParticipant, 'FORBIDDEN').path?.map(String)).toEqual(['programme', 'outcomePlan']);
    expect(asParticipant.body).not.toContain('cbi');
    const assigned = await api.fixtures.facilitator();
    await api.fixtures.programmeFacilitator(tenant.id, programme.id, assigned.id);
    const asFacilitator = await (await signedIn(api, assigned)).gql(PROGRAMME_PLAN, { id: programme.id });
    expect(expectError(asFacilitator, 'FORBIDDEN').path?.map(String)).toEqual(['programme', 'outcomePlan']);
  });

  it('another organisation’s admin gets NOT_FOUND for the programme, exactly as for an id that exists nowhere', async () => {
    const programme = await api.fixtures.programme(tenant.id, team.id);
    const input = { instrumentKeys: ['cbi'], midpoint: false, followUpMonths: null };
    const theirs = await otherAdminClient.gql(SET_PLAN, { input: { ...input, programmeId: programme.id } });
    const nowhere = await otherAdminClient.gql(SET_PLAN, { input: { ...input, programmeId: '7b0b5f5e-0000-4000-8000-000000000000' } });
    expect(expectError(theirs, 'NOT_FOUND', 'That programme was not found.')).toEqual(expectError(nowhere, 'NOT_FOUND'));
    expectError(await facilitatorClient.gql(SET_PLAN, { input: { ...input, programmeId: programme.id } }), 'FORBIDDEN');
    expect((await api.owner.query('SELECT 1 FROM programme_outcome_plan WHERE programme_id = $1', [programme.id])).rows).toEqual([]);
  });
});

describe('an organisation’s own instruments', () => {
  it('a platform admin adds one: validated, version 1, audited, listed for that organisation only and usable in its plans', async () => {
    const key = `climate-${unique()}`;
    const added = expectData(await platformAdminClient.gql<{ addTenantInstrument: Record<string, unknown> }>(ADD, { input: ownInstrument(tenant.id, key) })).addTenantInstrument;
    expect(added).toEqual({
      key,
      version: 1,
      title: 'Team climate',
      tenantSpecific: true,
      usable: true,
      itemCount: 4,
      licence: { holder: 'The organisation', attribution: null, tenantMustConfirm: false },
      subscales: [{ key: 'climate', itemCount: 4 }],
    });
    expect((await instruments(adminClient)).find((instrument) => instrument.key === key)).toMatchObject({ version: 1, tenantSpecific: true });
    expect((await instruments(otherAdminClient)).map((instrument) => instrument.key)).not.toContain(key);
    expect((await instruments(platformAdminClient, tenant.id)).map((instrument) => instrument.key)).toContain(key);
    expect((await instruments(platformAdminClient)).map((instrument) => instrument.key)).not.toContain(key);
    const audited = await api.owner.query(`SELECT tenant_id AS tenant, detail FROM audit_event WHERE action = 'OUTCOME_INSTRUMENT_ADDED' AND target_id = $1`, [key]);
    expect(audited.rows).toEqual([{ tenant: tenant.id, detail: { version: 1 } }]);

    const { programme } = await programmeWithSessions(['2027-07-05']);
    const plan = expectData(
      await adminClient.gql<{ setProgrammeOutcomePlan: PlanView }>(SET_PLAN, {
        input: { programmeId: programme.id, instrumentKeys: [key], midpoint: false, followUpMonths: null },
      }),
    ).setProgrammeOutcomePlan;
    expect(plan.instruments).toEqual([{ key, version: 1, title: 'Team climate', attribution: null }]);
    // Another organisation cannot ask it.
    const elsewhere = await api.fixtures.programme(otherTenant.id, (await api.fixtures.team(otherTenant.id)).id);
    expectError(
      await otherAdminClient.gql(SET_PLAN, { input: { programmeId: elsewhere.id, instrumentKeys: [key], midpoint: false, followUpMonths: null } }),
      'BAD_USER_INPUT',
      `There is no instrument “${key}” for this organisation.`,
    );
  });

  it('refuses an instrument that does not hang together, listing every problem, and stores nothing', async () => {
    const key = `broken-${unique()}`;
    const result = await platformAdminClient.gql(ADD, {
      input: ownInstrument(tenant.id, key, {
        items: [{ key: 'heard', text: 'I feel heard.', scale: 'frequency', reversed: false }],
        subscales: [{ key: 'climate', title: 'Team climate', items: ['heard', 'valued'], method: 'MEAN', minimumAnswered: 3, direction: 'HIGHER_IS_BETTER', reliability: 1.2 }],
      }),
    });
    const error = expectError(result, 'BAD_USER_INPUT');
    expect(error.extensions?.fieldProblems).toEqual([
      { field: 'input', message: 'Item “heard” uses a response scale, “frequency”, that the instrument does not define.' },
      { field: 'input', message: 'Score “climate” combines an item, “valued”, that the instrument does not have.' },
      { field: 'input', message: 'Score “climate” needs between 1 and 2 answered items to count.' },
      { field: 'input', message: 'Score “climate” gives a reliability outside 0 to 1.' },
    ]);
    expectNoInternals(result.body);
    expectError(
      await platformAdminClient.gql(ADD, { input: ownInstrument(tenant.id, 'cbi') }),
      'BAD_USER_INPUT',
      'That key belongs to one of the platform’s own instruments: choose another.',
    );
    expect((await api.owner.query('SELECT 1 FROM tenant_outcome_instrument WHERE key = $1', [key])).rows).toEqual([]);
  });

  it('a used version is never changed: superseding adds a new version, the old stays as answered, and plans pin the version they chose', async () => {
    const key = `wellbeing-${unique()}`;
    expectData(await platformAdminClient.gql(ADD, { input: ownInstrument(tenant.id, key) }));
    expectError(
      await platformAdminClient.gql(ADD, { input: ownInstrument(tenant.id, key) }),
      'CONFLICT',
      'This organisation already has an instrument with that key. Supersede it with a new version instead.',
    );
    const { programme } = await programmeWithSessions(['2027-08-02']);
    expectData(await adminClient.gql(SET_PLAN, { input: { programmeId: programme.id, instrumentKeys: [key], midpoint: false, followUpMonths: null } }));
    await api.fixtures.asTenant(
      tenant.id,
      `INSERT INTO outcome_measurement (tenant_id, programme_id, instrument_key, instrument_version, point, pseudonym, scores) VALUES ($1, $2, $3, 1, 'BASELINE', $4, '{"climate": 2.5}')`,
      [tenant.id, programme.id, key, randomBytes(32).toString('hex')],
    );
    // The attack: the answered version rewritten in the database itself, as its owner.
    await expect(api.fixtures.asTenant(tenant.id, `UPDATE tenant_outcome_instrument SET title = 'Reworded' WHERE tenant_id = $1 AND key = $2`, [tenant.id, key])).rejects.toThrow(
      `outcome instrument ${key} version 1 has been answered and cannot be changed`,
    );

    const superseded = expectData(
      await platformAdminClient.gql<{ supersedeTenantInstrument: { key: string; version: number; title: string } }>(SUPERSEDE, {
        input: ownInstrument(tenant.id, key, { title: 'Team climate (revised)' }),
      }),
    ).supersedeTenantInstrument;
    expect(superseded).toEqual({ key, version: 2, title: 'Team climate (revised)' });
    const versions = await api.owner.query('SELECT version, title FROM tenant_outcome_instrument WHERE tenant_id = $1 AND key = $2 ORDER BY version', [tenant.id, key]);
    expect(versions.rows).toEqual([
      { version: 1, title: 'Team climate' },
      { version: 2, title: 'Team climate (revised)' },
    ]);
    expect((await instruments(adminClient)).find((instrument) => instrument.key === key)).toMatchObject({ version: 2, title: 'Team climate (revised)' });
    const pinned = expectData(await adminClient.gql<{ programme: { outcomePlan: PlanView } }>(PROGRAMME_PLAN, { id: programme.id })).programme.outcomePlan;
    expect(pinned.instruments).toEqual([{ key, version: 1, title: 'Team climate', attribution: null }]);

    expectError(await platformAdminClient.gql(SUPERSEDE, { input: ownInstrument(otherTenant.id, key) }), 'NOT_FOUND', 'That instrument was not found.');
    expectError(await platformAdminClient.gql(ADD, { input: ownInstrument('7b0b5f5e-0000-4000-8000-000000000000', key) }), 'NOT_FOUND', 'That organisation was not found.');
  });

  it('an org admin naming another organisation gets NOT_FOUND, as for one that exists nowhere', async () => {
    const theirs = await adminClient.gql(INSTRUMENTS, { tenantId: otherTenant.id });
    const nowhere = await adminClient.gql(INSTRUMENTS, { tenantId: '7b0b5f5e-0000-4000-8000-000000000000' });
    expect(expectError(theirs, 'NOT_FOUND', 'That organisation was not found.')).toEqual(expectError(nowhere, 'NOT_FOUND'));
  });
});

describe('pairing pseudonyms', () => {
  /** As the application role, in `tenantId`'s organisation. */
  async function asApp<T>(tenantId: string, work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: api.database.appUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } finally {
      await client.end();
    }
  }

  const secretOf = (client: Client, programmeId: string, candidate: Buffer) =>
    client.query<{ secret: Buffer | null }>('SELECT outcome_pairing_secret($1, $2) AS secret', [programmeId, candidate]).then((result) => result.rows[0]!.secret);

  it('keep each programme’s key out of the application role’s reach, hand it out only in the programme’s own organisation, and never change it', async () => {
    const programme = await api.fixtures.programme(tenant.id, team.id);
    const first = randomBytes(32);
    expect(await asApp(tenant.id, (client) => secretOf(client, programme.id, first))).toEqual(first);
    expect(await asApp(tenant.id, (client) => secretOf(client, programme.id, randomBytes(32)))).toEqual(first);
    // The attacks: another organisation asking for it, and reading the table directly.
    expect(await asApp(otherTenant.id, (client) => secretOf(client, programme.id, randomBytes(32)))).toBeNull();
    await expect(asApp(tenant.id, (client) => client.query('SELECT secret FROM outcome_pairing_secret'))).rejects.toThrow('permission denied for table outcome_pairing_secret');
    expect((await api.owner.query('SELECT secret FROM outcome_pairing_secret WHERE programme_id = $1', [programme.id])).rows).toEqual([{ secret: first }]);
  });

  it('give a person the same pseudonym within a programme, another in every other programme and for every other salt, and never their id', async () => {
    const [one, two] = [randomBytes(32), randomBytes(32)];
    const [salt, otherSalt] = [randomBytes(32), randomBytes(32)];
    const pseudonym = pairingPseudonym(one, salt);
    expect(pseudonym).toMatch(/^[0-9a-f]{64}$/);
    expect(pairingPseudonym(one, Buffer.from(salt))).toBe(pseudonym);
    expect(pairingPseudonym(two, salt)).not.toBe(pseudonym);
    expect(pairingPseudonym(one, otherSalt)).not.toBe(pseudonym);
    expect(pseudonym).not.toContain(salt.toString('hex'));
    expect(() => pairingPseudonym(randomBytes(16), salt)).toThrow('A pairing key is 32 bytes.');
    expect(() => pairingPseudonym(one, randomBytes(16))).toThrow('A pairing salt is 32 bytes.');
  });

  it('outcome_measurement has no column that could name a person or a time', async () => {
    const columns = await api.owner.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'outcome_measurement' ORDER BY ordinal_position`,
    );
    expect(columns.rows.map((column) => column.name)).toEqual(['tenant_id', 'id', 'programme_id', 'instrument_key', 'instrument_version', 'point', 'pseudonym', 'scores']);
  });
});
