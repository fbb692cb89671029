import { AuthPolicy } from '@lena/domain';
import { Redis } from 'ioredis';
import { parseTrustedProxies } from '../src/config/trusted-proxies';
import { expectData, expectError, expectNoInternals } from './support/expectations';
import { unique, type TenantFixture, type UserFixture } from './support/fixtures';
import { requireEnv, startTestApi, type TestApi } from './support/test-api';
import { randomLoopbackAddress, type GqlResult, type TestClient } from './support/test-client';

/**
 * The identity layer tried as an attacker would: each test performs the attack (forged headers,
 * bursts, floods, crafted documents) against the real API, PostgreSQL and Redis, and checks what
 * the attacker gets.
 */

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { viewer { id } } }';
const REQUEST_RESET = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
const WRONG_CREDENTIALS = 'The email address or password is not right.';
/** The address of the reverse proxy in front of the second API below. */
const PROXY_ADDRESS = '127.77.0.1';

let api: TestApi;
/** The same API behind a named proxy, with a pool of two connections (easy to starve). */
let proxied: TestApi;
let tenant: TenantFixture;

beforeAll(async () => {
  [api, proxied] = await Promise.all([startTestApi(), startTestApi({ env: { LENA_TRUSTED_PROXIES: PROXY_ADDRESS, DATABASE_POOL_SIZE: '2' } })]);
  tenant = await api.fixtures.tenant();
});

afterAll(async () => {
  await Promise.all([api?.close(), proxied?.close()]);
});

function login(client: TestClient, email: string, password: string, headers: Record<string, string> = {}): Promise<GqlResult> {
  return client.gql(LOGIN, { input: { email, password } }, { headers });
}

async function failedSignInsFrom(target: TestApi, address: string): Promise<{ ip: string | null; reason: string }[]> {
  const { rows } = await target.owner.query<{ ip: string | null; reason: string }>(
    `SELECT host(ip_address) AS ip, detail->>'reason' AS reason FROM audit_event WHERE action = 'LOGIN_FAILED' AND (ip_address = $1::inet) ORDER BY id`,
    [address],
  );
  return rows;
}

describe('the client address', () => {
  it('cannot be chosen with X-Forwarded-For: thirty forged addresses across accounts are one address, limited from the 21st, every failure audited', async () => {
    const people: UserFixture[] = [];
    for (let index = 0; index < 30; index += 1) people.push(await api.fixtures.participant(tenant.id));
    const attacker = api.client();

    const codes: string[] = [];
    for (const [index, person] of people.entries()) {
      const result = await login(attacker, person.email, `guess ${index}`, { 'x-forwarded-for': `198.51.100.${index + 1}` });
      codes.push(String(result.errors?.[0]?.extensions?.code));
    }

    expect(codes.slice(0, AuthPolicy.loginFailuresPerAddress)).toEqual(Array(AuthPolicy.loginFailuresPerAddress).fill('UNAUTHENTICATED'));
    expect(codes.slice(AuthPolicy.loginFailuresPerAddress)).toEqual(Array(30 - AuthPolicy.loginFailuresPerAddress).fill('RATE_LIMITED'));
    const audited = await failedSignInsFrom(api, attacker.remoteAddress);
    expect(audited).toHaveLength(30);
    expect(audited.filter((row) => row.reason === 'rate limited')).toHaveLength(30 - AuthPolicy.loginFailuresPerAddress);
    expect(await api.fixtures.count('audit_event', `host(ip_address) LIKE '198.51.100.%'`)).toBe(0);
  });

  it('is taken from X-Forwarded-For only when the request comes from a named proxy', async () => {
    const person = await proxied.fixtures.participant((await proxied.fixtures.tenant()).id);
    const viaProxy = proxied.client({ remoteAddress: PROXY_ADDRESS });
    const direct = proxied.client();

    expectError(await login(viaProxy, person.email, 'wrong one', { 'x-forwarded-for': '203.0.113.7' }), 'UNAUTHENTICATED');
    expectError(await login(direct, person.email, 'wrong two', { 'x-forwarded-for': '203.0.113.8' }), 'UNAUTHENTICATED');

    expect(await failedSignInsFrom(proxied, '203.0.113.7')).toHaveLength(1);
    expect(await failedSignInsFrom(proxied, '203.0.113.8')).toHaveLength(0);
    expect(await failedSignInsFrom(proxied, direct.remoteAddress)).toHaveLength(1);
  });

  it('that is not an IP address never reaches the audit log’s inet column as an internal error', async () => {
    const person = await proxied.fixtures.participant((await proxied.fixtures.tenant()).id);
    const viaProxy = proxied.client({ remoteAddress: PROXY_ADDRESS });
    const before = (await failedSignInsFrom(proxied, PROXY_ADDRESS)).length;

    const result = await login(viaProxy, person.email, 'wrong', { 'x-forwarded-for': 'not-an-address, <script>' });
    expectError(result, 'UNAUTHENTICATED', WRONG_CREDENTIALS);
    expectNoInternals(result.body);
    // The proxy's own address stands in for the garbage it relayed.
    expect(await failedSignInsFrom(proxied, PROXY_ADDRESS)).toHaveLength(before + 1);
  });

  it('trusts only what the operator names: "trust everything" and non-addresses are refused at start-up', () => {
    expect(parseTrustedProxies(undefined)).toBe(false);
    expect(parseTrustedProxies('')).toBe(false);
    expect(parseTrustedProxies('1')).toBe(1);
    expect(parseTrustedProxies('10.0.0.0/8, 127.0.0.1 ,::1')).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    for (const everything of ['true', '*', '0.0.0.0/0', '::/0', 'loopback', '10.0.0.0/33']) {
      expect(() => parseTrustedProxies(everything)).toThrow(/LENA_TRUSTED_PROXIES/);
    }
  });
});

