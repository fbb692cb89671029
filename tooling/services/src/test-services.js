'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { ensurePostgres, stopLeftoverPostgres } = require('./postgres');
const { ensureRedis, killLeftoverRedis } = require('./redis');
const { isProcessAlive, repoRoot } = require('./util');

/**
 * @typedef {object} TestServices
 * @property {string} databaseServerUrl PostgreSQL server URL (database `postgres`); create your own databases on it
 * @property {string} redisUrl
 * @property {() => Promise<void>} stop stops whatever was started for this run (idempotent)
 */

/**
 * @typedef {object} StartTestServicesOptions
 * @property {string} [dataDir] default `<repo>/.data/test`; each run gets a `run-<pid>` folder inside
 * @property {NodeJS.ProcessEnv} [env] where the URLs are written (default process.env)
 * @property {(line: string) => void} [log] default: none (jest output stays clean)
 */

/**
 * PostgreSQL and Redis for a test run (jest globalSetup, e2e runner):
 * TEST_DATABASE_SERVER_URL, else DATABASE_URL's server, else 127.0.0.1:5432, else a private server;
 * REDIS_URL, else 127.0.0.1:6379, else a private redis-server. With LENA_TEST_PRIVATE_SERVICES=1
 * private servers are started whatever runs already.
 * Writes TEST_DATABASE_SERVER_URL and REDIS_URL into `env` (process.env by default) so that jest
 * workers and child processes started afterwards see them.
 * Private servers live in `<dataDir>/run-<pid>` (PostgreSQL with fsync off) and are removed by
 * stop(); folders of runs that were killed are cleaned up by the next run.
 * @param {StartTestServicesOptions} [options]
 * @returns {Promise<TestServices>}
 */
async function startTestServices(options = {}) {
  const env = options.env || process.env;
  const log = options.log || (() => {});
  const baseDir = path.resolve(options.dataDir || path.join(repoRoot(), '.data', 'test'));
  fs.mkdirSync(baseDir, { recursive: true });
  cleanUpDeadRuns(baseDir);
  const runDir = path.join(baseDir, `run-${process.pid}`);

  // LENA_TEST_PRIVATE_SERVICES=1: ignore configured and local servers, start private ones.
  const reuseExisting = process.env.LENA_TEST_PRIVATE_SERVICES !== '1';
  const presetDatabase = reuseExisting ? env.TEST_DATABASE_SERVER_URL : undefined;
  /** @type {Promise<import('./postgres').PostgresHandle>} */
  const postgresStarting = presetDatabase
    ? Promise.resolve({ url: presetDatabase, startedByUs: false, source: 'env', stop: async () => {} })
    : ensurePostgres({ dataDir: path.join(runDir, 'postgres'), disposable: true, reuseExisting, log });
  const [postgres, redis] = await Promise.allSettled([postgresStarting, ensureRedis({ dataDir: path.join(runDir, 'redis'), reuseExisting, log })]);
  if (postgres.status === 'rejected' || redis.status === 'rejected') {
    if (postgres.status === 'fulfilled') await postgres.value.stop();
    if (redis.status === 'fulfilled') await redis.value.stop();
    removeRunDir(runDir);
    throw postgres.status === 'rejected' ? postgres.reason : /** @type {PromiseRejectedResult} */ (redis).reason;
  }

  // As root, PostgreSQL data may have moved out of a folder the postgres user cannot reach: note
  // where, so that the clean-up after a killed run finds it.
  const usedDir = postgres.value.dataDir;
  if (usedDir && !usedDir.startsWith(runDir)) fs.writeFileSync(path.join(runDir, 'postgres-data-dir'), usedDir);
  env.TEST_DATABASE_SERVER_URL = postgres.value.url;
  env.REDIS_URL = redis.value.url;
  let stopped = false;
  return {
    databaseServerUrl: postgres.value.url,
    redisUrl: redis.value.url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await Promise.allSettled([postgres.value.stop(), redis.value.stop()]);
      removeRunDir(runDir);
      if (usedDir && !usedDir.startsWith(runDir)) removeRunDir(usedDir);
    },
  };
}

/** @param {string} runDir */
function removeRunDir(runDir) {
  fs.rmSync(runDir, { recursive: true, force: true });
}

/**
 * Stops servers left by test runs whose process is gone, and deletes their folders.
 * @param {string} baseDir
 */
function cleanUpDeadRuns(baseDir) {
  for (const entry of fs.readdirSync(baseDir)) {
    const match = /^run-(\d+)$/.exec(entry);
    if (!match || isProcessAlive(Number(match[1]))) continue;
    const runDir = path.join(baseDir, entry);
    try {
      const movedData = path.join(runDir, 'postgres-data-dir');
      if (fs.existsSync(movedData)) {
        const dir = fs.readFileSync(movedData, 'utf8').trim();
        stopLeftoverPostgres(dir);
        removeRunDir(dir);
      }
      stopLeftoverPostgres(path.join(runDir, 'postgres'));
      stopLeftoverPostgres(path.join(runDir, 'postgres-embedded'));
      killLeftoverRedis(path.join(runDir, 'redis'));
    } catch {
      // best effort
    }
    removeRunDir(runDir);
  }
}

module.exports = { startTestServices };
