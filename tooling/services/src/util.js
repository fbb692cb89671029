'use strict';
// Small helpers shared by the service starters. CommonJS on purpose: jest (CommonJS), Node ESM
// scripts and TypeScript all load it without a build step.
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** The monorepo root (this file lives in tooling/services/src). */
const REPO_ROOT = path.resolve(__dirname, '../../..');

/** @returns {string} */
function repoRoot() {
  return REPO_ROOT;
}

/**
 * A TCP port that was free a moment ago on `host`.
 * @param {string} [host]
 * @returns {Promise<number>}
 */
function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The absolute path of an executable found on PATH or in one of `extraDirs`, or null.
 * @param {string} name
 * @param {string[]} [extraDirs]
 * @returns {string | null}
 */
function findExecutable(name, extraDirs = []) {
  const dirs = [...(process.env.PATH || '').split(path.delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** @returns {boolean} */
function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * The last `lines` lines of a text file ('' when it cannot be read).
 * @param {string} file
 * @param {number} [lines]
 * @returns {string}
 */
function tailFile(file, lines = 25) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Calls `check` until it returns something truthy, or rejects after `timeoutMs`.
 * Used for "is the server up yet" probes of processes we started ourselves.
 * @template T
 * @param {() => Promise<T | undefined | null | false>} check
 * @param {{ timeoutMs?: number, intervalMs?: number, what: string, abort?: () => Error | undefined }} options
 * @returns {Promise<T>}
 */
async function waitUntil(check, { timeoutMs = 15000, intervalMs = 50, what, abort }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const aborted = abort && abort();
    if (aborted) throw aborted;
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * `url` with its database (path) replaced.
 * @param {string} url
 * @param {string} database
 * @returns {string}
 */
function withDatabaseName(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Whether a process runs (a zombie, as left in containers whose init reaps nothing, counts as dead).
 * @param {number} pid
 */
function isProcessAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EPERM') return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): trust kill(0)
  }
}

/** @type {Set<() => void>} */
const exitCleanups = new Set();
let exitHookInstalled = false;

/**
 * Registers a synchronous clean-up that runs when this process exits (normally or through
 * process.exit). Returns a function that unregisters it. Signals are the caller's business:
 * bin/dev.mjs handles SIGINT/SIGTERM, jest handles its own.
 * @param {() => void} cleanup
 * @returns {() => void}
 */
function onProcessExit(cleanup) {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const fn of [...exitCleanups].reverse()) {
        try {
          fn();
        } catch {
          // best effort while exiting
        }
      }
    });
  }
  exitCleanups.add(cleanup);
  return () => {
    exitCleanups.delete(cleanup);
  };
}

/**
 * Makes an error message that carries the end of a log file.
 * @param {string} message
 * @param {string} logFile
 */
function errorWithLog(message, logFile) {
  const tail = tailFile(logFile);
  return new Error(tail ? `${message}\n--- last lines of ${logFile} ---\n${tail}` : `${message} (log: ${logFile})`);
}

module.exports = {
  REPO_ROOT,
  errorWithLog,
  findExecutable,
  freePort,
  isProcessAlive,
  isRoot,
  onProcessExit,
  repoRoot,
  tailFile,
  waitUntil,
  withDatabaseName,
};
