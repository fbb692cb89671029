import { createHash } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { COPENHAGEN_BURNOUT_INVENTORY, LENA_GRP_OUTCOME, OUTCOME_TOKEN_PATTERN } from '@lena/domain';
import { Jobs, QueueName } from '@lena/jobs';
import { createLogger } from '@lena/logging';
import { captureLogs, type CapturedLogs } from '@lena/logging/testing';
import { startSmtpCapture, type CapturedMessage, type SmtpCapture } from '@lena/test-services';
import { Job, type QueueEvents } from 'bullmq';
import { startWorker, type WorkerHandle } from '../src';
import type { TenantOutcomeSweepOutcome } from '../src/outcomes/services/outcome-sweep.service';
import { listenToQueue } from './support/queue-events';
import { SchedulingFixtures, type Person } from './support/scheduling-fixtures';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

const DAY_MS = 86_400_000;
const PORTAL = 'https://portal.example.org';
const SERIES = { rrule: 'FREQ=WEEKLY;COUNT=3', startLocal: '2027-03-17T10:00:00', timeZone: 'Europe/London', sessionCount: 3 };

const sha256 = (token: string) => createHash('sha256').update(token).digest();
const linkIn = (mail: CapturedMessage) => new RegExp(`${PORTAL}/measures\\.html#([A-Za-z0-9_-]+)`).exec(mail.text)?.[1];

