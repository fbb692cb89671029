import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { GRAPHQL_LIMITS } from '../src/app.module';
import { expectData, expectNoInternals } from './support/expectations';
import { unique } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { GraphQLErrorShape, TestClient } from './support/test-client';

let development: TestApi;
let production: TestApi;

beforeAll(async () => {
  [development, production] = await Promise.all([startTestApi(), startTestApi({ production: true })]);
});

afterAll(async () => {
  await Promise.all([development?.close(), production?.close()]);
});

/**
 * `{ viewer { ... on Viewer { … id } } }`: as deep as asked, on any schema (the schema itself has
 * no cycles). Counted as Mercurius does: `{ viewer { id } }` has depth 2, each fragment adds one.
 */
function queryOfDepth(depth: number): string {
  let selection = 'id';
  for (let level = 2; level < depth; level += 1) selection = `... on Viewer { ${selection} }`;
  return `{ viewer { ${selection} } }`;
}

function aliases(count: number): string {
  return `{ ${Array.from({ length: count }, (_, index) => `a${index}: viewer { id }`).join(' ')} }`;
}

async function signedInClient(api: TestApi): Promise<TestClient> {
  const tenant = await api.fixtures.tenant();
  const admin = await api.fixtures.orgAdmin(tenant.id);
  const client = api.client();
  expectData(await client.login(admin.email, admin.password));
  return client;
}

function expectRejectedDocument(result: { statusCode: number; body: string }, message?: RegExp | string): GraphQLErrorShape[] {
  expect(result.statusCode).toBe(400);
  const body = JSON.parse(result.body) as { data: unknown; errors: GraphQLErrorShape[] };
  expect(body.data).toBeNull();
  expect(body.errors.length).toBeGreaterThan(0);
  for (const error of body.errors) expect(error.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  if (message) expect(body.errors.map((error) => error.message).join(' ')).toMatch(message);
  expectNoInternals(result.body);
  return body.errors;
}

describe.each([
  ['development', () => development],
  ['production', () => production],
])('limits (%s)', (_mode, apiOf) => {
  it(`rejects a query deeper than ${GRAPHQL_LIMITS.depth}, and answers one at the limit`, async () => {
    const client = await signedInClient(apiOf());
    expect(expectData(await client.gql<{ viewer: { id: string } }>(queryOfDepth(GRAPHQL_LIMITS.depth))).viewer.id).toBeTruthy();
    expectRejectedDocument(
      await client.gql(queryOfDepth(GRAPHQL_LIMITS.depth + 1)),
      `This query is nested too deeply: ${GRAPHQL_LIMITS.depth + 1} levels, where at most ${GRAPHQL_LIMITS.depth} are allowed.`,
    );
  });

  it(`rejects more than ${GRAPHQL_LIMITS.aliases} aliases, and answers ${GRAPHQL_LIMITS.aliases}`, async () => {
    const client = apiOf().client();
    expectData(await client.gql(aliases(GRAPHQL_LIMITS.aliases)));
    expectRejectedDocument(await client.gql(aliases(GRAPHQL_LIMITS.aliases + 1)));
  });

  it(`rejects a document costing more than ${GRAPHQL_LIMITS.cost}, within the depth and alias limits, without running it`, async () => {
    const api = apiOf();
    const client = await signedInClient(api);
    // Wide, not deep: one fragment spread many times under every alias multiplies the work.
    const spreads = (count: number) => Array.from({ length: count }, () => '...Everything').join(' ');
    const fragment =
      'fragment Everything on Viewer { id email displayName tenantId tenantRole platformRoles memberships { tenantId tenantName tenantSlug role } tenant { id name slug timeZone locale } }';
    const costly = (perAlias: number) => `{ ${Array.from({ length: GRAPHQL_LIMITS.aliases }, (_, index) => `a${index}: viewer { ${spreads(perAlias)} }`).join(' ')} } ${fragment}`;

    expectData(await client.gql(costly(1)));
    const errors = expectRejectedDocument(await client.gql(costly(40)));
    // Production does not tell a prober where the limit lies.
    if (!api.config.production) expect(errors.map((error) => error.message).join(' ')).toMatch(/cost/i);
  });

  it('rejects a batched array of operations', async () => {
    const client = await signedInClient(apiOf());
    const result = await client.raw([{ query: '{ viewer { id } }' }, { query: '{ viewer { email } }' }]);
    expect(result.statusCode).toBe(400);
    expect(result.body).not.toContain('"viewer"');
    expectNoInternals(result.body);
  });

  it('rejects a POST that a form or a simple cross-site request could send, without running it', async () => {
    const api = apiOf();
    const user = await api.fixtures.participant((await api.fixtures.tenant()).id);
    const query = JSON.stringify({ query: `mutation { requestPasswordReset(email: "${user.email}") }` });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'text/plain; charset=utf-8']) {
      const result = await api.client().raw(query, { contentType });
      expect({ contentType, status: result.statusCode }).toEqual({ contentType, status: 400 });
      expect(result.body).toMatch(/Cross-Site Request Forgery/);
      expectNoInternals(result.body);
    }
    expect(await api.fixtures.count('password_reset', 'user_id = $1', [user.id])).toBe(0);
    // The same request as JSON runs.
    expectData(await api.client().gql(`mutation { requestPasswordReset(email: "${user.email}") }`));
    await api.settled();
    expect(await api.fixtures.count('password_reset', 'user_id = $1', [user.id])).toBe(1);
  });

  it('answers a broken document with a 400 and its syntax error, not an internal error', async () => {
    expectRejectedDocument(await apiOf().client().gql('{ viewer { id '), /Syntax Error/);
  });
});

