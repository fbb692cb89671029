import { createLogger, REDACTED } from '@lena/logging';
import { captureLogs, type CapturedLogs, type LogLine } from '@lena/logging/testing';
import { expectData, expectError } from './support/expectations';
import type { TenantFixture, UserFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let api: TestApi;
let logs: CapturedLogs;
let tenant: TenantFixture;
let admin: UserFixture;

beforeAll(async () => {
  logs = captureLogs();
  api = await startTestApi({ logger: createLogger({ service: 'api', level: 'debug', destination: logs.stream }) });
  tenant = await api.fixtures.tenant();
  admin = await api.fixtures.orgAdmin(tenant.id);
});

afterAll(async () => {
  await api?.close();
});

/** The lines of one request, found by the id it was answered with. */
function linesOf(requestId: string): LogLine[] {
  return logs.lines().filter((line) => line.requestId === requestId);
}

describe('structured logs', () => {
  it('writes JSON lines with an ISO time and, for a request, its id, tenant and user', async () => {
    const client = api.client();
    expectData(await client.login(admin.email, admin.password));
    const response = await client.raw({ query: '{ myTeams { id } }', operationName: null });
    expect(response.statusCode).toBe(200);
    const requestId = String(response.headers['x-request-id']);
    expect(requestId).toMatch(UUID);

    const line = await logs.waitFor((candidate) => candidate.requestId === requestId && candidate.msg === 'request completed');
    expect(line).toMatchObject({ level: 'info', service: 'api', tenantId: tenant.id, userId: admin.id, response: { statusCode: 200 } });
    expect(new Date(String(line.time)).toISOString()).toBe(line.time);
  });

  it('marks an anonymous request with a null tenant and user, and Nest lines go to the same log', async () => {
    const response = await api.client().get('/healthz');
    expect(response.statusCode).toBe(200);
    const completed = logs.lines().filter((line) => line.msg === 'request completed' && (line.request as { url?: string }).url === '/healthz');
    expect(completed.at(-1)).toMatchObject({ tenantId: null, userId: null, requestId: expect.stringMatching(UUID) });
    // Nest's start-up lines came through the adapter as JSON, with their context.
    expect(logs.lines().some((line) => line.context === 'NestApplication' && line.level === 'info')).toBe(true);
  });

  it('logs no password and no token when a sign-in fails', async () => {
    const client = api.client();
    expectData(await client.login(admin.email, admin.password));
    const accessToken = client.cookie('lena_access')!;
    const refreshToken = client.cookie('lena_refresh')!;
    const csrfToken = client.cookie('lena_csrf')!;
    expect([accessToken, refreshToken, csrfToken].every(Boolean)).toBe(true);
    // The person, still holding their cookies and a bearer token, mistypes their password.
    client.bearer = accessToken;
    const wrongPassword = `Wrong-${admin.password}-Horse-9`;
    const response = await client.raw({
      query: 'mutation SignIn($input: LoginInput!) { login(input: $input) { viewer { id } } }',
      operationName: 'SignIn',
      variables: { input: { email: admin.email, password: wrongPassword } },
    });
    expect((response.json() as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // The request was logged, headers and all, with the secrets censored.
    const line = await logs.waitFor((candidate) => candidate.requestId === response.headers['x-request-id'] && candidate.msg === 'request completed');
    expect(line).toMatchObject({
      operationName: 'SignIn',
      request: { headers: { cookie: REDACTED, authorization: REDACTED, 'x-csrf-token': REDACTED } },
    });
    const everything = logs.raw.join('\n');
    for (const secret of [wrongPassword, admin.password, accessToken, refreshToken, csrfToken]) {
      expect(everything).not.toContain(secret);
    }
  });
});

describe('a commit that fails', () => {
  it('answers with a generic error and logs the failure with the request id', async () => {
    // A deferred check runs at COMMIT, after the resolver has answered: the commit itself fails.
    await api.owner.query(`
      CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.name LIKE 'Refused at commit%' THEN RAISE EXCEPTION 'commit refused by the test'; END IF;
        RETURN NEW;
      END $$;
      CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON team DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION refuse_at_commit();`);
    const client = api.client();
    expectData(await client.login(admin.email, admin.password));

    const result = await client.gql('mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }', { input: { name: 'Refused at commit' } });

    expect(result.statusCode).toBe(500);
    expectError(result, 'INTERNAL_SERVER_ERROR');
    expect(await api.fixtures.count('team', "name = 'Refused at commit'")).toBe(0);
    const line = await logs.waitFor((candidate) => candidate.msg === 'Commit failed');
    expect(line).toMatchObject({ level: 'error', tenantId: tenant.id, userId: admin.id, requestId: expect.stringMatching(UUID) });
    expect(JSON.stringify(line.err)).toContain('commit refused by the test');
    expect(linesOf(String(line.requestId)).some((candidate) => candidate.msg === 'request completed')).toBe(true);
  });
});
