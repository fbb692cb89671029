import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { ensurePostgres, ensureRedis, findPostgresBinaries, redisAnswers } from '../src/index.js';

const hasRedisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server', '/opt/homebrew/bin/redis-server'].some((file) => fs.existsSync(file));
const hasPostgres = findPostgresBinaries() !== null;

/**
 * On a developer's laptop without the server binaries these suites are skipped; under CI (which
 * installs them) a missing binary is a broken machine, and the run must say so instead of passing.
 */
function whenInstalled(installed: boolean, what: string): typeof describe {
  if (installed) return describe;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${what} is not installed, and CI must test starting it: install it (see .ci/run).`);
  }
  return describe.skip;
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lena-services-'));
  fs.chmodSync(dir, 0o755); // reachable by the postgres OS user when we run as root
  return dir;
}

whenInstalled(hasRedisServer, 'redis-server')('ensureRedis (private server)', () => {
  it('starts redis-server on a free port and stops it', async () => {
    const dir = tempDir();
    const redis = await ensureRedis({ dataDir: dir, reuseExisting: false });
    try {
      expect(redis.startedByUs).toBe(true);
      const port = Number(new URL(redis.url).port);
      expect(await redisAnswers('127.0.0.1', port)).toBe(true);
      await redis.stop();
      expect(await redisAnswers('127.0.0.1', port)).toBe(false);
    } finally {
      await redis.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

whenInstalled(hasPostgres, 'PostgreSQL')('ensurePostgres (private server from the machine binaries)', () => {
  it('initialises a cluster, answers as user postgres, and stops', async () => {
    const dir = tempDir();
    const postgres = await ensurePostgres({ dataDir: path.join(dir, 'pg'), reuseExisting: false, disposable: true });
    try {
      expect(postgres.startedByUs).toBe(true);
      expect(postgres.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      const client = new Client({ connectionString: postgres.url });
      await client.connect();
      const { rows } = await client.query<{ user: string }>('SELECT current_user AS user');
      expect(rows).toEqual([{ user: 'postgres' }]);
      await client.end();
      const port = Number(new URL(postgres.url).port);
      await postgres.stop();
      const refused = await new Promise((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port }, () => {
          socket.destroy();
          resolve(false);
        });
        socket.on('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    } finally {
      await postgres.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
