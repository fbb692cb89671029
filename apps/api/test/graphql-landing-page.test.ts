import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startTestApi, type TestApi } from './support/test-api';

const INTROSPECTION = '{ __schema { queryType { name } } }';

function browserGet(app: NestFastifyApplication, url: string) {
  return app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: 'GET',
      url,
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
}

describe('the GraphQL address opened in a browser', () => {
  describe('in development', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi();
    });
    afterAll(async () => {
      await api?.close();
    });

    it('answers with a page that says what the address is for and links to GraphiQL', async () => {
      const response = await browserGet(api.app, '/graphql');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<h1>Lena GraphQL API</h1>');
      expect(response.body).toContain('<a href="/graphiql">GraphiQL</a>');
      expect(response.body).not.toMatch(/csrf.*blocked|FST_/i);
    });

    it('serves GraphiQL', async () => {
      const response = await browserGet(api.app, '/graphiql');
      expect(response.statusCode).toBe(200);
      expect(response.body).toMatch(/graphiql/i);
    });

    it('still answers GraphQL to programs: a POST, and a GET with a query', async () => {
      const posted = await api.client().raw({ query: INTROSPECTION });
      expect(posted.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
      const got = await api.app
        .getHttpAdapter()
        .getInstance()
        .inject({
          method: 'GET',
          url: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
          headers: { accept: 'text/html', 'mercurius-require-preflight': 'true' },
        });
      expect(JSON.parse(got.body)).toEqual({ data: { __typename: 'Query' } });
    });
  });

  describe('in production', () => {
    let api: TestApi;
    beforeAll(async () => {
      api = await startTestApi({ production: true });
    });
    afterAll(async () => {
      await api?.close();
    });

    it('serves no page and no GraphiQL, and refuses introspection', async () => {
      const page = await browserGet(api.app, '/graphql');
      expect(page.statusCode).toBe(400);
      expect(page.body).not.toContain('Lena GraphQL API');
      expect((await browserGet(api.app, '/graphiql')).statusCode).toBe(404);
      const introspection = (await api.client().raw({ query: INTROSPECTION })).json() as { data?: unknown; errors?: { message: string }[] };
      expect(introspection.data ?? null).toBeNull();
      expect(introspection.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    });
  });
});
