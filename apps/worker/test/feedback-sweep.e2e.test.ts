import { createHash } from 'node:crypto';
import { oneRow } from '@lena/database';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { FEEDBACK_TOKEN_PATTERN } from '@lena/domain';
import { Jobs, QueueName } from '@lena/jobs';
import { createLogger } from '@lena/logging';
import { captureLogs, type CapturedLogs } from '@lena/logging/testing';
import { startSmtpCapture, type CapturedMessage, type SmtpCapture } from '@lena/test-services';
import { Job, type QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { startWorker, type WorkerHandle } from '../src';
import type { TenantFeedbackSweepOutcome } from '../src/feedback/services/feedback-sweep.service';
import { listenToQueue } from './support/queue-events';
import { SchedulingFixtures, type Person } from './support/scheduling-fixtures';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

const HOUR_MS = 3_600_000;
const PORTAL = 'https://portal.example.org';
const SERIES = { rrule: 'FREQ=WEEKLY;COUNT=6', startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London', sessionCount: 6 };
type Attendance = 'PRESENT' | 'LATE' | 'ABSENT' | 'APOLOGIES';

const sha256 = (token: string) => createHash('sha256').update(token).digest();
const linkIn = (mail: CapturedMessage) => {
  const match = new RegExp(`${PORTAL}/feedback\\.html#([A-Za-z0-9_-]+)`).exec(mail.text);
  return match?.[1];
};

// The feedback sweep's "must not happen" cases (an email twice, or to someone absent), against real PostgreSQL, Redis and SMTP, with two workers.
describe('feedback sweep (the feedback queue)', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let logs: CapturedLogs;
  let workers: WorkerHandle[] = [];
  let fixtures: SchedulingFixtures;
  let events: QueueEvents;
  let tenantId: string;
  let facilitator: Person;
  let jobCounter = 0;

  const start = () =>
    startWorker(
      workerEnv(database, prefix, { SMTP_URL: smtp.url, PUBLIC_CLIENT_PORTAL_URL: `${PORTAL}/` }),
      // No recurring sweeps: each test runs the sweeps itself and counts what one did, and a scheduled
      // sweep (every minute) landing between its steps would have done that work first.
      { config: { retry: { backoffDelayMs: 50 }, recurringJobs: false }, logger: createLogger({ service: 'worker', destination: logs.stream }) },
    );

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    smtp = await startSmtpCapture();
    logs = captureLogs();
    workers = [await start(), await start()];
    fixtures = await SchedulingFixtures.connect(database.ownerUrl);
    events = await listenToQueue(QueueName.feedback, { redisUrl: testRedisUrl(), prefix });
    tenantId = await fixtures.tenant();
    facilitator = await fixtures.facilitator();
  });

  afterAll(async () => {
    await events?.close();
    await Promise.all(workers.map((worker) => worker.close()));
    await fixtures?.close();
    await smtp?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  /** A running programme with `count` participants and one session that ended an hour ago (still SCHEDULED), its register as given. */
  async function endedSession(register: Attendance[]): Promise<{ sessionId: string; title: string; people: Person[] }> {
    const people: Person[] = [];
    for (let index = 0; index < register.length; index += 1) people.push(await fixtures.participant(tenantId));
    const programme = await fixtures.programme(tenantId, SERIES, { facilitators: [facilitator], participants: people, status: 'ACTIVE' });
    const session = await fixtures.sessionStartingIn(tenantId, programme.id, 1, -3 * HOUR_MS);
    await fixtures.query(tenantId, "UPDATE group_session SET ends_at = now() - interval '1 hour' WHERE tenant_id = $1 AND id = $2", [tenantId, session.id]);
    for (const [index, status] of register.entries()) await mark(session.id, people[index]!, status);
    return { sessionId: session.id, title: programme.title, people };
  }

  const mark = (sessionId: string, person: Person, status: Attendance) =>
    fixtures.query(
      tenantId,
      `INSERT INTO attendance (tenant_id, session_id, user_id, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, session_id, user_id) DO UPDATE SET status = excluded.status`,
      [tenantId, sessionId, person.id, status],
    );

  /** The facilitator completes the session (as the API's completeSession does). */
  const complete = (sessionId: string) =>
    fixtures.query(tenantId, "UPDATE group_session SET status = 'DELIVERED', delivered_at = now() WHERE tenant_id = $1 AND id = $2", [tenantId, sessionId]);

  async function runSweep(worker = 0): Promise<TenantFeedbackSweepOutcome> {
    jobCounter += 1;
    const queues = workers[worker]!.queues;
    const id = await queues.enqueue(Jobs.sweepTenantFeedback, { tenantId }, { jobId: `feedback-now-${jobCounter}` });
    const job = await Job.fromId(queues.queue(QueueName.feedback), id);
    return (await job!.waitUntilFinished(events, 15_000)) as TenantFeedbackSweepOutcome;
  }

  const invitationSubject = (title: string) => `How was ${title}? Your feedback`;
  const reminderSubject = (title: string) => `Reminder: your feedback on ${title}`;
  const mailsFor = (subject: string, person: Person) => smtp.messages.filter((mail) => mail.subject === subject && mail.to.includes(person.email));
  const waitForMail = (subject: string, person: Person) => smtp.waitForMessage((mail) => mail.subject === subject && mail.to.includes(person.email));

  const request = async (sessionId: string) =>
    oneRow(
      await fixtures.query<{ id: string; opens_at: Date; remind_at: Date; closes_at: Date }>(
        tenantId,
        'SELECT id, opens_at, remind_at, closes_at FROM feedback_request WHERE tenant_id = $1 AND session_id = $2',
        [tenantId, sessionId],
      ),
      'feedback_request',
    );
  const links = (requestId: string) =>
    fixtures.query<{ id: string; user_id: string; token_hash: Buffer; reminded_at: Date | null; unspent: boolean }>(
      tenantId,
      `SELECT l.id, l.user_id, l.token_hash, l.reminded_at, EXISTS (SELECT 1 FROM feedback_link_unspent u WHERE u.tenant_id = l.tenant_id AND u.link_id = l.id) AS unspent
         FROM feedback_link l WHERE l.tenant_id = $1 AND l.request_id = $2 ORDER BY l.user_id`,
      [tenantId, requestId],
    );

  it('opens one request for a delivered session and emails its link once to each attendee marked present or late, naming nobody else', async () => {
    const register: Attendance[] = ['PRESENT', 'LATE', 'ABSENT', 'APOLOGIES'];
    const { sessionId, title, people } = await endedSession(register);
    const [present, late, absent, apologies] = people as [Person, Person, Person, Person];
    await complete(sessionId);

    expect(await runSweep()).toEqual({ opened: 1, links: 2, withdrawn: 0, reminders: 0, published: 0 });
    const opened = await request(sessionId);
    const [delivered] = await fixtures.query<{ delivered_at: Date }>(tenantId, 'SELECT delivered_at FROM group_session WHERE tenant_id = $1 AND id = $2', [tenantId, sessionId]);
    expect(opened.opens_at).toEqual(delivered!.delivered_at);
    expect(opened.remind_at.getTime() - opened.opens_at.getTime()).toBe(48 * HOUR_MS);
    expect(opened.closes_at.getTime() - opened.opens_at.getTime()).toBe(7 * 24 * HOUR_MS);

    const stored = await links(opened.id);
    expect(stored.map((link) => link.user_id).sort()).toEqual([present.id, late.id].sort());
    expect(stored.every((link) => link.unspent && link.reminded_at === null)).toBe(true);
    for (const person of [present, late]) {
      const mail = await waitForMail(invitationSubject(title), person);
      expect(mail.to).toEqual([person.email]);
      expect(mail.text).toContain(`Hello ${person.name},`);
      expect(mail.text).toContain(`Thank you for joining session 1 of 6 of ${title}`);
      const token = linkIn(mail);
      expect(token).toMatch(FEEDBACK_TOKEN_PATTERN);
      expect(stored.find((link) => link.user_id === person.id)!.token_hash.equals(sha256(token!))).toBe(true);
      for (const other of people.filter((candidate) => candidate !== person)) {
        expect(`${mail.text}\n${mail.html ?? ''}`).not.toContain(other.email);
        expect(`${mail.text}\n${mail.html ?? ''}`).not.toContain(other.name);
      }
    }

    expect(await runSweep(1)).toEqual({ opened: 0, links: 0, withdrawn: 0, reminders: 0, published: 0 });
    expect(await fixtures.outboxRecipients(tenantId, invitationSubject(title))).toEqual([present.email, late.email].sort());
    for (const person of [absent, apologies]) expect(mailsFor(invitationSubject(title), person)).toEqual([]);
  });

  it('opens the request of a session the scheduling sweep delivered when it ended without completion', async () => {
    const { sessionId, title, people } = await endedSession(['PRESENT']);
    jobCounter += 1;
    const queues = workers[0]!.queues;
    const id = await queues.enqueue(Jobs.sweepTenantScheduling, { tenantId }, { jobId: `scheduling-now-${jobCounter}` });
    const schedulingEvents = await listenToQueue(QueueName.scheduling, { redisUrl: testRedisUrl(), prefix });
    try {
      const job = await Job.fromId(queues.queue(QueueName.scheduling), id);
      await job!.waitUntilFinished(schedulingEvents, 15_000);
    } finally {
      await schedulingEvents.close();
    }
    expect((await runSweep()).links).toBeGreaterThanOrEqual(1);
    await request(sessionId);
    await waitForMail(invitationSubject(title), people[0]!);
  });

  it('reminds once, with a new secret, only those whose link is unspent after the delay; the old link stops working', async () => {
    const { sessionId, title, people } = await endedSession(['PRESENT', 'PRESENT', 'LATE']);
    const [waiting, answered, alsoWaiting] = people as [Person, Person, Person];
    await complete(sessionId);
    await runSweep();
    const opened = await request(sessionId);
    await runSweep();
    const firstMail = await waitForMail(invitationSubject(title), waiting);

    // Not yet due: nothing.
    expect((await runSweep()).reminders).toBe(0);
    // The organisation's 48 hours pass (moved back in time rather than waited for), and one person answers.
    await fixtures.query(
      tenantId,
      "UPDATE feedback_request SET opens_at = opens_at - interval '49 hours', remind_at = remind_at - interval '49 hours', closes_at = closes_at - interval '49 hours' WHERE tenant_id = $1 AND id = $2",
      [tenantId, opened.id],
    );
    await fixtures.query(tenantId, "UPDATE feedback_link SET created_at = created_at - interval '49 hours' WHERE tenant_id = $1 AND request_id = $2", [tenantId, opened.id]);
    await fixtures.query(
      tenantId,
      'DELETE FROM feedback_link_unspent u USING feedback_link l WHERE u.tenant_id = $1 AND l.tenant_id = u.tenant_id AND l.id = u.link_id AND l.request_id = $2 AND l.user_id = $3',
      [tenantId, opened.id, answered.id],
    );

    const outcomes = await Promise.all([runSweep(0), runSweep(1), runSweep(0)]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.reminders, 0)).toBe(2);
    const stored = await links(opened.id);
    for (const person of [waiting, alsoWaiting]) {
      const mail = await waitForMail(reminderSubject(title), person);
      expect(mail.text).toContain('This new link replaces the one in our first email, which no longer works.');
      const token = linkIn(mail)!;
      const link = stored.find((candidate) => candidate.user_id === person.id)!;
      expect(link.token_hash.equals(sha256(token))).toBe(true);
      expect(link.reminded_at).toBeInstanceOf(Date);
    }
    expect(stored.find((link) => link.user_id === waiting.id)!.token_hash.equals(sha256(linkIn(firstMail)!))).toBe(false);
    expect(mailsFor(reminderSubject(title), answered)).toEqual([]);

    expect((await runSweep()).reminders).toBe(0);
    expect(await fixtures.outboxRecipients(tenantId, reminderSubject(title))).toEqual([waiting.email, alsoWaiting.email].sort());
  });

  it('after attendance is corrected, issues a link to someone now present and withdraws the unspent link of someone now absent', async () => {
    const { sessionId, title, people } = await endedSession(['PRESENT', 'ABSENT', 'PRESENT']);
    const [nowAbsent, nowPresent, unchanged] = people as [Person, Person, Person];
    await complete(sessionId);
    expect(await runSweep()).toMatchObject({ opened: 1, links: 2 });
    const opened = await request(sessionId);

    // Reopened within 48 hours and the register corrected.
    await fixtures.query(tenantId, "UPDATE group_session SET status = 'SCHEDULED', delivered_at = NULL, reopened_at = now() WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      sessionId,
    ]);
    await mark(sessionId, nowAbsent, 'ABSENT');
    await mark(sessionId, nowPresent, 'LATE');

    expect(await runSweep()).toEqual({ opened: 0, links: 1, withdrawn: 1, reminders: 0, published: 0 });
    expect((await links(opened.id)).map((link) => link.user_id).sort()).toEqual([nowPresent.id, unchanged.id].sort());
    await waitForMail(invitationSubject(title), nowPresent);
    expect(await runSweep()).toEqual({ opened: 0, links: 0, withdrawn: 0, reminders: 0, published: 0 });
    expect(await fixtures.outboxRecipients(tenantId, invitationSubject(title))).toEqual([nowAbsent.email, nowPresent.email, unchanged.email].sort());
    expect(mailsFor(invitationSubject(title), nowPresent)).toHaveLength(1);
  });

  it('never withdraws a spent link: the answer stays counted when its giver is later marked absent', async () => {
    const { sessionId, people } = await endedSession(['PRESENT']);
    await complete(sessionId);
    await runSweep();
    const opened = await request(sessionId);
    await fixtures.query(
      tenantId,
      'DELETE FROM feedback_link_unspent u USING feedback_link l WHERE u.tenant_id = $1 AND l.tenant_id = u.tenant_id AND l.id = u.link_id AND l.request_id = $2',
      [tenantId, opened.id],
    );
    await mark(sessionId, people[0]!, 'ABSENT');
    expect((await runSweep()).withdrawn).toBe(0);
    expect(await links(opened.id)).toHaveLength(1);
  });

  it('opens nothing and sends nothing for a session whose window has already closed', async () => {
    const { sessionId, title, people } = await endedSession(['PRESENT']);
    await fixtures.query(tenantId, "UPDATE group_session SET status = 'DELIVERED', delivered_at = now() - interval '8 days' WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      sessionId,
    ]);
    expect(await runSweep()).toMatchObject({ opened: 0, links: 0 });
    expect(await fixtures.query(tenantId, 'SELECT 1 FROM feedback_request WHERE tenant_id = $1 AND session_id = $2', [tenantId, sessionId])).toEqual([]);
    expect(mailsFor(invitationSubject(title), people[0]!)).toEqual([]);
  });

  it('sends each link once when the worker dies mid-job: the transaction rolls back and the retry sends it', async () => {
    const { sessionId, title, people } = await endedSession(['PRESENT', 'LATE']);
    await complete(sessionId);
    const blocker = new Client({ connectionString: database.ownerUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE outbox_message IN EXCLUSIVE MODE');
      jobCounter += 1;
      const id = await workers[0]!.queues.enqueue(Jobs.sweepTenantFeedback, { tenantId }, { jobId: `feedback-killed-${jobCounter}` });
      let blocked: number | undefined;
      while (blocked === undefined) {
        const rows = await fixtures.query<{ pid: number }>(
          null,
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO outbox_message%'",
        );
        blocked = rows[0]?.pid;
      }
      await blocker.query('SELECT pg_terminate_backend($1)', [blocked]);
      await blocker.query('ROLLBACK');

      const job = await Job.fromId(workers[0]!.queues.queue(QueueName.feedback), id);
      expect(await job!.waitUntilFinished(events, 15_000)).toEqual({ opened: 1, links: 2, withdrawn: 0, reminders: 0, published: 0 });
      expect((await Job.fromId(workers[0]!.queues.queue(QueueName.feedback), id))!.attemptsMade).toBeGreaterThanOrEqual(2);
    } finally {
      await blocker.end();
    }
    await Promise.all(people.map((person) => waitForMail(invitationSubject(title), person)));
    expect(await runSweep()).toEqual({ opened: 0, links: 0, withdrawn: 0, reminders: 0, published: 0 });
    expect(await fixtures.outboxRecipients(tenantId, invitationSubject(title))).toEqual(people.map((person) => person.email).sort());
    for (const person of people) expect(mailsFor(invitationSubject(title), person)).toHaveLength(1);
  });

  it('sends exactly one email per attendee when two workers sweep at the same moment', async () => {
    const sessions = [await endedSession(['PRESENT', 'PRESENT', 'LATE']), await endedSession(['PRESENT', 'ABSENT', 'PRESENT'])];
    for (const session of sessions) await complete(session.sessionId);
    const outcomes = await Promise.all([runSweep(0), runSweep(1), runSweep(0), runSweep(1)]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.opened, 0)).toBe(2);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.links, 0)).toBe(5);
    const [first, second] = sessions as [(typeof sessions)[0], (typeof sessions)[0]];
    const expected = [...first.people, second.people[0]!, second.people[2]!];
    expect(
      [...(await fixtures.outboxRecipients(tenantId, invitationSubject(first.title))), ...(await fixtures.outboxRecipients(tenantId, invitationSubject(second.title)))].sort(),
    ).toEqual(expected.map((person) => person.email).sort());
    await Promise.all(expected.map((person) => waitForMail(invitationSubject(person === second.people[0] || person === second.people[2] ? second.title : first.title), person)));
    for (const person of expected) expect(smtp.messages.filter((mail) => mail.subject.startsWith('How was') && mail.to.includes(person.email))).toHaveLength(1);
  });

  it('sends the links from the database after Redis lost every job, once the workers start again', async () => {
    const { sessionId, title, people } = await endedSession(['PRESENT']);
    await Promise.all(workers.map((worker) => worker.close()));
    await deleteQueueKeys(prefix);
    await complete(sessionId);
    workers = [await start(), await start()];
    // What the restarted workers' minute-by-minute sweep does next: fan out to every organisation.
    jobCounter += 1;
    await workers[1]!.queues.enqueue(Jobs.sweepFeedback, {}, { jobId: `feedback-sweep-after-flush-${jobCounter}` });
    await waitForMail(invitationSubject(title), people[0]!);
    expect(await fixtures.outboxRecipients(tenantId, invitationSubject(title))).toEqual([people[0]!.email]);
  });

  it("carries ids only in the feedback queue's job payloads and logs: no address, name or link secret", async () => {
    const { sessionId, title, people } = await endedSession(['PRESENT', 'LATE']);
    await complete(sessionId);
    await runSweep();
    const secrets = (await Promise.all(people.map((person) => waitForMail(invitationSubject(title), person)))).map((mail) => linkIn(mail)!);

    const jobs = await workers[0]!.queues.queue(QueueName.feedback).getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      expect(Object.keys(job.data as object).every((field) => field === 'tenantId' || field === 'requestId')).toBe(true);
      const stored = JSON.stringify({ data: job.data, returnvalue: job.returnvalue as unknown });
      for (const person of people) {
        expect(stored).not.toContain(person.email);
        expect(stored).not.toContain(person.name);
        expect(stored).not.toContain(person.id);
      }
      for (const secret of secrets) expect(stored).not.toContain(secret);
    }
    const captured = logs.lines().map((line) => JSON.stringify(line));
    expect(captured.some((line) => line.includes(Jobs.sweepTenantFeedback.name))).toBe(true);
    for (const line of captured) {
      for (const person of people) {
        expect(line).not.toContain(person.email);
        expect(line).not.toContain(person.name);
      }
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
  });
});
