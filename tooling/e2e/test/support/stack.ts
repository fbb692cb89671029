import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { freePort, repoRoot, startSmtpCapture, type SmtpCapture } from '@lena/test-services';

/** The whole platform, as separate processes, as in production: API, worker, both portals. */
export interface Stack {
  clientPortalUrl: string;
  facilitatorPortalUrl: string;
  apiUrl: string;
  mail: SmtpCapture;
  database: TestDatabase;
  /** The Redis and queue prefix the API and worker share, for a test that awaits a job. */
  redisUrl: string;
  queuePrefix: string;
  stop(): Promise<void>;
}

const repo: string = repoRoot();

/** A program and its arguments. */
type Command = [program: string, ...args: string[]];

/**
 * `worker: false` for a suite that writes the worker's rows itself (a feedback request, an outcome
 * request): a running worker's sweeps would open the same rows for the demo's past sessions and race it.
 */
export async function startStack({ worker = true }: { worker?: boolean } = {}): Promise<Stack> {
  const serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!serverUrl || !redisUrl) throw new Error('The e2e global set-up did not provide PostgreSQL and Redis.');
  const database = await createTestDatabase(serverUrl, 'e2e');
  const mail = await startSmtpCapture();
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopChild));
    await mail.close();
    await database.drop();
  };
  try {
    const [apiPort, clientPort, facilitatorPort] = [await freePort(), await freePort(), await freePort()];
    const clientPortalUrl = `http://127.0.0.1:${clientPort}`;
    const facilitatorPortalUrl = `http://127.0.0.1:${facilitatorPort}`;
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const queuePrefix = `{e2e-${randomBytes(4).toString('hex')}}`;
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: database.ownerUrl,
      REDIS_URL: redisUrl,
      SMTP_URL: mail.url,
      LENA_QUEUE_PREFIX: queuePrefix,
      LENA_JWT_SECRET: randomBytes(32).toString('hex'),
      // The API seals email bodies in the outbox with this key and the worker opens them with it.
      LENA_OUTBOX_KEY: randomBytes(32).toString('base64'),
      // Each answer's publication job runs at once: the browser tests follow them one by one.
      LENA_FEEDBACK_PUBLICATION_DELAY_MS: '0',
      PUBLIC_CLIENT_PORTAL_URL: clientPortalUrl,
      PUBLIC_FACILITATOR_PORTAL_URL: facilitatorPortalUrl,
      LENA_API_URL: apiUrl,
      PORT: String(apiPort),
    };
    await run(['node', join(repo, 'apps/api/dist/seed/seed.js')], env);
    children.push(await startChild('api', ['node', join(repo, 'apps/api/dist/main.js')], env, /listening/));
    if (worker) children.push(await startChild('worker', ['node', join(repo, 'apps/worker/dist/main.js')], env, /Processing queues/));
    children.push(await startPortal('client-portal', clientPort, env));
    children.push(await startPortal('facilitator-portal', facilitatorPort, env));
    return { clientPortalUrl, facilitatorPortalUrl, apiUrl, mail, database, redisUrl, queuePrefix, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function startPortal(name: string, port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const vite = join(repo, `apps/${name}/node_modules/vite/bin/vite.js`);
  return startChild(name, ['node', vite, 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], env, new RegExp(`${port}`), join(repo, `apps/${name}`));
}

/** Starts a process and resolves once its output matches `ready`; rejects with its output if it exits first. */
function startChild(name: string, command: Command, env: NodeJS.ProcessEnv, ready: RegExp, cwd = repo): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = command;
    const child = spawn(program, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${output.slice(-2000)}`)));
  });
}

function run(command: Command, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const [program, ...args] = command;
    const child = spawn(program, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command.join(' ')} failed:\n${output}`))));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
