import type { FastifyInstance } from 'fastify';

/**
 * In development, `pnpm dev` prints the GraphQL address and people open it in a browser, which
 * sends a plain GET that CSRF prevention refuses with a raw error. A browser asking for a page
 * gets one instead: what the address is for, and a link to GraphiQL. Production never serves it.
 */
export function registerGraphqlLandingPage(fastify: FastifyInstance, graphqlPath = '/graphql', graphiqlPath = '/graphiql'): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const [path, query] = request.url.split('?', 2);
    const wantsPage = request.method === 'GET' && path === graphqlPath && !query && (request.headers.accept ?? '').includes('text/html');
    if (!wantsPage) return done();
    reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(landingPage(graphqlPath, graphiqlPath));
  });
}

function landingPage(graphqlPath: string, graphiqlPath: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lena GraphQL API (development)</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1.25rem; color: #1d2430; }
  code { background: #f3f5f8; padding: 0.1rem 0.3rem; border-radius: 4px; }
  a { color: #0a58ca; }
</style>
</head>
<body>
<main>
<h1>Lena GraphQL API</h1>
<p>This address (<code>${graphqlPath}</code>) is where the client and facilitator portals send their
GraphQL requests, as <code>POST</code> with a JSON body. It is not a page to use in a browser.</p>
<p>To explore the schema and try queries, open <a href="${graphiqlPath}">GraphiQL</a>. It is served
in development only; in production neither GraphiQL nor schema introspection is available.</p>
<h2>Signing in from GraphiQL</h2>
<p>Run the <code>login</code> mutation first. Your browser then holds the session cookies, and every
later request must also send the <code>x-csrf-token</code> header with the value of the
<code>lena_csrf</code> cookie (add it under <em>Headers</em>). Alternatively send
<code>Authorization: Bearer</code> with an access token.</p>
</main>
</body>
</html>`;
}
