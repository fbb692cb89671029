import { createHash, createHmac } from 'node:crypto';
import { createLogger } from '@lena/logging';
import { captureLogs, type CapturedLogs } from '@lena/logging/testing';
import { LENA_GRP_OUTCOME } from '@lena/domain';
import { Client } from 'pg';
import { expectData, expectError } from './support/expectations';
import { unique, type ProgrammeFixture, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

let api: TestApi;
let logs: CapturedLogs;
let tenant: TenantFixture;
let otherTenant: TenantFixture;
let team: TeamFixture;
let admin: UserFixture;
let adminClient: TestClient;

type Point = 'BASELINE' | 'MIDPOINT' | 'FINAL' | 'FOLLOW_UP';

/** Answers to the CBI giving `personal` and `work` scores of `value` (work-7, reversed, skipped) and no client score. */
function cbi(value: number, work = value): Record<string, number> {
  const answers: Record<string, number> = {};
  for (let item = 1; item <= 6; item += 1) {
    answers[`personal-${item}`] = value;
    answers[`work-${item}`] = work;
  }
  return answers;
}

interface OutcomeReply {
  statusCode: number;
  body: {
    stored?: boolean;
    programmeTitle?: string;
    point?: string;
    instruments?: Array<{ instrument: { key: string; items: Array<{ key: string }> }; attribution: string | null }>;
    error?: { code: string; message: string; linkState?: string; fieldProblems: Array<{ field: string; message: string }> };
  };
}

/** The measures page's own call, as its plain fetch makes it. */
async function post(path: 'form' | 'responses', payload: unknown, headers: Record<string, string> = {}): Promise<OutcomeReply> {
  const response = await api.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: 'POST',
      url: `/outcomes/${path}`,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(payload),
      remoteAddress: '127.0.0.78',
    });
  return { statusCode: response.statusCode, body: JSON.parse(response.body) as OutcomeReply['body'] };
}

const answer = (token: string, answers: unknown = { cbi: cbi(50) }, headers: Record<string, string> = {}) => post('responses', { token, answers }, headers);

/** A programme asking the CBI, with `count` participants enrolled. */
async function plannedProgramme(count: number, keys: readonly string[] = ['cbi']): Promise<{ programme: ProgrammeFixture; people: UserFixture[] }> {
  const programme = await api.fixtures.programme(tenant.id, team.id, { title: `Burnout circle ${unique()}` });
  await api.fixtures.outcomePlan(tenant.id, programme.id, admin.id, keys);
  const people: UserFixture[] = [];
  for (let index = 0; index < count; index += 1) {
    const person = await api.fixtures.participant(tenant.id);
    await api.fixtures.enrolment(tenant.id, programme.id, person.id);
    people.push(person);
  }
  return { programme, people };
}

const measurements = (programmeId: string) =>
  api.owner
    .query<{ pseudonym: string; point: string; instrument_key: string; scores: Record<string, number | null> }>(
      'SELECT pseudonym, point, instrument_key, scores FROM outcome_measurement WHERE programme_id = $1 ORDER BY point, pseudonym',
      [programmeId],
    )
    .then((result) => result.rows);

/** As the application role, in `tenantId`'s organisation (and as `userId`, when given). */
async function asApp<T>(tenantId: string, work: (client: Client) => Promise<T>, userId = ''): Promise<T> {
  const client = new Client({ connectionString: api.database.appUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [tenantId, userId]);
    const result = await work(client);
    await client.query('ROLLBACK');
    return result;
  } finally {
    await client.end();
  }
}

const MY_MEASURES = `{ myMeasures { programmeId programmeTitle scales { instrumentKey instrumentTitle attribution subscaleKey title direction minimum maximum reading scores { point askedAt score } } } }`;
interface MyMeasuresView {
  myMeasures: Array<{
    programmeId: string;
    programmeTitle: string;
    scales: Array<{ instrumentKey: string; subscaleKey: string; title: string; attribution: string | null; reading: string; scores: Array<{ point: Point; score: number }> }>;
  }>;
}

