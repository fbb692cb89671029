import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { Jobs, QueueName } from '@lena/jobs';
import { startSmtpCapture, type SmtpCapture } from '@lena/test-services';
import { Job, type QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { startWorker, type WorkerHandle } from '../src';
import { listenToQueue } from './support/queue-events';
import { SchedulingFixtures, type Person } from './support/scheduling-fixtures';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

const HOUR_MS = 60 * 60_000;
/** A session this far ahead has its one-hour reminder due in a moment (and its day-ahead one already past, so never planned). */
const STARTS_IN_MS = HOUR_MS + 1_500;

const SERIES = { rrule: 'FREQ=WEEKLY;COUNT=6', startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London', sessionCount: 6 };

// Reminders "must not happen" cases, against real PostgreSQL, Redis and SMTP, with two workers running.
describe('session reminders', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let workers: WorkerHandle[] = [];
  let fixtures: SchedulingFixtures;
  let events: QueueEvents;
  let tenantId: string;
  let facilitator: Person;
  let participants: Person[];
  let jobCounter = 0;

  const start = () =>
    startWorker(
      workerEnv(database, prefix, { SMTP_URL: smtp.url }),
      // No recurring sweeps: each test runs the sweep itself once a reminder is due and counts what it
      // sent, and a scheduled sweep (every minute) landing in between would have sent it first.
      { config: { retry: { backoffDelayMs: 50 }, recurringJobs: false }, logger: false },
    );

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    smtp = await startSmtpCapture();
    workers = [await start(), await start()];
    fixtures = await SchedulingFixtures.connect(database.ownerUrl);
    events = await listenToQueue(QueueName.scheduling, { redisUrl: testRedisUrl(), prefix });
    tenantId = await fixtures.tenant();
    facilitator = await fixtures.facilitator();
    participants = [await fixtures.participant(tenantId), await fixtures.participant(tenantId)];
  });

  afterAll(async () => {
    await events?.close();
    await Promise.all(workers.map((worker) => worker.close()));
    await fixtures?.close();
    await smtp?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  /** A running programme (already expanded) with the facilitator and both participants. */
  const runningProgramme = () => fixtures.programme(tenantId, SERIES, { facilitators: [facilitator], participants, status: 'ACTIVE' });

  /** Waits until the one-hour reminder of a session starting at `startsAt` has fallen due: the clock is the event here. */
  async function untilOneHourBefore(startsAt: Date): Promise<void> {
    const wait = startsAt.getTime() - HOUR_MS - Date.now() + 100;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  async function runReminders(): Promise<{ reminders: number; emails: number }> {
    jobCounter += 1;
    const id = await workers[0]!.queues.enqueue(Jobs.sweepTenantScheduling, { tenantId }, { jobId: `reminders-now-${jobCounter}` });
    const job = await Job.fromId(workers[0]!.queues.queue(QueueName.scheduling), id);
    const { reminders, emails } = (await job!.waitUntilFinished(events, 15_000)) as { reminders: number; emails: number };
    return { reminders, emails };
  }

  const everyone = () => [facilitator, ...participants];
  const reminderSubject = (title: string) => `Reminder: ${title} in 1 hour`;
  const receivedBy = (title: string) =>
    smtp.messages
      .filter((mail) => mail.subject === reminderSubject(title))
      .flatMap((mail) => mail.to)
      .sort();
  const waitForReminders = (title: string) =>
    Promise.all(everyone().map((person) => smtp.waitForMessage((mail) => mail.subject === reminderSubject(title) && mail.to.includes(person.email))));

  it('emails each due reminder once to every enrolled participant and assigned facilitator, naming nobody else, and marks it sent', async () => {
    const programme = await runningProgramme();
    const session = await fixtures.sessionStartingIn(tenantId, programme.id, 1, STARTS_IN_MS);
    expect((await fixtures.reminders(tenantId, session.id)).map((reminder) => reminder.offset_minutes)).toEqual([60]);
    await untilOneHourBefore(session.startsAt);

    expect(await runReminders()).toEqual({ reminders: 1, emails: 3 });
    const mails = await waitForReminders(programme.title);
    for (const [index, mail] of mails.entries()) {
      const recipient = everyone()[index]!;
      expect(mail.to).toEqual([recipient.email]);
      expect(mail.text).toContain(`Session 1 of 6 of ${programme.title} starts in 1 hour`);
      expect(mail.text).toContain('Join online: https://meet.example.org/grp');
      for (const other of participants.filter((person) => person !== recipient)) {
        expect(`${mail.text}\n${mail.html}`).not.toContain(other.email);
        expect(`${mail.text}\n${mail.html}`).not.toContain(other.name);
      }
    }
    expect((await fixtures.reminders(tenantId, session.id))[0]!.sent_at).toBeInstanceOf(Date);

    expect(await runReminders()).toEqual({ reminders: 0, emails: 0 });
    expect(await fixtures.outboxRecipients(tenantId, reminderSubject(programme.title))).toHaveLength(3);
  });

  it('never fires a reminder for a cancelled session, nor at the old time for a moved one', async () => {
    const programme = await runningProgramme();
    const cancelled = await fixtures.sessionStartingIn(tenantId, programme.id, 1, STARTS_IN_MS);
    const moved = await fixtures.sessionStartingIn(tenantId, programme.id, 2, STARTS_IN_MS);
    await fixtures.query(tenantId, "UPDATE group_session SET status = 'CANCELLED', status_reason = 'Facilitator unwell' WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      cancelled.id,
    ]);
    await fixtures.query(tenantId, "UPDATE group_session SET starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day' WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      moved.id,
    ]);

    expect(await fixtures.reminders(tenantId, cancelled.id)).toEqual([]);
    const newStart = moved.startsAt.getTime() + 24 * HOUR_MS;
    expect((await fixtures.reminders(tenantId, moved.id)).map((reminder) => [reminder.offset_minutes, reminder.due_at.getTime()])).toEqual([
      [1440, newStart - 24 * HOUR_MS],
      [60, newStart - HOUR_MS],
    ]);

    await untilOneHourBefore(cancelled.startsAt);
    expect(await runReminders()).toEqual({ reminders: 0, emails: 0 });
    expect(await fixtures.outboxRecipients(tenantId, reminderSubject(programme.title))).toEqual([]);
  });

  it('sends a reminder once when the worker dies mid-job: the transaction rolls back and the retry sends it', async () => {
    const programme = await runningProgramme();
    const session = await fixtures.sessionStartingIn(tenantId, programme.id, 1, STARTS_IN_MS);
    await untilOneHourBefore(session.startsAt);

    // Hold the outbox so the job stops between claiming the reminder and queueing its emails …
    const blocker = new Client({ connectionString: database.ownerUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE outbox_message IN EXCLUSIVE MODE');
      jobCounter += 1;
      const id = await workers[0]!.queues.enqueue(Jobs.sweepTenantScheduling, { tenantId }, { jobId: `reminders-killed-${jobCounter}` });
      let blocked: number | undefined;
      while (blocked === undefined) {
        // Polled from another connection: within the blocker's transaction the statistics are a snapshot.
        const rows = await fixtures.query<{ pid: number }>(
          null,
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO outbox_message%'",
        );
        blocked = rows[0]?.pid;
      }
      // … then kill its connection, as a dying process would.
      await blocker.query('SELECT pg_terminate_backend($1)', [blocked]);
      await blocker.query('ROLLBACK');

      const job = await Job.fromId(workers[0]!.queues.queue(QueueName.scheduling), id);
      expect(await job!.waitUntilFinished(events, 15_000)).toEqual({
        expansions: 0,
        calendarUpdates: 0,
        invitations: 0,
        reminders: 1,
        emails: 3,
        delivered: 0,
        activated: 0,
        completed: 0,
      });
      expect((await Job.fromId(workers[0]!.queues.queue(QueueName.scheduling), id))!.attemptsMade).toBeGreaterThanOrEqual(2);
    } finally {
      await blocker.end();
    }
    await waitForReminders(programme.title);
    expect(await runReminders()).toEqual({ reminders: 0, emails: 0 });
    expect(await fixtures.outboxRecipients(tenantId, reminderSubject(programme.title))).toEqual(
      everyone()
        .map((person) => person.email)
        .sort(),
    );
    expect(receivedBy(programme.title)).toEqual(
      everyone()
        .map((person) => person.email)
        .sort(),
    );
  });

  it('sends reminders from the database after Redis lost every job, once the workers start again', async () => {
    const programme = await runningProgramme();
    const session = await fixtures.sessionStartingIn(tenantId, programme.id, 1, STARTS_IN_MS);
    await Promise.all(workers.map((worker) => worker.close()));
    await deleteQueueKeys(prefix);
    workers = [await start(), await start()];
    await untilOneHourBefore(session.startsAt);

    // What the restarted workers' minute-by-minute sweep does next: fan out to every organisation.
    jobCounter += 1;
    await workers[1]!.queues.enqueue(Jobs.sweepScheduling, {}, { jobId: `sweep-after-flush-${jobCounter}` });
    await waitForReminders(programme.title);
    expect(await fixtures.outboxRecipients(tenantId, reminderSubject(programme.title))).toEqual(
      everyone()
        .map((person) => person.email)
        .sort(),
    );
  });

  it('sends exactly one email per person and reminder when two workers claim at the same moment', async () => {
    const programme = await runningProgramme();
    const sessions = [];
    for (const sequence of [1, 2, 3]) sessions.push(await fixtures.sessionStartingIn(tenantId, programme.id, sequence, STARTS_IN_MS));
    await untilOneHourBefore(sessions[2]!.startsAt);

    const outcomes = await Promise.all([runReminders(), runReminders(), runReminders(), runReminders()]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.reminders, 0)).toBe(3);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.emails, 0)).toBe(9);

    const expected = everyone()
      .flatMap((person) => [person.email, person.email, person.email])
      .sort();
    expect(await fixtures.outboxRecipients(tenantId, reminderSubject(programme.title))).toEqual(expected);
    await Promise.all(
      everyone().map((person) =>
        smtp.waitForMessage(
          (mail) =>
            mail.subject === reminderSubject(programme.title) && mail.to.includes(person.email) && receivedBy(programme.title).filter((to) => to === person.email).length === 3,
        ),
      ),
    );
    expect(receivedBy(programme.title)).toEqual(expected);
  });
});