describe('password-reset requests', () => {
  it('are limited to three an hour per email: ten requests queue at most three emails', async () => {
    const person = await api.fixtures.participant(tenant.id);
    const results: GqlResult[] = [];
    for (let attempt = 0; attempt < 10; attempt += 1) results.push(await api.client().gql(REQUEST_RESET, { email: person.email }));
    await api.settled();

    expect(results.slice(0, AuthPolicy.passwordResetsPerEmail).map((result) => result.data)).toEqual(Array(AuthPolicy.passwordResetsPerEmail).fill({ requestPasswordReset: true }));
    for (const refused of results.slice(AuthPolicy.passwordResetsPerEmail)) expectError(refused, 'RATE_LIMITED', /Too many password reset requests/);
    expect(await api.fixtures.count('outbox_message', `payload->>'to' = $1`, [person.email])).toBe(AuthPolicy.passwordResetsPerEmail);
  });

  it('are limited to ten an hour per address, whatever the emails', async () => {
    const flooder = api.client();
    for (let attempt = 0; attempt < AuthPolicy.passwordResetsPerAddress; attempt += 1) {
      expectData(await flooder.gql(REQUEST_RESET, { email: `flood-${attempt}-${unique()}@example.org` }));
    }
    const person = await api.fixtures.participant(tenant.id);
    expectError(await flooder.gql(REQUEST_RESET, { email: person.email }), 'RATE_LIMITED');
    await api.settled();
    expect(await api.fixtures.count('outbox_message', `payload->>'to' = $1`, [person.email])).toBe(0);
  });

  it('answer a known and an unknown email identically, and decide after the answer', async () => {
    const person = await api.fixtures.participant(tenant.id);
    const unknown = `nobody-${unique()}@example.org`;
    const known = await api.client().raw({ query: REQUEST_RESET, variables: { email: person.email } });
    const stranger = await api.client().raw({ query: REQUEST_RESET, variables: { email: unknown } });

    expect(known.statusCode).toBe(stranger.statusCode);
    expect(known.body).toBe(stranger.body);
    expect(known.body).toBe('{"data":{"requestPasswordReset":true}}');
    await api.settled();
    expect(await api.fixtures.count('outbox_message', `payload->>'to' = $1`, [person.email])).toBe(1);
    expect(await api.fixtures.count('outbox_message', `payload->>'to' = $1`, [unknown])).toBe(0);
  });
});

