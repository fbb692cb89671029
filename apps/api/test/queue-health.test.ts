import { randomUUID } from 'node:crypto';
import { QUEUE_BACKLOG_AFTER_SECONDS } from '@lena/domain';
import { QueueName } from '@lena/jobs';
import { Queue, Worker } from 'bullmq';
import { expectData, expectError, fieldProblem } from './support/expectations';
import type { TenantFixture } from './support/fixtures';
import { startTestApi, requireEnv, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const QUEUE_HEALTH = `{ queueHealth {
  checkedAt queuesReachable backlogAfterSeconds
  queues { name state waiting active delayed failed completed workers oldestWaitingAt }
  outbox { pending oldestPendingAt failed }
} }`;
const FAILED_MESSAGES = 'query($limit: Int) { failedMessages(limit: $limit) { id kind recipient subject tenantId tenantName attempts lastError createdAt failedAt } }';
const RETRY = 'mutation($id: ID!) { retryFailedMessage(id: $id) }';

interface QueueStatus {
  name: string;
  state: string;
  waiting: number;
  active: number;
  failed: number;
  completed: number;
  workers: number;
  oldestWaitingAt: string | null;
}
interface QueueHealth {
  queueHealth: {
    checkedAt: string;
    queuesReachable: boolean;
    backlogAfterSeconds: number;
    queues: QueueStatus[];
    outbox: { pending: number; oldestPendingAt: string | null; failed: number };
  };
}
interface FailedMessage {
  id: string;
  kind: string;
  recipient: string | null;
  subject: string | null;
  tenantName: string | null;
  attempts: number;
  lastError: string;
  failedAt: string;
}

let api: TestApi;
let admin: TestClient;
let tenant: TenantFixture;
let notifications: Queue;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant();
  const person = await api.fixtures.platformAdmin();
  admin = api.client();
  expectData(await admin.login(person.email, person.password));
  notifications = new Queue(QueueName.notifications, { connection: { url: requireEnv('REDIS_URL') }, prefix: api.config.queuePrefix });
});

afterAll(async () => {
  await notifications?.close();
  await api?.close();
});

const notificationsQueue = (health: QueueHealth) => health.queueHealth.queues.find((queue) => queue.name === QueueName.notifications)!;

describe('queue health', () => {
  it('shows each queue’s work and whether anything consumes it, and the outbox behind it', async () => {
    const pending = await api.fixtures.outboxEmail('pending', tenant.id);
    await api.fixtures.outboxEmail('failed', tenant.id);
    await api.fixtures.outboxEmail('delivered');
    await notifications.add('deliver-outbox-message', { messageId: pending.id }, { jobId: pending.id });

    const stopped = expectData(await admin.gql<QueueHealth>(QUEUE_HEALTH));
    expect(stopped.queueHealth.queuesReachable).toBe(true);
    expect(stopped.queueHealth.backlogAfterSeconds).toBe(QUEUE_BACKLOG_AFTER_SECONDS);
    expect(stopped.queueHealth.queues.map((queue) => queue.name).sort()).toEqual(
      [QueueName.feedback, QueueName.maintenance, QueueName.notifications, QueueName.outcomes, QueueName.reports, QueueName.scheduling].sort(),
    );
    expect(notificationsQueue(stopped)).toMatchObject({ state: 'NO_WORKERS', waiting: 1, workers: 0 });
    expect(notificationsQueue(stopped).oldestWaitingAt).not.toBeNull();
    expect(stopped.queueHealth.outbox).toMatchObject({ pending: 1, failed: 1 });

    // A worker starts and works through the queue.
    const worker = new Worker(QueueName.notifications, async () => 'delivered', { connection: { url: requireEnv('REDIS_URL') }, prefix: api.config.queuePrefix });
    try {
      await new Promise((resolve) => worker.once('completed', resolve));
      const running = expectData(await admin.gql<QueueHealth>(QUEUE_HEALTH));
      expect(notificationsQueue(running)).toMatchObject({ state: 'HEALTHY', waiting: 0, completed: 1, workers: 1, oldestWaitingAt: null });
    } finally {
      await worker.close();
    }
  });
});

