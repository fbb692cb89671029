import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { Jobs, programmeExpansionJobId, QueueName } from '@lena/jobs';
import { startSmtpCapture, type CapturedMessage, type SmtpCapture } from '@lena/test-services';
import { Job, type QueueEvents } from 'bullmq';
import ICAL from 'ical.js';
import { startWorker, type WorkerHandle } from '../src';
import { listenToQueue } from './support/queue-events';
import { SchedulingFixtures, type Person } from './support/scheduling-fixtures';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

const londonTime = (instant: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'medium', timeStyle: 'short' }).format(instant);

const DAY_MS = 24 * 60 * 60 * 1000;

/** The Wednesday eleven days before the last Sunday of March in `year`, when London's clocks go forward. */
function springWednesdayOf(year: number): number {
  const march31 = Date.UTC(year, 2, 31);
  return march31 - new Date(march31).getUTCDay() * DAY_MS - 11 * DAY_MS;
}

/**
 * The spring series' first Wednesday, in the first spring still a fortnight or more away: reminders
 * are planned only while they are to come, so a fixed year would have lost them once its March began.
 */
const THIS_YEAR = new Date().getUTCFullYear();
const SPRING = springWednesdayOf(THIS_YEAR) > Date.now() + 14 * DAY_MS ? springWednesdayOf(THIS_YEAR) : springWednesdayOf(THIS_YEAR + 1);

/** `days` after SPRING at `time` London time, as an instant: GMT until the clocks go forward 11 days in, then BST. */
function spring(days: number, time: string, minutesBefore = 0): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(SPRING + days * DAY_MS + ((days > 11 ? hours - 1 : hours) * 60 + minutes - minutesBefore) * 60_000).toISOString();
}

