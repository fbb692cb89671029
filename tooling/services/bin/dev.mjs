#!/usr/bin/env node
// `pnpm dev`: the whole platform on one machine.
//   1. PostgreSQL (.data/postgres), Redis (.data/redis) and a mail catcher (SMTP 127.0.0.1:1025, web
//      page http://localhost:8025), reusing servers that already run; meanwhile turbo builds the
//      API, the worker and the shared packages;
//   2. `pnpm db:migrate`, then `pnpm db:seed` (idempotent demo data);
//   3. the API, the worker and both portals' Vite dev servers, their output prefixed by name.
// Ctrl-C stops everything it started. When a process dies unexpectedly, everything stops (exit 1).
// Options: --skip-build       reuse the existing dist folders
//          --services-only    only PostgreSQL, Redis and the mail catcher (run the apps yourself)
//          --private-services ignore DATABASE_URL/REDIS_URL and servers on 5432/6379: start our own
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import services from '../src/index.js';

const { ensurePostgres, ensureRedis, startMailViewer, startSmtpCapture, withDatabaseName } = services;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = path.join(root, '.data');
const args = new Set(process.argv.slice(2));

/** @param {string} name @param {number} fallback */
const portFromEnv = (name, fallback) => Number(process.env[name] || fallback);
// Other ports only for a second copy beside a running one (the test of this script uses them).
const SMTP_PORT = portFromEnv('LENA_DEV_SMTP_PORT', 1025);
const MAIL_PAGE_PORT = portFromEnv('LENA_DEV_MAIL_PAGE_PORT', 8025);
const API_PORT = portFromEnv('LENA_DEV_API_PORT', 4000);
const CLIENT_PORT = portFromEnv('LENA_DEV_CLIENT_PORT', 5173);
const FACILITATOR_PORT = portFromEnv('LENA_DEV_FACILITATOR_PORT', 5174);
const CLIENT_PORTAL_URL = `http://localhost:${CLIENT_PORT}`;
const FACILITATOR_PORTAL_URL = `http://localhost:${FACILITATOR_PORT}`;
const DEMO_PASSWORD = 'Lena-demo-2026!';

const useColor = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
/** @param {number} code @param {string} text */
const paint = (code, text) => (useColor ? `\u001b[${code}m${text}\u001b[0m` : text);
const COLORS = { dev: 1, build: 90, migrate: 90, seed: 90, api: 36, worker: 35, client: 32, facilitator: 33 };
const WIDTH = Math.max(...Object.keys(COLORS).map((name) => name.length));
/** @param {string} name */
const tag = (name) => paint(/** @type {Record<string, number>} */ (COLORS)[name] ?? 0, `[${name}]`.padEnd(WIDTH + 2));
/** @param {string} message */
const say = (message) => {
  for (const line of message.split('\n')) process.stdout.write(`${tag('dev')} ${line}\n`);
};