// The outcomes sweep's "must not happen" cases (an email twice, an unconfirmed licence sent, a
// window missed or opened twice), against real PostgreSQL, Redis and SMTP, with two workers.
describe('outcomes sweep (the outcomes queue)', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let logs: CapturedLogs;
  let workers: WorkerHandle[] = [];
  let fixtures: SchedulingFixtures;
  let events: QueueEvents;
  let tenantId: string;
  let jobCounter = 0;

  const start = () =>
    startWorker(
      workerEnv(database, prefix, { SMTP_URL: smtp.url, PUBLIC_CLIENT_PORTAL_URL: `${PORTAL}/` }),
      // No recurring sweeps: each test runs the sweep itself and counts what one did, and a scheduled
      // sweep (every five minutes) landing between its steps would have done that work first.
      { config: { retry: { backoffDelayMs: 50 }, recurringJobs: false }, logger: createLogger({ service: 'worker', destination: logs.stream }) },
    );

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    smtp = await startSmtpCapture();
    logs = captureLogs();
    workers = [await start(), await start()];
    fixtures = await SchedulingFixtures.connect(database.ownerUrl);
    events = await listenToQueue(QueueName.outcomes, { redisUrl: testRedisUrl(), prefix });
    tenantId = await fixtures.tenant();
    // The API writes the shipped instruments at its start-up; the worker's database gets them here.
    for (const instrument of [COPENHAGEN_BURNOUT_INVENTORY]) {
      await fixtures.query(null, 'INSERT INTO outcome_instrument (key, version, title, licence, definition) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key, version) DO NOTHING', [
        instrument.key,
        instrument.version,
        instrument.title,
        JSON.stringify(instrument.licence),
        JSON.stringify(instrument),
      ]);
    }
  });

  afterAll(async () => {
    await events?.close();
    await Promise.all(workers.map((worker) => worker.close()));
    await fixtures?.close();
    await smtp?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  /**
   * A programme of `count` participants with a plan asking `instrument` and three weekly sessions,
   * the first starting `firstStartsInMs` from now.
   */
  async function plannedProgramme(count: number, firstStartsInMs: number, instrument: 'cbi' | 'own' = 'cbi'): Promise<{ id: string; title: string; people: Person[] }> {
    const people: Person[] = [];
    for (let index = 0; index < count; index += 1) people.push(await fixtures.participant(tenantId));
    const programme = await fixtures.programme(tenantId, SERIES, { participants: people, status: 'ACTIVE' });
    for (const sequence of [1, 2, 3]) await fixtures.sessionStartingIn(tenantId, programme.id, sequence, firstStartsInMs + (sequence - 1) * 7 * DAY_MS);
    let key = 'cbi';
    if (instrument === 'own') {
      // An organisation's own instrument whose licence each organisation must confirm before use.
      key = `own-${Math.random().toString(36).slice(2, 10)}`;
      const definition = { ...LENA_GRP_OUTCOME, key, licence: { ...LENA_GRP_OUTCOME.licence, tenantMustConfirm: true } };
      const [creator] = await fixtures.query<{ id: string }>(null, 'SELECT id FROM user_account ORDER BY id LIMIT 1');
      await fixtures.query(tenantId, 'INSERT INTO tenant_outcome_instrument (tenant_id, key, version, title, licence, definition, created_by) VALUES ($1, $2, 1, $3, $4, $5, $6)', [
        tenantId,
        key,
        definition.title,
        JSON.stringify(definition.licence),
        JSON.stringify(definition),
        creator!.id,
      ]);
    }
    await fixtures.query(tenantId, 'INSERT INTO programme_outcome_plan (tenant_id, programme_id, midpoint, updated_by) VALUES ($1, $2, false, $3)', [
      tenantId,
      programme.id,
      people[0]!.id,
    ]);
    await fixtures.query(tenantId, 'INSERT INTO programme_outcome_instrument (tenant_id, programme_id, instrument_key, instrument_version) VALUES ($1, $2, $3, 1)', [
      tenantId,
      programme.id,
      key,
    ]);
    return { ...programme, people };
  }

  async function runSweep(worker = 0): Promise<TenantOutcomeSweepOutcome> {
    jobCounter += 1;
    const queues = workers[worker]!.queues;
    const id = await queues.enqueue(Jobs.sweepTenantOutcomes, { tenantId }, { jobId: `outcomes-now-${jobCounter}` });
    const job = await Job.fromId(queues.queue(QueueName.outcomes), id);
    const { reports, ...outcome } = (await job!.waitUntilFinished(events, 15_000)) as TenantOutcomeSweepOutcome & { reports: number };
    // No report is waiting in these tests (the reports' safety net is tested in outcome-reports.e2e.test.ts).
    expect(reports).toBe(0);
    return outcome;
  }

  const baselineSubject = (title: string) => `Before ${title} begins: a short questionnaire`;
  const finalSubject = (title: string) => `As ${title} ends: a short questionnaire`;
  const reminderSubject = (title: string) => `Reminder: your questionnaire for ${title}`;
  const mailsFor = (subject: string, person: Person) => smtp.messages.filter((mail) => mail.subject === subject && mail.to.includes(person.email));
  const waitForMail = (subject: string, person: Person) => smtp.waitForMessage((mail) => mail.subject === subject && mail.to.includes(person.email));

  const requests = (programmeId: string) =>
    fixtures.query<{ id: string; point: string; opens_at: Date; remind_at: Date; closes_at: Date }>(
      tenantId,
      'SELECT id, point, opens_at, remind_at, closes_at FROM outcome_request WHERE tenant_id = $1 AND programme_id = $2 ORDER BY point',
      [tenantId, programmeId],
    );
  const links = (requestId: string) =>
    fixtures.query<{ id: string; user_id: string; token_hash: Buffer; reminded_at: Date | null }>(
      tenantId,
      'SELECT id, user_id, token_hash, reminded_at FROM outcome_link WHERE tenant_id = $1 AND request_id = $2 ORDER BY user_id',
      [tenantId, requestId],
    );

  it('opens the baseline in the week before the first session and emails each person enrolled their own link, once', async () => {
    const { id, title, people } = await plannedProgramme(3, 3 * DAY_MS);
    expect(await runSweep()).toEqual({ opened: 1, links: 3, reminders: 0 });
    const [baseline] = await requests(id);
    expect(baseline!.point).toBe('BASELINE');
    const [first] = await fixtures.sessions(tenantId, id);
    // Windows are computed to the second.
    const firstStart = Math.floor(first!.starts_at.getTime() / 1000) * 1000;
    expect(baseline!.closes_at.getTime()).toBe(firstStart);
    expect(firstStart - baseline!.opens_at.getTime()).toBe(7 * DAY_MS);
    expect(baseline!.remind_at.getTime() - baseline!.opens_at.getTime()).toBe(3.5 * DAY_MS);

    const stored = await links(baseline!.id);
    expect(stored.map((link) => link.user_id).sort()).toEqual(people.map((person) => person.id).sort());
    for (const person of people) {
      const mail = await waitForMail(baselineSubject(title), person);
      expect(mail.to).toEqual([person.email]);
      expect(mail.text).toContain(`Hello ${person.name},`);
      expect(mail.text).toContain('Your answers are stored without your name, your email address or this link.');
      const token = linkIn(mail)!;
      expect(token).toMatch(OUTCOME_TOKEN_PATTERN);
      expect(stored.find((link) => link.user_id === person.id)!.token_hash.equals(sha256(token))).toBe(true);
      for (const other of people.filter((candidate) => candidate !== person)) expect(mail.text).not.toContain(other.email);
    }

    expect(await runSweep(1)).toEqual({ opened: 0, links: 0, reminders: 0 });
    expect(await fixtures.outboxRecipients(tenantId, baselineSubject(title))).toEqual(people.map((person) => person.email).sort());
  });

  it('sends a later joiner their link to the open point, and nobody else a second one', async () => {
    const { id, title, people } = await plannedProgramme(1, 2 * DAY_MS);
    await runSweep();
    const joiner = await fixtures.participant(tenantId);
    await fixtures.query(tenantId, 'INSERT INTO enrolment (tenant_id, programme_id, user_id) VALUES ($1, $2, $3)', [tenantId, id, joiner.id]);
    expect(await runSweep()).toEqual({ opened: 0, links: 1, reminders: 0 });
    await waitForMail(baselineSubject(title), joiner);
    expect(await fixtures.outboxRecipients(tenantId, baselineSubject(title))).toEqual([people[0]!.email, joiner.email].sort());
  });

  it('opens nothing before the window, nor a window that has already closed; the final opens as the last session ends', async () => {
    const early = await plannedProgramme(1, 10 * DAY_MS);
    expect((await runSweep()).opened).toBe(0);
    expect(await requests(early.id)).toEqual([]);

    // All three sessions are over, the last ended an hour ago: the baseline's window is long shut.
    const ended = await plannedProgramme(2, -(14 * DAY_MS) - 150 * 60_000);
    expect(await runSweep()).toMatchObject({ opened: 1, links: 2 });
    expect((await requests(ended.id)).map((request) => request.point)).toEqual(['FINAL']);
    for (const person of ended.people) await waitForMail(finalSubject(ended.title), person);
    expect(mailsFor(baselineSubject(ended.title), ended.people[0]!)).toEqual([]);
  });

  it('never sends an instrument whose licence the organisation has not confirmed; once it is confirmed, the point opens', async () => {
    const { id, title, people } = await plannedProgramme(2, 3 * DAY_MS, 'own');
    expect(await runSweep()).toEqual({ opened: 0, links: 0, reminders: 0 });
    expect(await requests(id)).toEqual([]);
    expect(mailsFor(baselineSubject(title), people[0]!)).toEqual([]);

    const [{ key }] = (await fixtures.query<{ key: string }>(
      tenantId,
      'SELECT instrument_key AS key FROM programme_outcome_instrument WHERE tenant_id = $1 AND programme_id = $2',
      [tenantId, id],
    )) as [{ key: string }];
    await fixtures.query(tenantId, 'INSERT INTO tenant_instrument_licence (tenant_id, instrument_key, confirmed_by) VALUES ($1, $2, $3)', [tenantId, key, people[0]!.id]);
    expect(await runSweep()).toEqual({ opened: 1, links: 2, reminders: 0 });
    await Promise.all(people.map((person) => waitForMail(baselineSubject(title), person)));
  });

  it('reminds once, halfway through the window, with a new secret, only those whose link is unspent', async () => {
    const { id, title, people } = await plannedProgramme(3, 3 * DAY_MS);
    const [waiting, answered, alsoWaiting] = people as [Person, Person, Person];
    await runSweep();
    const [baseline] = await requests(id);
    const firstMail = await waitForMail(baselineSubject(title), waiting);
    expect((await runSweep()).reminders).toBe(0);

    await fixtures.query(tenantId, "UPDATE outcome_request SET opens_at = now() - interval '4 days', remind_at = now() - interval '1 minute' WHERE tenant_id = $1 AND id = $2", [
      tenantId,
      baseline!.id,
    ]);
    await fixtures.query(tenantId, "UPDATE outcome_link SET created_at = now() - interval '4 days' WHERE tenant_id = $1 AND request_id = $2", [tenantId, baseline!.id]);
    await fixtures.query(
      tenantId,
      'DELETE FROM outcome_link_unspent u USING outcome_link l WHERE u.tenant_id = $1 AND l.tenant_id = u.tenant_id AND l.id = u.link_id AND l.request_id = $2 AND l.user_id = $3',
      [tenantId, baseline!.id, answered.id],
    );

    const outcomes = await Promise.all([runSweep(0), runSweep(1), runSweep(0)]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.reminders, 0)).toBe(2);
    const stored = await links(baseline!.id);
    for (const person of [waiting, alsoWaiting]) {
      const mail = await waitForMail(reminderSubject(title), person);
      expect(mail.text).toContain('This new link replaces the one in our first email, which no longer works.');
      expect(stored.find((link) => link.user_id === person.id)!.token_hash.equals(sha256(linkIn(mail)!))).toBe(true);
    }
    expect(stored.find((link) => link.user_id === waiting.id)!.token_hash.equals(sha256(linkIn(firstMail)!))).toBe(false);
    expect(mailsFor(reminderSubject(title), answered)).toEqual([]);
    expect((await runSweep()).reminders).toBe(0);
    expect(await fixtures.outboxRecipients(tenantId, reminderSubject(title))).toEqual([waiting.email, alsoWaiting.email].sort());
  });

  it('sends exactly one email per person when two workers sweep at the same moment', async () => {
    const programmes = [await plannedProgramme(3, 2 * DAY_MS), await plannedProgramme(2, 4 * DAY_MS)];
    const outcomes = await Promise.all([runSweep(0), runSweep(1), runSweep(0), runSweep(1)]);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.opened, 0)).toBe(2);
    expect(outcomes.reduce((sum, outcome) => sum + outcome.links, 0)).toBe(5);
    for (const programme of programmes) {
      await Promise.all(programme.people.map((person) => waitForMail(baselineSubject(programme.title), person)));
      for (const person of programme.people) expect(mailsFor(baselineSubject(programme.title), person)).toHaveLength(1);
      expect(await fixtures.outboxRecipients(tenantId, baselineSubject(programme.title))).toEqual(programme.people.map((person) => person.email).sort());
    }
  });

  it('sends the links from the database after Redis lost every job, through the recurring sweep’s fan-out', async () => {
    await Promise.all(workers.map((worker) => worker.close()));
    await deleteQueueKeys(prefix);
    const { title, people } = await plannedProgramme(1, 3 * DAY_MS);
    workers = [await start(), await start()];
    jobCounter += 1;
    await workers[1]!.queues.enqueue(Jobs.sweepOutcomes, {}, { jobId: `outcomes-sweep-after-flush-${jobCounter}` });
    await waitForMail(baselineSubject(title), people[0]!);
    expect(await fixtures.outboxRecipients(tenantId, baselineSubject(title))).toEqual([people[0]!.email]);
  });

  it("carries ids only in the outcomes queue's job payloads and logs: no address, name or link secret", async () => {
    const { title, people } = await plannedProgramme(2, 3 * DAY_MS);
    await runSweep();
    const secrets = (await Promise.all(people.map((person) => waitForMail(baselineSubject(title), person)))).map((mail) => linkIn(mail)!);
    const jobs = await workers[0]!.queues.queue(QueueName.outcomes).getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      // Ids only: the organisation's, and a programme's for the rollup refresh the queue also carries.
      expect(Object.keys(job.data as object).every((field) => field === 'tenantId' || field === 'programmeId')).toBe(true);
      const stored = JSON.stringify({ data: job.data, returnvalue: job.returnvalue as unknown });
      for (const person of people) for (const leak of [person.email, person.name, person.id]) expect(stored).not.toContain(leak);
      for (const secret of secrets) expect(stored).not.toContain(secret);
    }
    const captured = logs.lines().map((line) => JSON.stringify(line));
    expect(captured.some((line) => line.includes(Jobs.sweepTenantOutcomes.name))).toBe(true);
    for (const line of captured) {
      for (const person of people) for (const leak of [person.email, person.name]) expect(line).not.toContain(leak);
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
  });
});