/** The day `days` after SPRING as londonTime shows it ("17 Mar 2027") and as the emails name it ("Wednesday 17 March 2027"). */
const springDay = (days: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date(SPRING + days * DAY_MS));
function springDayInFull(days: number): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(
    new Date(SPRING + days * DAY_MS),
  );
  const part = (type: string) => parts.find((entry) => entry.type === type)!.value;
  // Put together from its parts, as ICU versions differ on the comma.
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** A weekly 10:00 London series across the clocks going forward. */
const SPRING_SERIES = { rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=4', startLocal: `${new Date(SPRING).toISOString().slice(0, 10)}T10:00:00`, timeZone: 'Europe/London', sessionCount: 4 };

/** A weekly series in UTC whose first session is `days` from now (negative: in the past), at the next whole hour. */
function weeklyFrom(days: number, count = 3) {
  const start = new Date(Math.ceil((Date.now() + days * DAY_MS) / 3_600_000) * 3_600_000);
  return { rrule: `FREQ=WEEKLY;COUNT=${count}`, startLocal: start.toISOString().slice(0, 19), timeZone: 'UTC', sessionCount: count };
}

// The worker as it runs in production (two of them, for the races), against real PostgreSQL, Redis and SMTP.
describe('series expansion', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let worker: WorkerHandle;
  let secondWorker: WorkerHandle;
  let fixtures: SchedulingFixtures;
  let events: QueueEvents;
  let tenantId: string;

  const env = () => workerEnv(database, prefix, { SMTP_URL: smtp.url });

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    smtp = await startSmtpCapture();
    // No recurring sweeps: the tests run the organisation's sweep themselves and count what it did, and
    // a scheduled sweep (every minute) landing between their steps would have done that work first.
    worker = await startWorker(env(), { config: { retry: { backoffDelayMs: 50 }, recurringJobs: false }, logger: false });
    secondWorker = await startWorker(env(), { config: { retry: { backoffDelayMs: 50 }, recurringJobs: false }, logger: false });
    fixtures = await SchedulingFixtures.connect(database.ownerUrl);
    events = await listenToQueue(QueueName.scheduling, { redisUrl: testRedisUrl(), prefix });
    tenantId = await fixtures.tenant();
  });

  afterAll(async () => {
    await events?.close();
    await worker?.close();
    await secondWorker?.close();
    await fixtures?.close();
    await smtp?.close();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  async function finished(jobId: string): Promise<unknown> {
    const job = await Job.fromId(worker.queues.queue(QueueName.scheduling), jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    return job.waitUntilFinished(events, 15_000);
  }

  async function invitationsTo(people: Person[]): Promise<CapturedMessage[]> {
    return Promise.all(people.map((person) => smtp.waitForMessage((mail) => mail.to.includes(person.email) && mail.subject.startsWith('Your sessions for'))));
  }

  it('expands an accepted programme into sessions at 10:00 London across the clock change, with their reminders, and leaves it accepted', async () => {
    const programme = await fixtures.programme(tenantId, SPRING_SERIES);
    await worker.queues.enqueueProgrammeExpansion(tenantId, programme.id);
    expect(await finished(programmeExpansionJobId(programme.id))).toEqual({ outcome: 'expanded', sessions: 4, invited: 0 });

    const sessions = await fixtures.sessions(tenantId, programme.id);
    expect(sessions.map((session) => session.sequence)).toEqual([1, 2, 3, 4]);
    expect(sessions.map((session) => londonTime(session.starts_at))).toEqual([0, 7, 14, 21].map((days) => `${springDay(days)}, 10:00`));
    expect(sessions.map((session) => session.starts_at.toISOString())).toEqual([spring(0, '10:00'), spring(7, '10:00'), spring(14, '10:00'), spring(21, '10:00')]);
    expect(sessions.every((session) => session.ends_at.getTime() - session.starts_at.getTime() === 90 * 60_000)).toBe(true);

    // The organisation's default reminders: a day and an hour before each session.
    const reminders = await fixtures.reminders(tenantId, sessions[2]!.id);
    expect(reminders.map((reminder) => [reminder.offset_minutes, reminder.due_at.toISOString(), reminder.sent_at])).toEqual([
      [1440, spring(14, '10:00', 1440), null],
      [60, spring(14, '10:00', 60), null],
    ]);

    const [row] = await fixtures.query<{ status: string; sessions_expanded_at: Date | null }>(tenantId, 'SELECT status, sessions_expanded_at FROM programme WHERE id = $1', [
      programme.id,
    ]);
    expect(row).toEqual({ status: 'ACCEPTED', sessions_expanded_at: expect.any(Date) });
  });

  it('invites each participant and facilitator with a calendar file of their own that names nobody else', async () => {
    const [facilitator, ada, ben] = [await fixtures.facilitator(), await fixtures.participant(tenantId), await fixtures.participant(tenantId)];
    const programme = await fixtures.programme(tenantId, SPRING_SERIES, { facilitators: [facilitator], participants: [ada, ben] });
    await worker.queues.enqueueProgrammeExpansion(tenantId, programme.id);
    expect(await finished(programmeExpansionJobId(programme.id))).toMatchObject({ outcome: 'expanded', invited: 3 });
    const sessions = await fixtures.sessions(tenantId, programme.id);

    const everyone = [facilitator, ada, ben];
    const mails = await invitationsTo(everyone);
    for (const [index, mail] of mails.entries()) {
      const recipient = everyone[index]!;
      expect(mail.to).toEqual([recipient.email]);
      expect(mail.text).toContain(`${springDayInFull(14)} at 10:00 (Europe/London)`);
      const ics = mail.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
      expect(ics).toBeDefined();
      const content = ics!.content.toString('utf8');

      // Parsed back with ical.js, an independent parser.
      const calendar = new ICAL.Component(ICAL.parse(content));
      expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
      const vevents = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
      expect(vevents.map((event) => event.uid)).toEqual(sessions.map((session) => `${session.id}@lena`));
      expect(vevents.map((event) => event.sequence)).toEqual([0, 0, 0, 0]);
      expect(vevents.map((event) => event.startDate.toJSDate().toISOString())).toEqual(sessions.map((session) => session.starts_at.toISOString()));
      expect(vevents.map((event) => londonTime(event.startDate.toJSDate()).slice(-5))).toEqual(['10:00', '10:00', '10:00', '10:00']);
      for (const vevent of calendar.getAllSubcomponents('vevent')) {
        expect(vevent.getAllProperties('attendee').map((attendee) => String(attendee.getFirstValue()).toLowerCase())).toEqual([`mailto:${recipient.email}`]);
      }

      // Nobody else's name or address, anywhere in the message.
      const whole = [mail.subject, mail.text, mail.html, content, JSON.stringify(mail.headers)].join('\n');
      for (const other of everyone.filter((person) => person !== recipient && person !== facilitator)) {
        expect(whole).not.toContain(other.email);
        expect(whole).not.toContain(other.name);
      }
      if (recipient !== facilitator) expect(whole).not.toContain(facilitator.email);
    }
  });

  it('invites someone enrolled after the sessions were written, once, to the sessions still to come, and nobody twice', async () => {
    const [facilitator, early] = [await fixtures.facilitator(), await fixtures.participant(tenantId)];
    const programme = await fixtures.programme(tenantId, SPRING_SERIES, { facilitators: [facilitator], participants: [early] });
    await worker.queues.enqueueProgrammeExpansion(tenantId, programme.id);
    expect(await finished(programmeExpansionJobId(programme.id))).toMatchObject({ outcome: 'expanded', invited: 2 });
    await invitationsTo([facilitator, early]);

    // Enrolled once the sessions exist, as people are after an organisation accepts.
    const late = await fixtures.participant(tenantId);
    await fixtures.query(tenantId, 'INSERT INTO enrolment (tenant_id, programme_id, user_id) VALUES ($1, $2, $3)', [tenantId, programme.id, late.id]);
    const sweep = async (suffix: string) => finished(await worker.queues.enqueue(Jobs.sweepTenantScheduling, { tenantId }, { jobId: `${programme.id}-${suffix}` }));
    expect(await sweep('late')).toMatchObject({ invitations: 1 });
    expect(await sweep('late-again')).toMatchObject({ invitations: 0 });

    const [mail] = await invitationsTo([late]);
    expect(mail!.to).toEqual([late.email]);
    const calendar = new ICAL.Component(ICAL.parse(mail!.attachments.find((file) => file.contentType.startsWith('text/calendar'))!.content.toString('utf8')));
    const sessions = await fixtures.sessions(tenantId, programme.id);
    expect(calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent).uid)).toEqual(sessions.map((session) => `${session.id}@lena`));
    expect([mail!.text, mail!.html].join('\n')).not.toContain(early.name);
    // The sweep's one invitation was the late joiner's: those invited at expansion were marked then.
    const invited = await fixtures.query<{ invited: boolean }>(tenantId, 'SELECT invited_at IS NOT NULL AS invited FROM enrolment WHERE programme_id = $1 ORDER BY enrolled_at', [
      programme.id,
    ]);
    expect(invited.map((row) => row.invited)).toEqual([true, true]);
  });

  it("emails each person a moved session's update and a cancelled session's cancellation, with the same UIDs and a raised SEQUENCE, once", async () => {
    const [ada, ben] = [await fixtures.participant(tenantId), await fixtures.participant(tenantId)];
    const programme = await fixtures.programme(tenantId, SPRING_SERIES, { participants: [ada, ben] });
    await worker.queues.enqueueProgrammeExpansion(tenantId, programme.id);
    await finished(programmeExpansionJobId(programme.id));
    const [, second, third] = await fixtures.sessions(tenantId, programme.id);
    // What the API's session edits do: change the session and raise its calendar_sequence.
    await fixtures.query(
      tenantId,
      "UPDATE group_session SET starts_at = starts_at + interval '2 hours', ends_at = ends_at + interval '2 hours', calendar_sequence = calendar_sequence + 1 WHERE id = $1",
      [second!.id],
    );
    await fixtures.query(
      tenantId,
      "UPDATE group_session SET status = 'CANCELLED', status_reason = 'The facilitator is unwell.', calendar_sequence = calendar_sequence + 1 WHERE id = $1",
      [third!.id],
    );

    const sweep = async (suffix: string) => finished(await worker.queues.enqueue(Jobs.sweepTenantScheduling, { tenantId }, { jobId: `${programme.id}-${suffix}` }));
    expect(await sweep('changes')).toMatchObject({ calendarUpdates: 2 });
    expect(await sweep('again')).toMatchObject({ calendarUpdates: 0 });

    for (const person of [ada, ben]) {
      const changed = await smtp.waitForMessage((mail) => mail.to.includes(person.email) && mail.subject === `Changed: ${programme.title}, session 2`);
      expect(changed.text).toContain(`is now on ${springDayInFull(7)} at 12:00 (Europe/London)`);
      const update = new ICAL.Component(ICAL.parse(changed.attachments.find((file) => file.contentType.startsWith('text/calendar'))!.content.toString('utf8')));
      expect(update.getFirstPropertyValue('method')).toBe('REQUEST');
      const [updated] = update.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
      expect([updated!.uid, updated!.sequence, updated!.startDate.toJSDate().toISOString()]).toEqual([`${second!.id}@lena`, 1, spring(7, '12:00')]);

      const cancelled = await smtp.waitForMessage((mail) => mail.to.includes(person.email) && mail.subject === `Cancelled: ${programme.title}, session 3`);
      expect(cancelled.text).toContain('Reason: The facilitator is unwell.');
      const cancellation = new ICAL.Component(ICAL.parse(cancelled.attachments.find((file) => file.contentType.startsWith('text/calendar'))!.content.toString('utf8')));
      expect(cancellation.getFirstPropertyValue('method')).toBe('CANCEL');
      const [gone] = cancellation.getAllSubcomponents('vevent');
      expect([gone!.getFirstPropertyValue('uid'), gone!.getFirstPropertyValue('sequence'), gone!.getFirstPropertyValue('status')]).toEqual([`${third!.id}@lena`, 1, 'CANCELLED']);
      for (const mail of [changed, cancelled]) {
        const other = person === ada ? ben : ada;
        const whole = [mail.subject, mail.text, mail.html, JSON.stringify(mail.headers), ...mail.attachments.map((file) => file.content.toString('utf8'))].join('\n');
        expect(whole).not.toContain(other.email);
        expect(whole).not.toContain(other.name);
      }
    }
    expect(await fixtures.outboxRecipients(tenantId, `Changed: ${programme.title}`)).toEqual([ada.email, ben.email].sort());
    expect(await fixtures.outboxRecipients(tenantId, `Cancelled: ${programme.title}`)).toEqual([ada.email, ben.email].sort());
  });

  it('expands once however often it is asked, even by two workers at the same moment', async () => {
    const [ada] = [await fixtures.participant(tenantId)];
    const programme = await fixtures.programme(tenantId, SPRING_SERIES, { participants: [ada] });
    // Distinct job ids, so BullMQ's own de-duplication does not hide a race: one job per worker.
    const ids = await Promise.all(
      ['race-1', 'race-2', 'race-3'].map((suffix) =>
        worker.queues.enqueue(Jobs.expandProgrammeSeries, { tenantId, programmeId: programme.id }, { jobId: `${programme.id}-${suffix}` }),
      ),
    );
    const outcomes = (await Promise.all(ids.map((id) => finished(id)))) as Array<{ outcome: string }>;
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['already-expanded', 'already-expanded', 'expanded']);

    expect(await fixtures.sessions(tenantId, programme.id)).toHaveLength(4);
    expect(await fixtures.outboxRecipients(tenantId, `Your sessions for ${programme.title}`)).toEqual([ada.email]);
  });

  it('finds, from the database alone, an accepted programme whose expansion job never reached Redis', async () => {
    const programme = await fixtures.programme(tenantId, { ...SPRING_SERIES, rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', startLocal: '2027-01-04T18:30:00', sessionCount: 5 });

    // What the minute-by-minute scheduler does: the platform sweep fans out one sweep per organisation.
    const sweepId = await worker.queues.enqueue(Jobs.sweepScheduling, {}, { jobId: `sweep-${programme.id}` });
    expect(await finished(sweepId)).toEqual({ organisations: 1 });
    expect(await finished(`sweep-tenant-scheduling-${tenantId}-${sweepId}`)).toMatchObject({ expansions: expect.any(Number) });
    expect(await finished(programmeExpansionJobId(programme.id))).toMatchObject({ outcome: 'expanded', sessions: 5 });
    const sessions = await fixtures.sessions(tenantId, programme.id);
    expect(sessions.map((session) => londonTime(session.starts_at))).toEqual([
      '4 Jan 2027, 18:30',
      '7 Jan 2027, 18:30',
      '11 Jan 2027, 18:30',
      '14 Jan 2027, 18:30',
      '18 Jan 2027, 18:30',
    ]);
  });

  it('re-plans the reminders of every session still to come when the organisation changes its setting, and only inside that organisation', async () => {
    const otherTenant = await fixtures.tenant();
    const programme = await fixtures.programme(otherTenant, SPRING_SERIES);
    await worker.queues.enqueueProgrammeExpansion(otherTenant, programme.id);
    await finished(programmeExpansionJobId(programme.id));
    const [first] = await fixtures.sessions(otherTenant, programme.id);
    await fixtures.query(otherTenant, 'UPDATE session_reminder SET sent_at = now() WHERE tenant_id = $1 AND session_id = $2 AND offset_minutes = 1440', [otherTenant, first!.id]);

    await expect(fixtures.query(null, 'UPDATE tenant SET reminder_offsets_minutes = $2 WHERE id = $1', [otherTenant, [1440, 30]])).rejects.toThrow(/in its own unit of work/);
    await expect(fixtures.query(tenantId, 'UPDATE tenant SET reminder_offsets_minutes = $2 WHERE id = $1', [otherTenant, [1440, 30]])).rejects.toThrow(/in its own unit of work/);
    await fixtures.query(otherTenant, 'UPDATE tenant SET reminder_offsets_minutes = $2 WHERE id = $1', [otherTenant, [1440, 30]]);

    // The day-ahead reminder already sent stays sent (never twice); the hour-ahead one becomes half an hour.
    const reminders = await fixtures.reminders(otherTenant, first!.id);
    expect(reminders.map((reminder) => [reminder.offset_minutes, reminder.due_at.toISOString(), reminder.sent_at !== null])).toEqual([
      [1440, spring(0, '10:00', 1440), true],
      [30, spring(0, '10:00', 30), false],
    ]);
    const [{ count }] = (await fixtures.query<{ count: number }>(otherTenant, 'SELECT count(*)::int AS count FROM session_reminder WHERE tenant_id = $1 AND offset_minutes = 60', [
      otherTenant,
    ])) as [{ count: number }];
    expect(count).toBe(0);
  });

  it('gives up at once on a stored series that can never be expanded, writing nothing and leaving the programme waiting', async () => {
    const programme = await fixtures.programme(tenantId, { ...SPRING_SERIES, rrule: 'FREQ=FORTNIGHTLY' });
    await worker.queues.enqueueProgrammeExpansion(tenantId, programme.id);
    await expect(finished(programmeExpansionJobId(programme.id))).rejects.toThrow(/FREQ|rule/i);
    const job = await Job.fromId(worker.queues.queue(QueueName.scheduling), programmeExpansionJobId(programme.id));
    expect(job!.attemptsMade).toBe(1);
    expect(await fixtures.sessions(tenantId, programme.id)).toEqual([]);
    const [row] = await fixtures.query<{ sessions_expanded_at: Date | null }>(tenantId, 'SELECT sessions_expanded_at FROM programme WHERE id = $1', [programme.id]);
    expect(row).toEqual({ sessions_expanded_at: null });
  });

  it('leaves a programme that is not accepted alone', async () => {
    const programme = await fixtures.programme(tenantId, SPRING_SERIES, { status: 'PROPOSED' });
    await worker.queues.enqueueProgrammeExpansion(tenantId, programme.id);
    expect(await finished(programmeExpansionJobId(programme.id))).toEqual({ outcome: 'not-accepted', status: 'PROPOSED' });
    expect(await fixtures.sessions(tenantId, programme.id)).toEqual([]);
  });

  // Programmes move on by themselves as their sessions are held: the organisation's sweep.
  describe('programmes moving on', () => {
    let progressTenantId: string;
    let sweeps = 0;

    beforeAll(async () => {
      progressTenantId = await fixtures.tenant();
    });

    async function expanded(series: ReturnType<typeof weeklyFrom>): Promise<string> {
      const programme = await fixtures.programme(progressTenantId, series);
      await worker.queues.enqueueProgrammeExpansion(progressTenantId, programme.id);
      await finished(programmeExpansionJobId(programme.id));
      return programme.id;
    }

    const sweep = async () => finished(await worker.queues.enqueue(Jobs.sweepTenantScheduling, { tenantId: progressTenantId }, { jobId: `progress-${++sweeps}` }));
    const statusOf = async (programmeId: string) =>
      (await fixtures.query<{ status: string; version: number }>(progressTenantId, 'SELECT status, version FROM programme WHERE id = $1', [programmeId]))[0];
    const audited = async (programmeId: string) =>
      (
        await fixtures.query<{ action: string; actor_user_id: string | null; detail: Record<string, unknown> }>(
          null,
          `SELECT action, actor_user_id, detail FROM audit_event WHERE target_type = 'programme' AND target_id = $1 ORDER BY id`,
          [programmeId],
        )
      ).map((row) => [row.action, row.actor_user_id, row.detail.from, row.detail.to]);

    it('becomes active once its first session has begun, and completed once its last has ended, each audited as the system’s step, once', async () => {
      const running = await expanded(weeklyFrom(-8));
      const finishedProgramme = await expanded(weeklyFrom(-30));
      const toCome = await expanded(weeklyFrom(3));
      const before = await statusOf(running);

      expect(await sweep()).toMatchObject({ activated: 2, completed: 1 });
      expect(await statusOf(running)).toEqual({ status: 'ACTIVE', version: before!.version + 1 });
      expect((await statusOf(finishedProgramme))?.status).toBe('COMPLETED');
      expect((await statusOf(toCome))?.status).toBe('ACCEPTED');
      expect(await audited(running)).toEqual([['PROGRAMME_ACTIVATED', null, 'ACCEPTED', 'ACTIVE']]);
      expect(await audited(finishedProgramme)).toEqual([
        ['PROGRAMME_ACTIVATED', null, 'ACCEPTED', 'ACTIVE'],
        ['PROGRAMME_COMPLETED', null, 'ACTIVE', 'COMPLETED'],
      ]);

      // Nothing more is due: a second sweep changes nothing and audits nothing.
      expect(await sweep()).toMatchObject({ activated: 0, completed: 0 });
      expect(await audited(running)).toHaveLength(1);
    });

    it('delivers the sessions that ended without being completed, audited as the system’s step, once; leaves cancelled, coming and reopened ones', async () => {
      // Three weekly sessions from 10 days ago: two have ended, one is to come.
      const programme = await expanded(weeklyFrom(-10));
      const sessions = async () =>
        fixtures.query<{ id: string; status: string; delivered: boolean; ended: boolean }>(
          progressTenantId,
          'SELECT id, status, delivered_at IS NOT NULL AS delivered, ends_at <= now() AS ended FROM group_session WHERE programme_id = $1 ORDER BY sequence',
          [programme],
        );
      const [first, second, third] = await sessions();
      // The first was cancelled: it stays cancelled.
      await fixtures.query(progressTenantId, "UPDATE group_session SET status = 'CANCELLED' WHERE id = $1", [first!.id]);

      expect(await sweep()).toMatchObject({ delivered: 1 });
      expect(await sessions()).toEqual([
        { id: first!.id, status: 'CANCELLED', delivered: false, ended: true },
        { id: second!.id, status: 'DELIVERED', delivered: true, ended: true },
        { id: third!.id, status: 'SCHEDULED', delivered: false, ended: false },
      ]);
      const deliveredAudit = async () =>
        fixtures.query<{ actor: string | null; by: string }>(
          null,
          `SELECT actor_user_id AS actor, detail->>'by' AS by FROM audit_event WHERE action = 'SESSION_DELIVERED' AND target_id = $1`,
          [second!.id],
        );
      expect(await deliveredAudit()).toEqual([{ actor: null, by: 'SYSTEM' }]);

      // Idempotent: nothing more is due.
      expect(await sweep()).toMatchObject({ delivered: 0 });
      expect(await deliveredAudit()).toHaveLength(1);

      // Reopened by its facilitator: left alone for the 48-hour window, delivered again after it.
      await fixtures.query(progressTenantId, "UPDATE group_session SET status = 'SCHEDULED', delivered_at = NULL, reopened_at = now() - interval '47 hours' WHERE id = $1", [
        second!.id,
      ]);
      expect(await sweep()).toMatchObject({ delivered: 0 });
      await fixtures.query(progressTenantId, "UPDATE group_session SET reopened_at = now() - interval '49 hours' WHERE id = $1", [second!.id]);
      expect(await sweep()).toMatchObject({ delivered: 1 });
      expect((await sessions())[1]).toMatchObject({ status: 'DELIVERED', delivered: true });
      // The programme still moved on: a delivered session counts as held.
      expect((await statusOf(programme))?.status).toBe('ACTIVE');
    });

    it('is not completed while a session is still to come, and cancelled sessions do not count as held', async () => {
      const programme = await expanded(weeklyFrom(-8));
      await sweep();
      expect((await statusOf(programme))?.status).toBe('ACTIVE');
      // The sessions still to come are cancelled: the ones held were the last.
      await fixtures.query(
        progressTenantId,
        "UPDATE group_session SET status = 'CANCELLED', calendar_sequence = calendar_sequence + 1 WHERE programme_id = $1 AND starts_at > now()",
        [programme],
      );
      await sweep();
      expect((await statusOf(programme))?.status).toBe('COMPLETED');

      // A programme whose every session was cancelled was never held, so never activated.
      const neverHeld = await expanded(weeklyFrom(-30));
      await fixtures.query(progressTenantId, "UPDATE group_session SET status = 'CANCELLED' WHERE programme_id = $1", [neverHeld]);
      await sweep();
      expect((await statusOf(neverHeld))?.status).toBe('ACCEPTED');
    });
  });
});
