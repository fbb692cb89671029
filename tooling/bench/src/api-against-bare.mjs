// What the API-against-bare benchmarks share: the real API started as production runs it, a demo
// person signed in, a bare Fastify + pg server forked beside it, and the two measured in turns.
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const require = createRequire(import.meta.url);
const { freePort } = require('@lena/test-services');

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DEMO_PASSWORD = 'Lena-demo-2026!';

/**
 * The built API under NODE_ENV=production on `ownerUrl`; `children` collects the process for the
 * caller to stop. `env` adds to (or overrides) its environment: a queue prefix of the caller's own,
 * the outbox key a worker must share.
 */
export async function startApi({ ownerUrl, redisUrl, children, env = {} }) {
  const port = await freePort();
  // BENCH_API_NODE_ARGS passes flags to the API's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`
  // to see where its time goes under load (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const api = spawn(process.execPath, [...nodeArgs, join(repo, 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: ownerUrl,
      REDIS_URL: redisUrl,
      LENA_QUEUE_PREFIX: '{lena-bench}',
      LENA_JWT_SECRET: randomBytes(32).toString('hex'),
      // Production refuses to start without a key of its own for sealing outbox emails.
      LENA_OUTBOX_KEY: randomBytes(32).toString('base64'),
      LENA_COOKIE_SECURE: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(api);
  await waitForOutput(api, 'listening');
  return `http://127.0.0.1:${port}/graphql`;
}

/** Signs a demo person in: their access token, who they are, and their session id (for the bare server's session check). */
export async function signIn(apiUrl, email) {
  const login = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `mutation { login(input: { email: "${email}", password: "${DEMO_PASSWORD}" }) { viewer { id tenantId } } }` }),
  });
  const accessToken = login.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('lena_access='))
    ?.split(';')[0]
    .slice('lena_access='.length);
  const { data } = await login.json();
  if (!accessToken) throw new Error('Could not sign in to the API for the benchmark.');
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString());
  return { accessToken, viewer: data.login.viewer, sessionId: claims.sid };
}

/** Forks a bare server script of this folder on a free port, with `env`; its base URL once it is ready. */
export async function startBare(script, env, children) {
  const port = await freePort();
  const bare = fork(join(here, script), { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  children.push(bare);
  await once(bare, 'message');
  return `http://127.0.0.1:${port}`;
}

/**
 * Both warmed up (JIT compilation of the query, pools filled), then measured in alternating
 * rounds: a shared two-core machine drifts over a minute, and turns expose both sides to the same
 * drift. Returns each side's median throughput, in requests per second.
 */
export async function compareInRounds(api, bare) {
  await run(api.url, api.request, 3);
  await run(bare.url, bare.request, 3);
  const apiRates = [];
  const bareRates = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    apiRates.push(await measure('api', api.url, api.request));
    bareRates.push(await measure('bare', bare.url, bare.request));
    console.log(`round ${round}: API ${apiRates.at(-1).toFixed(0)} requests/s, bare ${bareRates.at(-1).toFixed(0)} requests/s`);
  }
  return { apiRate: median(apiRates), bareRate: median(bareRates), rounds: ROUNDS };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measure(name, url, request) {
  const result = await run(url, request, DURATION_SECONDS);
  if (result.non2xx || result.errors) throw new Error(`${name}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  return result.requests.average;
}

function run(url, request, duration) {
  return autocannon({ url, connections: CONNECTIONS, duration, ...request });
}

/**
 * Resolves once the child has printed `text`, and keeps reading its output afterwards: the API
 * logs a line per request, and a pipe nobody empties would stall it (and the measurement).
 */
export function waitForOutput(child, text) {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      if (seen === null) return;
      seen += chunk;
      if (seen.includes(text)) {
        seen = null;
        resolve();
      }
    });
    child.once('exit', () => {
      if (seen !== null) reject(new Error(`The process exited before it was ready:\n${seen}`));
    });
  });
}