describe('sign-in limits', () => {
  it('spend a point before the password is checked: twenty concurrent guesses at one account get at most five checks', async () => {
    const person = await api.fixtures.participant(tenant.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) => login(api.client({ remoteAddress: randomLoopbackAddress() }), person.email, `burst guess ${index}`)),
    );

    const codes = results.map((result) => result.errors?.[0]?.extensions?.code);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED').length).toBeLessThanOrEqual(AuthPolicy.loginFailuresPerAccount);
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(20 - AuthPolicy.loginFailuresPerAccount);
    const { rows } = await api.owner.query<{ reason: string; count: number }>(
      `SELECT detail->>'reason' AS reason, count(*)::int AS count FROM audit_event WHERE action = 'LOGIN_FAILED' AND actor_user_id = $1 GROUP BY 1`,
      [person.id],
    );
    // Every password check that ran is audited as a wrong password.
    expect(rows.find((row) => row.reason === 'wrong password')?.count ?? 0).toBeLessThanOrEqual(AuthPolicy.loginFailuresPerAccount);
  });

  it('a burst of fifty sign-ins does not starve a signed-in person’s requests of the pool (two connections)', async () => {
    const orgTenant = await proxied.fixtures.tenant();
    const reader = await proxied.fixtures.participant(orgTenant.id);
    const readerClient = proxied.client();
    expectData(await readerClient.login(reader.email, reader.password));
    const people: UserFixture[] = [];
    for (let index = 0; index < 50; index += 1) people.push(await proxied.fixtures.participant(orgTenant.id));

    let signInsFinished = 0;
    const burst = Promise.all(
      people.map((person, index) =>
        login(proxied.client(), person.email, index % 2 ? person.password : 'a wrong password').finally(() => {
          signInsFinished += 1;
        }),
      ),
    );
    const viewer = await readerClient.gql<{ viewer: { id: string } }>('{ viewer { id } }');
    const finishedWhenViewerAnswered = signInsFinished;
    const results = await burst;

    expect(expectData(viewer).viewer.id).toBe(reader.id);
    // Each sign-in holds a connection only for its reads and writes, never during argon2: the
    // viewer's query answers long before the burst's hashing is done.
    expect(finishedWhenViewerAnswered).toBeLessThan(25);
    expect(results.filter((result) => !result.errors)).toHaveLength(25);
  });
});

describe('a deactivated person', () => {
  it('is told so, and whom to contact, only once the password is right', async () => {
    const person = await api.fixtures.user({ status: 'DEACTIVATED' });
    await api.fixtures.membership(tenant.id, person.id, 'PARTICIPANT');

    expectError(await api.client().login(person.email, 'not their password'), 'UNAUTHENTICATED', WRONG_CREDENTIALS);
    expectError(await api.client().login(person.email, person.password), 'FORBIDDEN', /deactivated.*contact the coordinator/);

    const staff = await api.fixtures.user({ status: 'DEACTIVATED' });
    await api.fixtures.platformRole(staff.id, 'FACILITATOR');
    expectError(await api.client().login(staff.email, staff.password), 'FORBIDDEN', /deactivated.*Lena platform administrator/);
    expect(await api.fixtures.count('auth_session', 'user_id = ANY($1)', [[person.id, staff.id]])).toBe(0);
  });
});

describe('rate-limit keys in Redis', () => {
  it('carry no email address', async () => {
    const email = `keyed-${unique()}@example.org`;
    expectError(await api.client().login(email, 'a guess'), 'UNAUTHENTICATED');
    expectData(await api.client().gql(REQUEST_RESET, { email }));
    const redis = new Redis(requireEnv('REDIS_URL'), { maxRetriesPerRequest: 1 });
    try {
      const keys = await redis.keys(`${api.config.queuePrefix.replace(/[[\]*?\\]/g, '\\$&')}:rate:*`);
      expect(keys.filter((key) => key.includes(':login-account') || key.includes(':reset-email')).length).toBeGreaterThanOrEqual(2);
      expect(keys.join('\n')).not.toContain(email.split('@')[0]);
      expect(keys.join('\n')).not.toContain('@');
    } finally {
      redis.disconnect();
    }
  });
});

describe('one GraphQL document', () => {
  it('cannot switch its transaction to a second organisation under another root field', async () => {
    const admin = await api.fixtures.platformAdmin();
    const client = api.client();
    expectData(await client.login(admin.email, admin.password));
    const other = await api.fixtures.tenant();
    const first = `first-${unique()}@example.org`;
    const second = `second-${unique()}@example.org`;

    const result = await client.gql(
      `mutation($a: ID!, $b: ID!, $first: String!, $second: String!) {
         one: inviteOrgAdmin(input: { tenantId: $a, email: $first }) { id }
         two: inviteOrgAdmin(input: { tenantId: $b, email: $second }) { id }
       }`,
      { a: tenant.id, b: other.id, first, second },
    );
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['CONFLICT']);
    expect(result.errors?.[0]?.message).toMatch(/one organisation/);
    // The request failed, so nothing of it stands: not even the first invitation.
    expect(await api.fixtures.count('invitation', 'email = ANY($1)', [[first, second]])).toBe(0);

    // Each on its own works.
    expectData(await client.gql('mutation($a: ID!, $e: String!) { inviteOrgAdmin(input: { tenantId: $a, email: $e }) { id } }', { a: other.id, e: second }));
  });
});
