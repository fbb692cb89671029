'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { errorWithLog, findExecutable, freePort, isProcessAlive, onProcessExit, waitUntil } = require('./util');

const REDIS_MISSING_MESSAGE =
  'No Redis server is reachable (REDIS_URL is not set and nothing answers PING at 127.0.0.1:6379), and no ' +
  '`redis-server` program was found to start a private one. Install Redis and try again: ' +
  '`sudo apt-get install redis-server` on Debian/Ubuntu, `brew install redis` on macOS, or run it in a ' +
  'container with `docker compose -f docker/compose.yml up redis` (then REDIS_URL=redis://127.0.0.1:6379 is found by itself).';

/**
 * @typedef {object} RedisHandle
 * @property {string} url e.g. redis://127.0.0.1:6379
 * @property {boolean} startedByUs true when this process started redis-server (and `stop` stops it)
 * @property {() => Promise<void>} stop stops the server if we started it; a no-op otherwise
 * @property {'env' | 'local' | 'spawned'} source
 * @property {string} [logFile]
 */

/**
 * @typedef {object} EnsureRedisOptions
 * @property {string} dataDir working directory (and log) of a private server
 * @property {number} [port] port for a private server (default: a free one)
 * @property {boolean} [reuseExisting] default true: use REDIS_URL, then 127.0.0.1:6379; false always
 *   starts a private server
 * @property {(line: string) => void} [log]
 */

/**
 * True when a Redis server answers PING (without authentication) at host:port.
 * @param {string} host
 * @param {number} port
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
function redisAnswers(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let reply = '';
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/**
 * A Redis server to talk to: REDIS_URL when set, else 127.0.0.1:6379 when it answers PING, else a
 * private `redis-server` (no persistence) on a free port, killed by `stop()` or when we exit.
 * @param {EnsureRedisOptions} options
 * @returns {Promise<RedisHandle>}
 */
async function ensureRedis(options) {
  const { reuseExisting = true } = options;
  const log = options.log || (() => {});
  if (reuseExisting && process.env.REDIS_URL) {
    return { url: process.env.REDIS_URL, startedByUs: false, source: 'env', stop: async () => {} };
  }
  if (reuseExisting && (await redisAnswers('127.0.0.1', 6379))) {
    return { url: 'redis://127.0.0.1:6379', startedByUs: false, source: 'local', stop: async () => {} };
  }
  const binary = findExecutable('redis-server', ['/usr/bin', '/usr/local/bin', '/opt/homebrew/bin', '/usr/sbin']);
  if (!binary) throw new Error(REDIS_MISSING_MESSAGE);

  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const pidFile = path.join(dataDir, 'redis.pid');
  killLeftoverRedis(dataDir);
  const logFile = path.join(dataDir, 'redis.log');
  const port = options.port || (await freePort());
  log(`Starting redis-server on 127.0.0.1:${port} (log: ${logFile})…`);

  const logFd = fs.openSync(logFile, 'a');
  // stdio goes to the log file, never to our stdout (turbo would hang waiting for it to close).
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dataDir, '--pidfile', pidFile, '--daemonize', 'no'], {
    stdio: ['ignore', logFd, logFd],
    detached: true,
  });
  fs.closeSync(logFd);
  /** @type {Error | undefined} */
  let exited;
  child.once('error', (error) => (exited = error));
  child.once('exit', (code, signal) => {
    exited ??= errorWithLog(`redis-server exited (code ${code}, signal ${signal}).`, logFile);
  });
  // Do not keep the event loop (a jest process, say) alive for it; the exit hook kills it.
  child.unref();
  const forget = onProcessExit(() => {
    if (!exited) child.kill('SIGKILL');
  });

  try {
    await waitUntil(() => redisAnswers('127.0.0.1', port, 500), { what: `redis-server on port ${port}`, timeoutMs: 15000, abort: () => exited });
  } catch (error) {
    forget();
    if (!exited) child.kill('SIGKILL');
    throw error instanceof Error && error === exited ? error : errorWithLog(String(error instanceof Error ? error.message : error), logFile);
  }

  let stopped = false;
  return {
    url: `redis://127.0.0.1:${port}`,
    startedByUs: true,
    source: 'spawned',
    logFile,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      forget();
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/**
 * Kills a redis-server that a killed run left behind in `dataDir` (found through its pid file).
 * @param {string} dataDir
 */
function killLeftoverRedis(dataDir) {
  const pidFile = path.join(dataDir, 'redis.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  // Only a process that still is a redis-server: the pid may have been reused since.
  let command;
  try {
    command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    command = spawnSync('ps', ['-p', String(pid), '-o', 'args='], { encoding: 'utf8' }).stdout || '';
  }
  if (isProcessAlive(pid) && command.includes('redis-server')) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
  fs.rmSync(pidFile, { force: true });
}

module.exports = { ensureRedis, killLeftoverRedis, redisAnswers, REDIS_MISSING_MESSAGE };