beforeAll(async () => {
  logs = captureLogs();
  api = await startTestApi({ logger: createLogger({ service: 'api', level: 'debug', destination: logs.stream }) });
  tenant = await api.fixtures.tenant({ name: `Outcomes Trust ${unique()}` });
  otherTenant = await api.fixtures.tenant({ name: `Other Outcomes Trust ${unique()}` });
  team = await api.fixtures.team(tenant.id);
  admin = await api.fixtures.orgAdmin(tenant.id);
  adminClient = await signedIn(api, admin);
});

afterAll(async () => {
  await api?.close();
});

describe('the schema: no join path from a measurement to a person', () => {
  it('of every outcomes table, only the link (which no answer touches) and the hidden salt name a person; nothing holds a time beside a measurement', async () => {
    const { rows } = await api.owner.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
        WHERE table_schema = 'public' AND (table_name LIKE 'outcome%' OR table_name LIKE '%outcome_%' OR table_name = 'tenant_instrument_licence')
        ORDER BY table_name, ordinal_position`,
    );
    const tables = new Map<string, string[]>();
    for (const row of rows) tables.set(row.table_name, [...(tables.get(row.table_name) ?? []), row.column_name]);
    expect(tables.get('outcome_measurement')).toEqual(['tenant_id', 'id', 'programme_id', 'instrument_key', 'instrument_version', 'point', 'pseudonym', 'scores']);
    expect(tables.get('outcome_link_unspent')).toEqual(['tenant_id', 'link_id']);
    expect(tables.get('outcome_request')).toEqual(['tenant_id', 'id', 'programme_id', 'point', 'opens_at', 'remind_at', 'closes_at', 'created_at']);
    const naming = [...tables].filter(([, columns]) => columns.includes('user_id')).map(([table]) => table);
    expect(naming.sort()).toEqual(['outcome_link', 'outcome_pairing_salt']);
    // And no key joins a measurement to anything but its programme.
    const { rows: keys } = await api.owner.query<{ referenced: string }>(
      `SELECT ccu.table_name AS referenced FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        WHERE tc.table_name = 'outcome_measurement' AND tc.constraint_type = 'FOREIGN KEY'`,
    );
    expect([...new Set(keys.map((key) => key.referenced))]).toEqual(['programme']);
  });

  it('the application role cannot read a salt or a key, and a link’s stored hash (which it can read) does not open the salt: only the emailed secret does', async () => {
    const { programme, people } = await plannedProgramme(1);
    const request = await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE');
    const link = await api.fixtures.outcomeLink(tenant.id, request.id, people[0]!.id);
    await asApp(tenant.id, async (client) => {
      await expect(client.query('SELECT * FROM outcome_pairing_salt')).rejects.toThrow('permission denied for table outcome_pairing_salt');
    });
    await asApp(tenant.id, async (client) => {
      const { rows } = await client.query<{ token_hash: Buffer }>('SELECT token_hash FROM outcome_link WHERE id = $1', [link.id]);
      const hash = rows[0]!.token_hash;
      // The attacks: the hash as the secret, in every spelling.
      for (const guess of [hash.toString('hex'), hash.toString('base64url'), hash.toString('base64')]) {
        const { rows: salts } = await client.query<{ salt: Buffer | null }>('SELECT outcome_link_pairing_salt($1, $2) AS salt', [guess, Buffer.alloc(32, 1)]);
        expect(salts[0]!.salt).toBeNull();
      }
      // With no person acting, no one's own salt.
      expect((await client.query<{ salt: Buffer | null }>('SELECT outcome_own_pairing_salt() AS salt')).rows[0]!.salt).toBeNull();
    });
    // Another organisation presenting the real secret gets nothing either.
    await asApp(otherTenant.id, async (client) => {
      expect((await client.query<{ salt: Buffer | null }>('SELECT outcome_link_pairing_salt($1, $2) AS salt', [link.token, Buffer.alloc(32, 1)])).rows[0]!.salt).toBeNull();
    });
    expect(await api.fixtures.count('outcome_pairing_salt', 'user_id = $1', [people[0]!.id])).toBe(0);
  });

  it('everything the application role can read in the organisation (the programme key, every link hash, every enrolled id) computes no stored pseudonym', async () => {
    const { programme, people } = await plannedProgramme(3);
    const request = await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE');
    for (const person of people) expect((await answer((await api.fixtures.outcomeLink(tenant.id, request.id, person.id)).token)).statusCode).toBe(201);
    const stored = new Set((await measurements(programme.id)).map((row) => row.pseudonym));
    expect(stored.size).toBe(3);
    const guesses = await asApp(tenant.id, async (client) => {
      const key = (await client.query<{ secret: Buffer }>('SELECT outcome_pairing_secret($1, $2) AS secret', [programme.id, Buffer.alloc(32, 2)])).rows[0]!.secret;
      const enrolled = (await client.query<{ user_id: string }>('SELECT user_id FROM enrolment WHERE programme_id = $1', [programme.id])).rows.map((row) => row.user_id);
      const hashes = (await client.query<{ token_hash: Buffer }>('SELECT token_hash FROM outcome_link WHERE request_id = $1', [request.id])).rows.map((row) => row.token_hash);
      const hmac = (input: Buffer | string) => createHmac('sha256', key).update(input).digest('hex');
      return [...enrolled.flatMap((id) => [hmac(id), hmac(id.toUpperCase()), createHash('sha256').update(id).digest('hex')]), ...hashes.map((hash) => hmac(hash))];
    });
    expect(guesses.filter((guess) => stored.has(guess))).toEqual([]);
  });

  it('storing measurements writes no row that shares their transaction id (xmin) with anything the application role can read naming the link or its recipient', async () => {
    const { programme, people } = await plannedProgramme(1);
    const request = await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE');
    const link = await api.fixtures.outcomeLink(tenant.id, request.id, people[0]!.id);
    expect((await answer(link.token)).statusCode).toBe(201);
    const { rows } = await api.owner.query(
      `SELECT 'outcome_link' FROM outcome_link l JOIN outcome_measurement m ON m.xmin = l.xmin WHERE m.programme_id = $1
       UNION ALL SELECT 'outcome_link_unspent' FROM outcome_link_unspent u JOIN outcome_measurement m ON m.xmin = u.xmin WHERE m.programme_id = $1
       UNION ALL SELECT 'outcome_request' FROM outcome_request r JOIN outcome_measurement m ON m.xmin = r.xmin WHERE m.programme_id = $1
       UNION ALL SELECT 'audit_event' FROM audit_event a JOIN outcome_measurement m ON m.xmin = a.xmin WHERE m.programme_id = $1
       UNION ALL SELECT 'outbox_message' FROM outbox_message o JOIN outcome_measurement m ON m.xmin = o.xmin WHERE m.programme_id = $1`,
      [programme.id],
    );
    expect(await measurements(programme.id)).toHaveLength(1);
    expect(await api.fixtures.count('outcome_link_unspent', 'link_id = $1', [link.id])).toBe(0);
    expect(rows).toEqual([]);
  });
});

describe('answering through a single-use link', () => {
  it('opens the questionnaire with no sign-in: the programme, the point and each instrument with its licence attribution', async () => {
    const { programme, people } = await plannedProgramme(1);
    const request = await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE');
    const link = await api.fixtures.outcomeLink(tenant.id, request.id, people[0]!.id);
    const reply = await post('form', { token: link.token });
    expect(reply.statusCode).toBe(200);
    expect(reply.body).toMatchObject({ programmeTitle: programme.title, point: 'BASELINE' });
    expect(reply.body.instruments?.map((entry) => entry.instrument.key)).toEqual(['cbi']);
    expect(reply.body.instruments?.[0]?.attribution).toMatch(/^Copenhagen Burnout Inventory: Kristensen TS/);
    expect(reply.body.instruments?.[0]?.instrument.items).toHaveLength(19);
  });

  it('scores and stores one measurement per instrument with a pseudonym and nothing else, and spends the link', async () => {
    const { programme, people } = await plannedProgramme(1);
    const request = await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE');
    const link = await api.fixtures.outcomeLink(tenant.id, request.id, people[0]!.id);
    expect(await answer(link.token, { cbi: cbi(75, 25) })).toMatchObject({ statusCode: 201, body: { stored: true } });
    const stored = await measurements(programme.id);
    expect(stored).toEqual([{ pseudonym: expect.stringMatching(/^[0-9a-f]{64}$/), point: 'BASELINE', instrument_key: 'cbi', scores: { personal: 75, work: 25, client: null } }]);
    expect(await api.fixtures.count('outcome_link_unspent', 'link_id = $1', [link.id])).toBe(0);
  });

  it('refuses a second answer with the same link as CONFLICT, with a clear message, and it does not count', async () => {
    const { programme, people } = await plannedProgramme(1);
    const link = await api.fixtures.outcomeLink(tenant.id, (await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE')).id, people[0]!.id);
    expect((await answer(link.token)).statusCode).toBe(201);
    const again = await answer(link.token, { cbi: cbi(0) });
    expect(again).toMatchObject({
      statusCode: 409,
      body: { error: { code: 'CONFLICT', linkState: 'SPENT', message: 'This questionnaire has already been answered with this link. Each link can be used once.' } },
    });
    expect((await post('form', { token: link.token })).body.error).toMatchObject({ code: 'CONFLICT', linkState: 'SPENT' });
    expect(await measurements(programme.id)).toHaveLength(1);
  });

  it('lets exactly one of 20 concurrent answers with one link through', async () => {
    const { programme, people } = await plannedProgramme(1);
    const link = await api.fixtures.outcomeLink(tenant.id, (await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE')).id, people[0]!.id);
    const replies = await Promise.all(Array.from({ length: 20 }, (_, index) => answer(link.token, { cbi: cbi([0, 25, 50, 75, 100][index % 5]!) })));
    expect(replies.map((reply) => reply.statusCode).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    for (const refused of replies.filter((reply) => reply.statusCode === 409)) expect(refused.body.error).toMatchObject({ code: 'CONFLICT', linkState: 'SPENT' });
    expect(await measurements(programme.id)).toHaveLength(1);
  });

  it('refuses an expired link, storing nothing, and an unknown or malformed one, each with a clear typed error', async () => {
    const { programme, people } = await plannedProgramme(1);
    const request = await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE', { closesAt: new Date(Date.now() - 60_000) });
    const link = await api.fixtures.outcomeLink(tenant.id, request.id, people[0]!.id);
    for (const reply of [await answer(link.token), await post('form', { token: link.token })]) {
      expect(reply).toMatchObject({
        statusCode: 404,
        body: { error: { code: 'NOT_FOUND', linkState: 'EXPIRED', message: 'This questionnaire link has expired: the time to answer it has ended.' } },
      });
    }
    expect(await measurements(programme.id)).toEqual([]);
    for (const token of ['A'.repeat(43), 'not-a-token', undefined]) {
      expect(await answer(token as string)).toMatchObject({
        statusCode: 404,
        body: { error: { code: 'NOT_FOUND', linkState: 'UNKNOWN', message: 'This questionnaire link is not recognised. Check that you copied the whole link from your email.' } },
      });
    }
  });

  it('refuses answers that are not offered, by instrument and item, leaving the link unspent', async () => {
    const { programme, people } = await plannedProgramme(1);
    const link = await api.fixtures.outcomeLink(tenant.id, (await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE')).id, people[0]!.id);
    const reply = await answer(link.token, { cbi: { ...cbi(50), 'work-1': 60 } });
    expect(reply.statusCode).toBe(400);
    expect(reply.body.error).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldProblems: [{ field: 'cbi.work-1', message: 'Choose one of the answers offered for “Is your work emotionally exhausting?”.' }],
    });
    expect((await answer(link.token, {})).body.error?.fieldProblems).toEqual([{ field: 'cbi', message: 'Answer the questions in “Copenhagen Burnout Inventory”.' }]);
    expect(await measurements(programme.id)).toEqual([]);
    expect((await answer(link.token)).statusCode).toBe(201);
  });

  it('never shows or stores an instrument whose licence the organisation has not confirmed', async () => {
    const key = `own-${unique()}`.toLowerCase();
    const definition = { ...LENA_GRP_OUTCOME, key, licence: { ...LENA_GRP_OUTCOME.licence, tenantMustConfirm: true } };
    await api.fixtures.asTenant(
      tenant.id,
      'INSERT INTO tenant_outcome_instrument (tenant_id, key, version, title, licence, definition, created_by) VALUES ($1, $2, 1, $3, $4, $5, $6)',
      [tenant.id, key, definition.title, JSON.stringify(definition.licence), JSON.stringify(definition), admin.id],
    );
    const { programme, people } = await plannedProgramme(1, ['cbi', key]);
    const link = await api.fixtures.outcomeLink(tenant.id, (await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE')).id, people[0]!.id);
    expect((await post('form', { token: link.token })).body.instruments?.map((entry) => entry.instrument.key)).toEqual(['cbi']);
    const withOwn = await answer(link.token, { cbi: cbi(50), [key]: { [LENA_GRP_OUTCOME.items[0]!.key]: 1 } });
    expect(withOwn.statusCode).toBe(400);
    expect(withOwn.body.error?.fieldProblems).toEqual([{ field: key, message: 'This link does not ask that questionnaire.' }]);
    expect((await answer(link.token)).statusCode).toBe(201);
    expect((await measurements(programme.id)).map((row) => row.instrument_key)).toEqual(['cbi']);
  });

  it('never puts an answer, a score, the token, a pseudonym or who sent it in a log line', async () => {
    const { programme, people } = await plannedProgramme(1);
    const person = people[0]!;
    const link = await api.fixtures.outcomeLink(tenant.id, (await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE')).id, person.id);
    const before = logs.lines().length;
    expect((await answer(link.token, { cbi: cbi(75) }, { 'user-agent': 'Distinctive-Agent/7.7' })).statusCode).toBe(201);
    await api.settled();
    const lines = logs.lines().slice(before);
    const completed = lines.filter((line) => line.msg === 'request completed' && (line.request as { url?: string }).url === '/outcomes/responses');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ userId: null, tenantId: null, request: { method: 'POST', url: '/outcomes/responses' } });
    const [stored] = await measurements(programme.id);
    const text = JSON.stringify(lines);
    for (const leak of [link.token, person.id, person.email, '127.0.0.78', 'Distinctive-Agent', link.id, stored!.pseudonym, '"personal-1"'])
      expect({ leak, found: text.includes(leak) }).toEqual({ leak, found: false });
  });
});

describe('a plan once the baseline has been asked', () => {
  it('is frozen: setProgrammeOutcomePlan is CONFLICT with a message, and the plan stays as it was', async () => {
    const { programme } = await plannedProgramme(0);
    const input = { programmeId: programme.id, instrumentKeys: ['cbi', 'lena-grp-outcome'], midpoint: true, followUpMonths: 3 };
    const SET = `mutation($input: SetProgrammeOutcomePlanInput!) { setProgrammeOutcomePlan(input: $input) { midpoint instruments { key } } }`;
    expectData(await adminClient.gql(SET, { input }));
    await api.fixtures.outcomeRequest(tenant.id, programme.id, 'BASELINE');
    expectError(
      await adminClient.gql(SET, { input: { ...input, instrumentKeys: ['cbi'], midpoint: false } }),
      'CONFLICT',
      'The baseline questionnaire has already been sent for this programme, so what it measures can no longer change.',
    );
    const { rows } = await api.owner.query('SELECT instrument_key FROM programme_outcome_instrument WHERE programme_id = $1 ORDER BY instrument_key', [programme.id]);
    expect(rows).toEqual([{ instrument_key: 'cbi' }, { instrument_key: 'lena-grp-outcome' }]);
  });
});

describe('pairing, a person’s own history, and erasure', () => {
  /** `people` answer `point` with the given personal/work values. */
  async function answerAll(programmeId: string, point: Point, people: readonly UserFixture[], values: readonly number[]): Promise<void> {
    const request = await api.fixtures.outcomeRequest(tenant.id, programmeId, point);
    for (const [index, person] of people.entries()) {
      const link = await api.fixtures.outcomeLink(tenant.id, request.id, person.id);
      expect((await answer(link.token, { cbi: cbi(values[index]!) })).statusCode).toBe(201);
    }
  }

  it('pairs a person’s baseline with their final, shows them their own scores over time with a plain-English reading, and no one else', async () => {
    const { programme, people } = await plannedProgramme(6);
    await answerAll(programme.id, 'BASELINE', people, [75, 50, 25, 100, 50, 75]);
    await answerAll(programme.id, 'FINAL', people.slice(0, 2), [25, 50]);
    const rows = await measurements(programme.id);
    const baseline = new Set(rows.filter((row) => row.point === 'BASELINE').map((row) => row.pseudonym));
    const final = rows.filter((row) => row.point === 'FINAL').map((row) => row.pseudonym);
    expect(baseline.size).toBe(6);
    expect(final.every((pseudonym) => baseline.has(pseudonym))).toBe(true);

    const first = expectData(await (await signedIn(api, people[0]!)).gql<MyMeasuresView>(MY_MEASURES)).myMeasures;
    expect(first).toHaveLength(1);
    expect(first[0]!.programmeTitle).toBe(programme.title);
    const work = first[0]!.scales.find((scale) => scale.subscaleKey === 'work')!;
    expect(work.scores.map((score) => [score.point, score.score])).toEqual([
      ['BASELINE', 75],
      ['FINAL', 25],
    ]);
    // Six baseline answers (at least the minimum group of five): the group's spread gives the measure's noise.
    expect(work.reading).toBe('Work-related burnout 75 → 25: lower is better; a fall is an improvement, and a fall of this size is more than the measure’s own noise.');
    expect(work.attribution).toMatch(/^Copenhagen Burnout Inventory/);
    expect(first[0]!.scales.find((scale) => scale.subscaleKey === 'client')!.scores).toEqual([]);

    // Another person in the same programme sees their own, never the first's.
    const second = expectData(await (await signedIn(api, people[1]!)).gql<MyMeasuresView>(MY_MEASURES)).myMeasures;
    expect(second[0]!.scales.find((scale) => scale.subscaleKey === 'work')!.scores.map((score) => score.score)).toEqual([50, 50]);
    const third = expectData(await (await signedIn(api, people[2]!)).gql<MyMeasuresView>(MY_MEASURES)).myMeasures;
    expect(third[0]!.scales.find((scale) => scale.subscaleKey === 'work')!.scores.map((score) => score.score)).toEqual([25]);
    // The org admin (not in the group) has nothing; facilitators and platform admins may not ask; another organisation's participant has nothing.
    expect(expectData(await adminClient.gql<MyMeasuresView>(MY_MEASURES)).myMeasures).toEqual([]);
    const facilitator = await api.fixtures.facilitator();
    await api.fixtures.programmeFacilitator(tenant.id, programme.id, facilitator.id);
    expectError(await (await signedIn(api, facilitator)).gql(MY_MEASURES), 'FORBIDDEN');
    expectError(await (await signedIn(api, await api.fixtures.platformAdmin())).gql(MY_MEASURES), 'FORBIDDEN');
    expect(expectData(await (await signedIn(api, await api.fixtures.participant(otherTenant.id))).gql<MyMeasuresView>(MY_MEASURES)).myMeasures).toEqual([]);
  });

  it('after a person erases their pairing, a new answer pairs with nothing before it, and their history starts again; audited', async () => {
    const { programme, people } = await plannedProgramme(2);
    const [person, other] = people as [UserFixture, UserFixture];
    await answerAll(programme.id, 'BASELINE', people, [75, 50]);
    const personClient = await signedIn(api, person);
    expect(expectData(await personClient.gql<{ eraseMyOutcomePairing: boolean }>('mutation { eraseMyOutcomePairing }')).eraseMyOutcomePairing).toBe(true);
    expect(await api.fixtures.count('outcome_pairing_salt', 'user_id = $1', [person.id])).toBe(0);
    expect(expectData(await personClient.gql<MyMeasuresView>(MY_MEASURES)).myMeasures[0]!.scales.every((scale) => scale.scores.length === 0)).toBe(true);

    await answerAll(programme.id, 'FINAL', people, [25, 50]);
    const rows = await measurements(programme.id);
    const baseline = new Set(rows.filter((row) => row.point === 'BASELINE').map((row) => row.pseudonym));
    const final = rows.filter((row) => row.point === 'FINAL');
    // The other person's pair is intact; the erased person's final pairs with no baseline.
    expect(final.filter((row) => baseline.has(row.pseudonym))).toHaveLength(1);
    const otherWork = expectData(await (await signedIn(api, other)).gql<MyMeasuresView>(MY_MEASURES)).myMeasures[0]!.scales.find((scale) => scale.subscaleKey === 'work')!;
    expect(otherWork.scores.map((score) => score.point)).toEqual(['BASELINE', 'FINAL']);
    const mine = expectData(await personClient.gql<MyMeasuresView>(MY_MEASURES)).myMeasures[0]!.scales.find((scale) => scale.subscaleKey === 'work')!;
    expect(mine.scores.map((score) => [score.point, score.score])).toEqual([['FINAL', 25]]);

    const { rows: audited } = await api.owner.query(`SELECT actor_user_id, target_id, detail FROM audit_event WHERE action = 'OUTCOME_PAIRING_ERASED' AND target_id = $1`, [
      person.id,
    ]);
    expect(audited).toEqual([{ actor_user_id: person.id, target_id: person.id, detail: { erased: true } }]);
  });

  it('a platform admin erases someone’s pairing on request; nobody else can erase another person’s', async () => {
    const { programme, people } = await plannedProgramme(1);
    await answerAll(programme.id, 'BASELINE', people, [50]);
    const ERASE = `mutation($id: ID!) { eraseOutcomePairing(userId: $id) }`;
    expectError(await adminClient.gql(ERASE, { id: people[0]!.id }), 'FORBIDDEN');
    // Even through the function itself, as the org admin acting in the organisation.
    await asApp(
      tenant.id,
      async (client) => expect((await client.query('SELECT outcome_erase_pairing($1) AS erased', [people[0]!.id])).rows).toEqual([{ erased: false }]),
      admin.id,
    );
    expect(await api.fixtures.count('outcome_pairing_salt', 'user_id = $1', [people[0]!.id])).toBe(1);
    const platformAdmin = await signedIn(api, await api.fixtures.platformAdmin());
    expect(expectData(await platformAdmin.gql<{ eraseOutcomePairing: boolean }>(ERASE, { id: people[0]!.id })).eraseOutcomePairing).toBe(true);
    expect(expectData(await platformAdmin.gql<{ eraseOutcomePairing: boolean }>(ERASE, { id: people[0]!.id })).eraseOutcomePairing).toBe(false);
    expectError(await platformAdmin.gql(ERASE, { id: 'not-an-id' }), 'NOT_FOUND');
    expect(await api.fixtures.count('outcome_pairing_salt', 'user_id = $1', [people[0]!.id])).toBe(0);
  });
});