describe('failed messages', () => {
  it('lists what the worker gave up on, newest first, without ever showing a message body', async () => {
    const older = await api.fixtures.outboxEmail('failed', tenant.id);
    const newer = await api.fixtures.outboxEmail('failed');
    await api.owner.query(`UPDATE outbox_message SET failed_at = now() - interval '1 day' WHERE id = $1`, [older.id]);
    const stillTrying = await api.fixtures.outboxEmail('pending');

    const result = await admin.gql<{ failedMessages: FailedMessage[] }>(FAILED_MESSAGES, { limit: 100 });
    const listed = expectData(result).failedMessages;
    const ids = listed.map((message) => message.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    expect(ids).not.toContain(stillTrying.id);
    expect(listed.find((message) => message.id === older.id)).toMatchObject({
      recipient: older.to,
      subject: older.subject,
      tenantName: tenant.name,
      attempts: 24,
      lastError: expect.stringMatching(/ECONNREFUSED/),
    });
    for (const message of [older, newer]) expect(result.body).not.toContain(message.text);
  });

  it('shows a recipient and subject for emails only: another kind of message shows none of its payload', async () => {
    const { rows } = await api.owner.query<{ id: string }>(`INSERT INTO outbox_message (kind, payload, attempts, failed_at) VALUES ('carrier-pigeon', $1, 1, now()) RETURNING id`, [
      JSON.stringify({ to: 'loft@example.org', subject: 'Coo' }),
    ]);
    const listed = expectData(await admin.gql<{ failedMessages: FailedMessage[] }>(FAILED_MESSAGES, { limit: 100 })).failedMessages;
    expect(listed.find((message) => message.id === rows[0]?.id)).toMatchObject({ kind: 'carrier-pigeon', recipient: null, subject: null, tenantName: null });
  });

  it('tries a failed message again: a fresh set of attempts, a delivery job, and an audit entry', async () => {
    const failed = await api.fixtures.outboxEmail('failed', tenant.id);
    expect(expectData(await admin.gql<{ retryFailedMessage: boolean }>(RETRY, { id: failed.id })).retryFailedMessage).toBe(true);

    const { rows } = await api.owner.query('SELECT attempts, failed_at, delivered_at FROM outbox_message WHERE id = $1', [failed.id]);
    expect(rows[0]).toEqual({ attempts: 0, failed_at: null, delivered_at: null });
    expect(await notifications.getJobState(failed.id)).toBe('waiting');
    expect(await api.fixtures.count('audit_event', `action = 'FAILED_MESSAGE_RETRIED' AND target_id = $1 AND tenant_id = $2`, [failed.id, tenant.id])).toBe(1);
    const listed = expectData(await admin.gql<{ failedMessages: FailedMessage[] }>(FAILED_MESSAGES, { limit: 100 })).failedMessages;
    expect(listed.map((message) => message.id)).not.toContain(failed.id);

    // Once retried it is no longer a failed message.
    expectError(await admin.gql(RETRY, { id: failed.id }), 'NOT_FOUND', 'That failed message was not found.');
  });

  it('answers NOT_FOUND for anything that is not a failed message, and changes nothing', async () => {
    const delivered = await api.fixtures.outboxEmail('delivered');
    const pending = await api.fixtures.outboxEmail('pending');
    const before = await api.owner.query('SELECT id, attempts, failed_at, delivered_at FROM outbox_message ORDER BY id');
    for (const id of [delivered.id, pending.id, randomUUID(), 'not-an-id']) {
      expectError(await admin.gql(RETRY, { id }), 'NOT_FOUND', 'That failed message was not found.');
    }
    expect((await api.owner.query('SELECT id, attempts, failed_at, delivered_at FROM outbox_message ORDER BY id')).rows).toEqual(before.rows);
  });

  it('refuses a list size out of bounds with a clear problem', async () => {
    for (const limit of [0, 101]) {
      const error = expectError(await admin.gql(FAILED_MESSAGES, { limit }), 'BAD_USER_INPUT');
      expect(fieldProblem(error, 'limit')).toBe('Choose a number from 1 to 100.');
    }
  });
});