describe('introspection and suggestions', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  it('introspection works outside production', async () => {
    const data = expectData(await development.client().gql<{ __schema: { queryType: { name: string } } }>(INTROSPECTION));
    expect(data.__schema.queryType.name).toBe('Query');
  });

  it('introspection is rejected in production', async () => {
    expect(production.config.production).toBe(true);
    expectRejectedDocument(await production.client().gql(INTROSPECTION), /introspection/);
    expectRejectedDocument(await production.client().gql('{ __type(name: "Tenant") { fields { name } } }'), /introspection/);
  });

  it.each([
    ['an unknown field', '{ viewr { id } }', {}],
    ['an unknown argument', '{ teams(includeArchivd: true) { id } }', {}],
    ['an unknown type', 'query($input: LoginInpt!) { viewer { id } }', { input: {} }],
    ['an unknown input field', 'mutation($input: LoginInput!) { login(input: $input) { viewer { id } } }', { input: { emial: 'a@example.org', password: 'x' } }],
  ])('%s: "Did you mean" outside production only', async (_label, query, variables) => {
    const inDevelopment = expectRejectedDocument(await development.client().gql(query, variables));
    expect(inDevelopment.map((error) => error.message).join(' ')).toContain('Did you mean');
    const inProduction = expectRejectedDocument(await production.client().gql(query, variables));
    expect(JSON.stringify(inProduction)).not.toContain('Did you mean');
    expect(inProduction[0]?.message.length).toBeGreaterThan(10);
  });
});

describe('health', () => {
  it('/healthz answers 200', async () => {
    const result = await development.client().get('/healthz');
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: 'ok' });
  });

  it('/readyz answers 200 with the database and Redis ok', async () => {
    const result = await development.client().get('/readyz');
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: 'ok', database: 'ok', redis: 'ok' });
  });

  it('health checks need no session and leave no trace, whatever cookies they carry', async () => {
    const tables = ['auth_session', 'refresh_token', 'audit_event', 'outbox_message'];
    const counts = async () => Promise.all(tables.map((table) => development.fixtures.count(table)));
    const signedIn = await signedInClient(development);
    const forged = development.client();
    forged.setCookie('lena_access', `not-a-token-${unique()}`);
    forged.setCookie('lena_refresh', `not-a-token-${unique()}`);
    const before = await counts();

    for (const client of [signedIn, forged]) {
      for (const path of ['/healthz', '/readyz']) {
        const result = await client.get(path);
        expect({ path, status: result.statusCode, setCookie: result.headers['set-cookie'] }).toEqual({ path, status: 200, setCookie: undefined });
      }
    }
    expect(await counts()).toEqual(before);
    // The signed-in session carries on untouched.
    expectData(await signedIn.gql('{ viewer { id } }'));
  });
});

describe('the committed schema', () => {
  it('is the running API’s schema, so the portals’ generated types match what the API serves', () => {
    const served = `${printSchema(lexicographicSortSchema(development.app.get(GraphQLSchemaHost).schema))}\n`;
    expect(readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8')).toBe(served);
  });
});
