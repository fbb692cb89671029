import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { join } from 'node:path';
import { oneRow } from '@lena/database';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { freePort, repoRoot } from '@lena/test-services';
import { Client } from 'pg';

interface DevRun {
  ports: Record<'api' | 'client' | 'facilitator' | 'smtp' | 'mailPage', number>;
  output(): string;
  /** Resolves once the output contains `text`. */
  printed(text: string, timeoutMs: number): Promise<void>;
  /** A terminal's Ctrl-C: SIGINT to the whole foreground process group. Resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

// `pnpm dev` as a developer runs it, on ports of its own (beside anything else running) and on a
// database of this test's own.
async function startDev(database: TestDatabase): Promise<DevRun> {
  const ports = { api: await freePort(), client: await freePort(), facilitator: await freePort(), smtp: await freePort(), mailPage: await freePort() };
  const child = spawn(process.execPath, [join(repoRoot(), 'tooling/services/bin/dev.mjs'), '--skip-build'], {
    cwd: repoRoot(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NO_COLOR: '1',
      NODE_ENV: 'development',
      DATABASE_URL: database.ownerUrl,
      LENA_JWT_SECRET: randomBytes(32).toString('hex'),
      LENA_QUEUE_PREFIX: `{dev-test-${randomBytes(4).toString('hex')}}`,
      LENA_DEV_API_PORT: String(ports.api),
      LENA_DEV_CLIENT_PORT: String(ports.client),
      LENA_DEV_FACILITATOR_PORT: String(ports.facilitator),
      LENA_DEV_SMTP_PORT: String(ports.smtp),
      LENA_DEV_MAIL_PAGE_PORT: String(ports.mailPage),
    },
  });
  let output = '';
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const listener of listeners) listener();
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    ports,
    output: () => output,
    printed: (text, timeoutMs) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`pnpm dev did not print "${text}" within ${timeoutMs} ms. Output:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
    interrupt: () => {
      try {
        process.kill(-child.pid!, 'SIGINT');
      } catch {
        // already gone
      }
      return exited;
    },
  };
}

/** What pnpm dev printed from "Stopping…" on: nothing alarming, and it ends with "Stopped.". */
function expectQuietStop(output: string): void {
  expect(output).toContain('Stopping…');
  const stopping = output.slice(output.indexOf('Stopping…'));
  expect(stopping).not.toMatch(/Command failed|ELIFECYCLE|exited unexpectedly|Could not stop|Error/);
  expect(stopping.trimEnd().endsWith('Stopped.')).toBe(true);
}

/** Resolves once some other client is connected to the database (polled: PostgreSQL has no event for it). */
async function connectionAppears(database: TestDatabase, timeoutMs = 30_000): Promise<void> {
  const watcher = new Client({ connectionString: database.ownerUrl });
  await watcher.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await watcher.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      if (oneRow(rows, 'connection count').n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('No other connection to the database appeared.');
  } finally {
    await watcher.end();
  }
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('pnpm dev', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(process.env.TEST_DATABASE_SERVER_URL!, 'e2e');
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('starts everything, serves the GraphQL page, and stops every child quietly on Ctrl-C', async () => {
    const dev = await startDev(database);
    let code: number | null;
    try {
      await dev.printed('Lena is running:', 150_000);
      // The address the banner offers opens as a page in a browser, not as a CSRF error.
      const page = await fetch(`http://127.0.0.1:${dev.ports.api}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('GraphiQL');
      expect((await fetch(`http://127.0.0.1:${dev.ports.mailPage}/`)).status).toBe(200);
    } finally {
      code = await dev.interrupt();
    }
    expect(code).toBe(0);
    expectQuietStop(dev.output());
    for (const port of Object.values(dev.ports)) expect(await listening(port)).toBe(false);
  }, 240_000);

  it('stops quietly when Ctrl-C comes while a set-up step is still running', async () => {
    const dev = await startDev(database);
    let code: number | null;
    try {
      // Interrupt the seed step once its script is running: it has connected to the database.
      await dev.printed('migrate done', 60_000);
      await connectionAppears(database);
    } finally {
      code = await dev.interrupt();
    }
    expect(code).toBe(0);
    expectQuietStop(dev.output());
    expect(dev.output()).not.toContain('Lena is running:');
  }, 120_000);
});