if (args.has('--help') || args.has('-h')) {
  process.stdout.write(
    [
      'Usage: pnpm dev [--skip-build] [--services-only] [--private-services]',
      '',
      'Starts PostgreSQL, Redis, a mail catcher, the API, the worker and both portals.',
      '  --skip-build        reuse the existing dist folders',
      '  --services-only     only PostgreSQL, Redis and the mail catcher (run the apps yourself)',
      '  --private-services  ignore DATABASE_URL/REDIS_URL and servers on 5432/6379: start our own in .data/',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

/**
 * @typedef {{ name: string, child: import('node:child_process').ChildProcess, longRunning: boolean, exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }> }} Child
 * @typedef {{ scripts?: Record<string, string> }} PackageManifest
 */
/** @type {Set<Child>} */
const children = new Set();
/** @type {Array<{ name: string, stop: () => Promise<void> }>} */
const stoppables = [];
let shuttingDown = false;

/**
 * Spawns a child in its own process group (so that stopping it stops its whole tree, and a Ctrl-C
 * reaches us first), its output prefixed line by line.
 * @param {string} name
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {{ env: NodeJS.ProcessEnv, cwd?: string, longRunning?: boolean }} options
 * @returns {Child}
 */
function start(name, command, commandArgs, { env, cwd = root, longRunning = false }) {
  const child = spawn(command, commandArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      process.stdout.write(`${tag(name)} ${line}\n`);
    });
  }
  /** @type {Child} */
  const entry = {
    name,
    child,
    longRunning,
    exited: new Promise((resolve) => {
      child.once('error', (error) => {
        process.stdout.write(`${tag(name)} could not start ${command}: ${error.message}\n`);
        resolve({ code: 127, signal: null });
      });
      child.once('exit', (code, signal) => resolve({ code, signal }));
    }),
  };
  children.add(entry);
  // Never rejects: a child that cannot even start resolves `exited` with 127 (above).
  void entry.exited.then(({ code, signal }) => {
    children.delete(entry);
    if (longRunning && !shuttingDown) {
      say(paint(31, `${name} exited unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); stopping everything.`));
      void shutdown(1);
    }
  });
  return entry;
}

/**
 * A package's script, run as `pnpm run` would (its and the root's node_modules/.bin on the PATH)
 * but without pnpm in between: stopping a pnpm-run wrapper makes it print "ELIFECYCLE Command
 * failed" for a child we stopped on purpose. `exec` leaves one process per script to signal.
 * @param {string} pkgDir relative to the root
 * @param {string} script
 * @param {string[]} scriptArgs
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, label: string }}
 */
function packageScript(pkgDir, script, scriptArgs, env) {
  const cwd = path.join(root, pkgDir);
  const manifest = readManifest(cwd);
  const body = manifest.scripts && manifest.scripts[script];
  if (!body) throw new Error(`${pkgDir} has no "${script}" script.`);
  const bins = [path.join(cwd, 'node_modules/.bin'), path.join(root, 'node_modules/.bin')];
  return {
    command: '/bin/sh',
    args: ['-c', `exec ${body} "$@"`, script, ...scriptArgs],
    cwd,
    env: { ...env, PATH: [...bins, env.PATH ?? ''].join(path.delimiter) },
    label: `${[body, ...scriptArgs].join(' ')}\` in \`${pkgDir}`,
  };
}

/**
 * Runs a one-off step to completion; a failure stops everything.
 * @param {string} name
 * @param {{ command: string, args: string[], cwd?: string, env: NodeJS.ProcessEnv, label?: string }} run
 * @param {string} failureHint
 */
async function step(name, { command, args: commandArgs, cwd, env, label }, failureHint) {
  const started = Date.now();
  const { code, signal } = await start(name, command, commandArgs, { env, cwd }).exited;
  if (shuttingDown) await new Promise(() => {}); // Ctrl-C meanwhile: shutdown() exits the process
  if (code !== 0) {
    say(paint(31, `\`${label ?? [command, ...commandArgs].join(' ')}\` failed (${signal ? `signal ${signal}` : `exit code ${code}`}). ${failureHint}`));
    await shutdown(1);
  }
  say(`${name} done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/** @param {Child} entry @param {NodeJS.Signals} signal */
function signalGroup(entry, signal) {
  try {
    if (entry.child.pid) process.kill(-entry.child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Stops the children (SIGTERM to each group, SIGKILL after 8 s), then what we started, then exits.
 * @param {number} code
 * @returns {Promise<never>}
 */
async function shutdown(code) {
  if (shuttingDown) return new Promise(() => {});
  shuttingDown = true;
  say('Stopping…');
  const running = [...children];
  for (const entry of running) signalGroup(entry, 'SIGTERM');
  await Promise.all(
    running.map(async (entry) => {
      const timer = setTimeout(() => {
        say(`${entry.name} did not stop within 8 s; killing it.`);
        signalGroup(entry, 'SIGKILL');
      }, 8000);
      await entry.exited;
      clearTimeout(timer);
    }),
  );
  for (const { name, stop } of stoppables.reverse()) {
    try {
      await stop();
    } catch (error) {
      say(`Could not stop ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  say(code === 0 ? 'Stopped.' : 'Stopped after an error.');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));

/**
 * @param {string} message
 * @returns {Promise<never>}
 */
async function fail(message) {
  // Once stopping, what fails (a server still starting, say) fails because we stopped it.
  if (shuttingDown) return new Promise(() => {});
  say(paint(31, message));
  return shutdown(1);
}

/** The JWT secret: LENA_JWT_SECRET, else .data/jwt-secret (created once, then reused). */
function jwtSecret() {
  if (process.env.LENA_JWT_SECRET) return process.env.LENA_JWT_SECRET;
  const file = path.join(dataDir, 'jwt-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * The key that seals email bodies in the outbox (the API seals, the worker opens): LENA_OUTBOX_KEY,
 * else .data/outbox-key (32 random bytes, created once, then reused so queued emails stay readable).
 */
function outboxKey() {
  if (process.env.LENA_OUTBOX_KEY) return process.env.LENA_OUTBOX_KEY;
  const file = path.join(dataDir, 'outbox-key');
  if (!fs.existsSync(file)) fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

/**
 * The dev mail catcher on 127.0.0.1:1025 and its page on :8025. When a port is taken (Mailpit from
 * docker/compose.yml, another `pnpm dev`), whatever listens there is used instead.
 */
async function startMailCatcher() {
  /** @type {Awaited<ReturnType<typeof startSmtpCapture>> | undefined} */
  let capture;
  try {
    capture = await startSmtpCapture({ port: SMTP_PORT, log: say });
    stoppables.push({ name: 'the mail catcher', stop: () => /** @type {NonNullable<typeof capture>} */ (capture).close() });
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE') throw error;
    say(`Port ${SMTP_PORT} is taken: emails go to whatever listens there (Mailpit, or another \`pnpm dev\`).`);
    return;
  }
  try {
    const viewer = await startMailViewer({ capture, port: MAIL_PAGE_PORT });
    stoppables.push({ name: 'the mail page', stop: () => viewer.close() });
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EADDRINUSE') throw error;
    say(`Port ${MAIL_PAGE_PORT} is taken: the mail page is not available (emails are still captured).`);
  }
}

/** Resolves once the API answers HTTP at all (any status), or after `timeoutMs`. */
async function waitForApi(timeoutMs = 120000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !shuttingDown) {
    const up = await new Promise((/** @type {(up: boolean) => void} */ resolve) => {
      const request = http.get({ host: '127.0.0.1', port: API_PORT, path: '/healthz', timeout: 1000 }, (response) => {
        response.resume();
        resolve(true);
      });
      request.on('error', () => resolve(false));
      request.on('timeout', () => {
        request.destroy();
        resolve(false);
      });
    });
    if (up) return true;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return false;
}

/**
 * True when nothing listens on 127.0.0.1:port (and, as Vite binds `localhost`, on ::1).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
async function portIsFree(port) {
  for (const host of ['127.0.0.1', '::1']) {
    const inUse = await new Promise((/** @type {(inUse: boolean) => void} */ resolve) => {
      const socket = net.connect({ host, port });
      socket.setTimeout(500, () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (inUse) return false;
  }
  return true;
}

/** @param {string} dir @returns {PackageManifest} */
function readManifest(dir) {
  /** @type {unknown} */
  const parsed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return /** @type {PackageManifest} */ (parsed);
}

/** @param {string} pkgDir @param {string} script */
function hasScript(pkgDir, script) {
  try {
    const manifest = readManifest(path.join(root, pkgDir));
    return Boolean(manifest.scripts && manifest.scripts[script]);
  } catch {
    return false;
  }
}

/** @param {string} databaseUrl @param {string} redisUrl */
function servicesBanner(databaseUrl, redisUrl) {
  return [
    '',
    paint(1, 'Services are running:'),
    `  DATABASE_URL=${databaseUrl}`,
    `  REDIS_URL=${redisUrl}`,
    `  SMTP_URL=smtp://127.0.0.1:${SMTP_PORT}`,
    `  LENA_JWT_SECRET=${jwtSecret()}`,
    `  LENA_OUTBOX_KEY=${outboxKey()}`,
    `  Mail catcher: http://localhost:${MAIL_PAGE_PORT}`,
    '',
    'Run `pnpm db:migrate && pnpm db:seed` and the apps with these variables. Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

/** @param {string} databaseUrl @param {string} redisUrl */
function banner(databaseUrl, redisUrl) {
  const row = (/** @type {string} */ label, /** @type {string} */ value) => `  ${label.padEnd(22)}${value}`;
  return [
    '',
    paint(1, 'Lena is running:'),
    row('Client portal', CLIENT_PORTAL_URL),
    row('Facilitator portal', FACILITATOR_PORTAL_URL),
    row('GraphQL API', `http://localhost:${API_PORT}/graphql  (in a browser: what it is for, and GraphiQL to explore it)`),
    row('Mail catcher', `http://localhost:${MAIL_PAGE_PORT}`),
    row('PostgreSQL', databaseUrl),
    row('Redis', redisUrl),
    '',
    paint(1, `Demo sign-ins (every password: ${DEMO_PASSWORD}):`),
    row('platform admin', 'admin@lena.test  (facilitator portal)'),
    row('facilitators', 'amira.facilitator@lena.test, ben.facilitator@lena.test  (facilitator portal)'),
    row('organisation admins', 'coordinator@northshire-cp.test, coordinator@coastal-ambulance.test  (client portal)'),
    row('participants', 'sam@northshire-cp.test and the other seeded staff  (client portal)'),
    '',
    'Invitation and reminder emails land in the mail catcher. Press Ctrl-C to stop everything.',
    '',
  ].join('\n');
}

async function main() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) await fail(`Node ${process.versions.node} is too old: Lena needs Node 20.19 or newer.`);
  if (!fs.existsSync(path.join(root, 'node_modules'))) await fail('Dependencies are not installed: run `pnpm install` first.');
  const servicesOnly = args.has('--services-only');
  const reuseExisting = !args.has('--private-services');
  const missingApps = servicesOnly
    ? []
    : ['apps/api', 'apps/worker', 'apps/client-portal', 'apps/facilitator-portal'].filter((dir) => !hasScript(dir, dir.includes('portal') ? 'dev' : 'build'));
  if (missingApps.length) await fail(`Not found (or without the script pnpm dev needs): ${missingApps.join(', ')}.`);
  if (!servicesOnly) {
    const ports = [
      [API_PORT, 'the API'],
      [CLIENT_PORT, 'the client portal'],
      [FACILITATOR_PORT, 'the facilitator portal'],
    ];
    const busy = [];
    for (const [port, what] of ports) if (!(await portIsFree(Number(port)))) busy.push(`${port} (${what})`);
    if (busy.length) {
      await fail(`${busy.length > 1 ? 'Ports' : 'Port'} ${busy.join(', ')} already in use: is another \`pnpm dev\` running? Stop whatever listens there and try again.`);
    }
  }
  fs.mkdirSync(dataDir, { recursive: true });

  const baseEnv = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
  // The build needs no services: both happen at once.
  const build =
    args.has('--skip-build') || servicesOnly
      ? Promise.resolve()
      : step(
          'build',
          {
            // turbo itself, not `pnpm turbo`: see packageScript.
            command: path.join(root, 'node_modules/.bin/turbo'),
            label: 'turbo run build',
            args: [
              'run',
              'build',
              // The API, the worker and what they use; what the portals use, not the portals themselves
              // (Vite serves them from source).
              '--filter=@lena/api...',
              '--filter=@lena/worker...',
              '--filter=@lena/client-portal^...',
              '--filter=@lena/facilitator-portal^...',
              '--output-logs=errors-only',
            ],
            env: baseEnv,
          },
          'Fix the build errors above and run `pnpm dev` again.',
        );
  say('Starting PostgreSQL, Redis and the mail catcher…');
  const starting = {
    postgres: ensurePostgres({ dataDir: path.join(dataDir, 'postgres'), reuseExisting, log: say }),
    redis: ensureRedis({ dataDir: path.join(dataDir, 'redis'), reuseExisting, log: say }),
  };
  // Registered before they are up: a Ctrl-C while a server is still starting stops it too.
  for (const [name, handle] of /** @type {const} */ ([
    ['PostgreSQL', starting.postgres],
    ['Redis', starting.redis],
  ])) {
    stoppables.push({
      name,
      stop: async () => {
        const started = await handle.catch(() => null);
        if (started && started.startedByUs) await started.stop();
      },
    });
  }
  const [postgres, redis] = await Promise.all([starting.postgres, starting.redis]).catch(async (/** @type {unknown} */ error) =>
    fail(error instanceof Error ? error.message : String(error)),
  );
  if (shuttingDown) await new Promise(() => {}); // Ctrl-C meanwhile: shutdown() exits the process
  say(`PostgreSQL: ${postgres.startedByUs ? 'started' : 'using'} ${postgres.url}${postgres.logFile ? ` (log ${postgres.logFile})` : ''}`);
  say(`Redis: ${redis.startedByUs ? 'started' : 'using'} ${redis.url}`);
  await startMailCatcher().catch(async (/** @type {unknown} */ error) => fail(`Mail catcher: ${error instanceof Error ? error.message : String(error)}`));
  await build;
  const databaseUrl = (reuseExisting && process.env.DATABASE_URL) || withDatabaseName(postgres.url, 'lena');
  if (servicesOnly) {
    say(servicesBanner(databaseUrl, redis.url));
    setInterval(() => {}, 1 << 30); // stay up until Ctrl-C
    return;
  }

  for (const file of ['apps/api/dist/main.js', 'apps/worker/dist/main.js']) {
    if (!fs.existsSync(path.join(root, file))) {
      await fail(`${file} is missing${args.has('--skip-build') ? ' (run without --skip-build)' : ' after the build: its package must build to dist/main.js'}.`);
    }
  }

  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...baseEnv,
    NODE_ENV: process.env.NODE_ENV || 'development',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    LENA_JWT_SECRET: jwtSecret(),
    LENA_OUTBOX_KEY: outboxKey(),
    PUBLIC_CLIENT_PORTAL_URL: CLIENT_PORTAL_URL,
    PUBLIC_FACILITATOR_PORTAL_URL: FACILITATOR_PORTAL_URL,
    // Plain http://localhost: Safari drops Secure cookies there, so dev cookies are not Secure.
    LENA_COOKIE_SECURE: process.env.LENA_COOKIE_SECURE || 'false',
    // The portals' Vite proxy target for /graphql (IPv4: the API listens on 127.0.0.1).
    LENA_API_URL: `http://127.0.0.1:${API_PORT}`,
  };
  await step('migrate', packageScript('packages/database', 'migrate', [], env), 'The database schema could not be migrated.');
  await step('seed', packageScript('apps/api', 'seed', [], env), 'The demo data could not be loaded.');

  const { PORT: _port, ...envWithoutPort } = env;
  start('api', process.execPath, ['dist/main.js'], { env: { ...env, PORT: String(API_PORT) }, cwd: path.join(root, 'apps/api'), longRunning: true });
  start('worker', process.execPath, ['dist/main.js'], { env: envWithoutPort, cwd: path.join(root, 'apps/worker'), longRunning: true });
  // --strictPort: on a taken port Vite would pick another one, and the links in emails would be wrong.
  for (const [name, dir, port] of /** @type {const} */ ([
    ['client', 'apps/client-portal', CLIENT_PORT],
    ['facilitator', 'apps/facilitator-portal', FACILITATOR_PORT],
  ])) {
    const portal = packageScript(dir, 'dev', ['--strictPort', '--port', String(port)], envWithoutPort);
    start(name, portal.command, portal.args, { env: portal.env, cwd: portal.cwd, longRunning: true });
  }

  if (await waitForApi()) say(banner(databaseUrl, redis.url));
  else if (!shuttingDown) say(`The API has not answered on port ${API_PORT} within 2 minutes; see the [api] lines above.${banner(databaseUrl, redis.url)}`);
}

main().catch(async (error) => fail(`pnpm dev failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
