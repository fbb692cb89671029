import { DEFAULT_SESSION_FEEDBACK, type ScaleItem } from '@lena/domain';
import { Jobs, QueueName } from '@lena/jobs';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import type { Locator, Page } from 'playwright-core';
import { accessibilityViolations } from './support/accessibility';
import { DEMO_PASSWORD, openBrowser, PHONE, screenshot, settled } from './support/browser';
import { startStack, type Stack } from './support/stack';

const TITLE = 'Case supervision for the duty desk';
const SUBJECT = `How was ${TITLE}? Your feedback`;
const SCALES = DEFAULT_SESSION_FEEDBACK.items.filter((item): item is ScaleItem => item.kind === 'SCALE');

/** Who is in the group, how the facilitator marks them, and whether they answer by email. */
const GROUP = [
  { name: 'Aisha Rahman', email: 'aisha@northshire-cp.test', mark: 'Present', answers: true },
  { name: 'Grace Owusu', email: 'grace@northshire-cp.test', mark: 'Present', answers: true },
  { name: 'Li Wei', email: 'li@northshire-cp.test', mark: 'Present', answers: true },
  { name: 'Priya Shah', email: 'priya@northshire-cp.test', mark: 'Present', answers: true },
  { name: 'Tom Fletcher', email: 'tom@northshire-cp.test', mark: 'Joined late', answers: true },
  { name: 'Sam Taylor', email: 'sam@northshire-cp.test', mark: 'Present', answers: false },
  { name: 'Owen Price', email: 'owen@northshire-cp.test', mark: 'Absent', answers: false },
] as const;
const ATTENDEES = GROUP.filter((person) => person.mark !== 'Absent');
const RESPONDENTS = GROUP.filter((person) => person.answers);

/**
 * Issue 8's "Done means", as the people involved meet it, with the real API, worker, Redis,
 * PostgreSQL and SMTP: the facilitator takes the register (six attend, one is absent) and writes
 * notes, and completes the session; each attendee gets exactly one feedback email and the absent
 * person none; five answer on a phone; until the fifth answer the facilitator's and the org
 * admin's programme pages show the API's "Fewer than 5 responses" and no figure, and once the
 * worker has processed the fifth answer's job both show the aggregates; a link already spent is
 * refused with a page that says so, and its answers are not counted. Along the way each screen
 * is checked with axe-core against WCAG 2.2 AA: the participant's home with "Feedback to give",
 * the feedback page on a phone (form, problems, thanks, refused), and the programme pages'
 * feedback section, withheld and shown.
 */
describe('session delivered, feedback collected, results shown only from five answers', () => {
  let stack: Stack;
  let owner: Client;
  let seeded: { tenantId: string; programmeId: string; sessionId: string };
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    stack = await startStack();
    owner = new Client({ connectionString: stack.database.ownerUrl });
    await owner.connect();
    seeded = await sessionUnderWay(owner);
    const redis = new URL(stack.redisUrl);
    const connection = { host: redis.hostname, port: Number(redis.port || 6379) };
    queue = new Queue(QueueName.feedback, { connection, prefix: stack.queuePrefix });
    events = new QueueEvents(QueueName.feedback, { connection, prefix: stack.queuePrefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    await owner?.end();
    await stack?.stop();
  });

  /** axe-core at desktop width and at a phone's; the page is left at `width` afterwards. */
  async function audit(page: Page, screen: string, widths = [1280, 375]): Promise<string[]> {
    const found: string[] = [];
    for (const width of widths) {
      await page.setViewportSize({ width, height: width === 375 ? 667 : 900 });
      found.push(...(await accessibilityViolations(page)).map((violation) => `${screen} at ${width}px: ${violation}`));
    }
    await page.setViewportSize({ width: widths[0]!, height: widths[0] === 375 ? 667 : 900 });
    return found;
  }

  async function signIn(page: Page, portalUrl: string, email: string): Promise<void> {
    await page.goto(`${portalUrl}/login`);
    await settled(page);
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).first().waitFor();
  }

  /** The programme page's Feedback section, freshly loaded. */
  async function feedbackSection(page: Page, portalUrl: string): Promise<Locator> {
    await page.goto(`${portalUrl}/programmes/${seeded.programmeId}`);
    await settled(page);
    const section = page.getByRole('region', { name: 'Feedback', exact: true });
    await section.getByRole('heading', { name: 'The whole programme' }).waitFor();
    return section;
  }

  /** The section says the API's words for withheld figures, and shows no figure at all. */
  async function expectWithheld(section: Locator): Promise<void> {
    const text = await section.innerText();
    expect(text).toContain('Fewer than 5 responses');
    expect(text).not.toMatch(/Average|\d+ responses\.|out of 5/);
    expect(await section.getByRole('table').count()).toBe(0);
  }

  /**
   * Reloads the section until it shows figures: the worker has processed the fifth answer's job
   * by now, but whether the results are computed on read or published by the worker is not this
   * test's business. Fails after a few reloads.
   */
  async function figuresShown(page: Page, portalUrl: string): Promise<Locator> {
    for (let attempt = 1; ; attempt += 1) {
      const section = await feedbackSection(page, portalUrl);
      const shown = await section
        .getByText('5 responses.', { exact: true })
        .first()
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) return section;
      if (attempt === 5) throw new Error(`No figures on ${portalUrl}'s programme page after the fifth answer: ${await section.innerText()}`);
    }
  }

  /** Counts the feedback queue's completed jobs whose payload names `requestId`, as they complete. */
  function processedJobsOf(requestId: string): { until(count: number, timeoutMs?: number): Promise<void> } {
    let processed = 0;
    const waiting: Array<{ count: number; resolve(): void }> = [];
    events.on('completed', ({ jobId }) => {
      void Job.fromId(queue, jobId).then((job) => {
        if ((job?.data as { requestId?: string } | undefined)?.requestId !== requestId) return;
        processed += 1;
        for (const waiter of waiting.filter((entry) => entry.count <= processed)) waiter.resolve();
      });
    });
    return {
      until: (count, timeoutMs = 60_000) =>
        new Promise<void>((resolve, reject) => {
          if (processed >= count) return resolve();
          const timer = setTimeout(() => reject(new Error(`Only ${processed} of ${count} jobs for feedback request ${requestId} were processed`)), timeoutMs);
          waiting.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
        }),
    };
  }

  /** Answers the form on a phone by touch: person `index` chooses the `index`-th point of every scale. */
  async function answer(page: Page, index: number): Promise<void> {
    for (const item of SCALES) {
      await page.getByRole('group', { name: item.prompt }).getByText(item.options[index]!.label, { exact: true }).tap();
    }
    await page.getByLabel('What will you take away from this session?').fill(`Answer ${index + 1}: a pause before the next call.`);
    await page.getByRole('button', { name: 'Send feedback' }).tap();
    await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
  }

  async function storedResponses(): Promise<number> {
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback_response r JOIN feedback_request q ON q.tenant_id = r.tenant_id AND q.id = r.request_id WHERE q.session_id = $1`,
      [seeded.sessionId],
    );
    return rows[0]!.n;
  }

  it('from the register to the aggregates, and a spent link refused', async () => {
    const facilitator = await openBrowser();
    const orgAdmin = await openBrowser();
    try {
      // --- The facilitator takes the register, writes notes and completes the session. ---------
      const desk = await facilitator.context.newPage();
      await signIn(desk, stack.facilitatorPortalUrl, 'amira.facilitator@lena.test');
      await desk.goto(`${stack.facilitatorPortalUrl}/sessions/${seeded.sessionId}`);
      await desk.getByRole('heading', { level: 1, name: `${TITLE}: session 1` }).waitFor();
      await settled(desk);
      for (const person of GROUP) {
        const row = desk.getByRole('group', { name: new RegExp(person.name) });
        await row.getByRole('button', { name: person.mark }).click();
        await row.getByRole('button', { name: person.mark, pressed: true }).waitFor();
      }
      await desk.getByText('Everyone is marked.').waitFor();
      await desk.getByLabel('Case summaries').fill('A handover on the duty desk that went wrong, and what the team carried home from it.');
      await desk.getByRole('button', { name: 'Check and save notes' }).click();
      await desk.getByText('The notes have been saved.').waitFor();
      await desk.getByRole('button', { name: 'Complete session' }).click();
      await desk.getByRole('dialog', { name: 'Complete this session?' }).getByRole('button', { name: 'Yes, complete session' }).click();
      await desk.getByRole('button', { name: 'Reopen session' }).waitFor();

      // --- The worker emails each attendee one link, and the absent person nothing. -------------
      const emails = await Promise.all(ATTENDEES.map((person) => stack.mail.waitForMessage((message) => message.subject === SUBJECT && message.to.includes(person.email), 60_000)));
      const { rows: requests } = await owner.query<{ id: string }>('SELECT id FROM feedback_request WHERE session_id = $1', [seeded.sessionId]);
      expect(requests).toHaveLength(1);
      const requestId = requests[0]!.id;
      // Another sweep of the organisation (as every minute, or a retry) sends nothing more.
      const sweep = await queue.add(Jobs.sweepTenantFeedback.name, { tenantId: seeded.tenantId });
      await sweep.waitUntilFinished(events, 30_000);
      const { rows: queued } = await owner.query<{ to: string; emails: number }>(
        `SELECT payload->>'to' AS to, count(*)::int AS emails FROM outbox_message WHERE payload->>'subject' = $1 GROUP BY 1 ORDER BY 1`,
        [SUBJECT],
      );
      expect(queued).toEqual(ATTENDEES.map((person) => ({ to: person.email, emails: 1 })).sort((a, b) => a.to.localeCompare(b.to)));
      const received = stack.mail.messages.filter((message) => message.subject === SUBJECT);
      expect(received.map((message) => message.to).sort()).toEqual(ATTENDEES.map((person) => [person.email]).sort());
      const linkOf = (email: string): string => {
        const message = emails.find((candidate) => candidate.to.includes(email))!;
        const link = message.links.find((candidate) => candidate.startsWith(`${stack.clientPortalUrl}/feedback.html#`));
        if (!link) throw new Error(`No feedback link in the email to ${email}: ${message.text}`);
        return link;
      };

      // --- Nobody has answered: both programme pages withhold every figure. ---------------------
      const facilitatorPage = await facilitator.context.newPage();
      const adminPage = await orgAdmin.context.newPage();
      await signIn(adminPage, stack.clientPortalUrl, 'coordinator@northshire-cp.test');
      await expectWithheld(await feedbackSection(facilitatorPage, stack.facilitatorPortalUrl));
      expect(await audit(facilitatorPage, 'facilitator programme page, figures withheld')).toEqual([]);
      await expectWithheld(await feedbackSection(adminPage, stack.clientPortalUrl));
      expect(await audit(adminPage, 'org admin programme page, figures withheld')).toEqual([]);

      // --- The participant who has not answered sees the session in "Feedback to give". --------
      const sam = await openBrowser();
      try {
        const home = await sam.context.newPage();
        await signIn(home, stack.clientPortalUrl, 'sam@northshire-cp.test');
        await settled(home);
        const toGive = home.getByRole('region', { name: 'Feedback to give' });
        await toGive.getByText(`${TITLE}, session 1 of 6`).waitFor();
        expect(await audit(home, 'participant home with feedback to give')).toEqual([]);
      } finally {
        await sam.close();
      }

      // --- Five answer on a phone; the first one's link is also open on a second phone. --------
      const processed = processedJobsOf(requestId);
      const secondPhone = await openBrowser(PHONE);
      try {
        const stale = await secondPhone.context.newPage();
        await stale.goto(linkOf(RESPONDENTS[0]!.email));
        await stale.getByRole('heading', { level: 1, name: 'How was this session for you?' }).waitFor();

        for (const [index, person] of RESPONDENTS.entries()) {
          const phone = await openBrowser(PHONE);
          try {
            const page = await phone.context.newPage();
            await page.goto(linkOf(person.email));
            await page.getByRole('heading', { level: 1, name: 'How was this session for you?' }).waitFor();
            if (index === 0) {
              expect(await audit(page, 'feedback form', [375])).toEqual([]);
              // Sent with nothing answered: the problems, each linked to its question.
              await page.getByRole('button', { name: 'Send feedback' }).tap();
              await page.getByRole('alert').getByText('There is a problem').waitFor();
              expect(await audit(page, 'feedback form with problems', [375])).toEqual([]);
            }
            if (index === RESPONDENTS.length - 1) {
              // Four answers in (and their jobs processed): still no figure anywhere.
              await processed.until(4);
              expect(await storedResponses()).toBe(4);
              await expectWithheld(await feedbackSection(facilitatorPage, stack.facilitatorPortalUrl));
              await expectWithheld(await feedbackSection(adminPage, stack.clientPortalUrl));
            }
            await answer(page, index);
            if (index === 0) {
              expect(await audit(page, 'feedback thanks', [375])).toEqual([]);
              await screenshot(page, 'feedback-done-thanks-phone');
            }
          } finally {
            await phone.close();
          }
        }

        // --- The fifth answer's job processed: both see the aggregates. --------------------------
        await processed.until(5);
        expect(await storedResponses()).toBe(5);
        for (const [who, page, portalUrl] of [
          ['facilitator', facilitatorPage, stack.facilitatorPortalUrl],
          ['org admin', adminPage, stack.clientPortalUrl],
        ] as const) {
          const section = await figuresShown(page, portalUrl);
          // Everyone chose a different point of each scale (1 to 5): an average of 3, one person per answer.
          expect(await section.getByText('Average 3.00 out of 5, from 5 answers.').count()).toBe(SCALES.length * 2);
          const table = section.getByRole('table', { name: `The whole programme: ${SCALES[0]!.prompt}` });
          expect(await table.getByRole('row').allInnerTexts()).toEqual(['Answer\tPeople', ...SCALES[0]!.options.map((option) => `${option.label}\t1`)]);
          // Comments need ten people: still withheld.
          expect(await section.innerText()).toContain('Comments: Fewer than 10 responses');
          expect(await audit(page, `${who} programme page, figures shown`)).toEqual([]);
          await screenshot(page, `feedback-done-results-${who.replace(' ', '-')}`);
        }

        // --- A sixth attempt, with a link already spent, is refused and not counted. ------------
        for (const item of SCALES) await stale.getByRole('group', { name: item.prompt }).getByText(item.options[4]!.label, { exact: true }).tap();
        await stale.getByRole('button', { name: 'Send feedback' }).tap();
        await stale.getByRole('heading', { level: 1, name: 'You have already given feedback' }).waitFor();
        await stale.getByText('Each link can be used once, so your answers are counted once.').waitFor();
        expect(await audit(stale, 'feedback refused: link already used', [375])).toEqual([]);
        await screenshot(stale, 'feedback-done-refused-phone');
        await stale.reload();
        await stale.getByRole('heading', { level: 1, name: 'You have already given feedback' }).waitFor();
      } finally {
        await secondPhone.close();
      }
      expect(await storedResponses()).toBe(5);
      const section = await feedbackSection(adminPage, stack.clientPortalUrl);
      expect(await section.getByText('5 responses.', { exact: true }).count()).toBe(2);
    } finally {
      await facilitator.close();
      await orgAdmin.close();
    }
  }, 600_000);
});

/**
 * Amira leads a GTS programme of Northshire's with seven people enrolled (the demo's five and two
 * more, who sign in with the demo password too), and its first session began twenty minutes ago.
 */
async function sessionUnderWay(owner: Client): Promise<{ tenantId: string; programmeId: string; sessionId: string }> {
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await owner.query(sql, params)).rows[0] as T;
  const { id: tenantId } = await one<{ id: string }>(`SELECT id FROM tenant WHERE slug = 'northshire-cp'`);
  const { id: amira } = await one<{ id: string }>(`SELECT id FROM user_account WHERE email = 'amira.facilitator@lena.test'`);
  for (const person of GROUP) {
    await owner.query(
      `WITH person AS (
         INSERT INTO user_account (email, display_name, password_hash)
         SELECT $1, $2, password_hash FROM user_account WHERE email = 'sam@northshire-cp.test'
         ON CONFLICT (email) DO NOTHING RETURNING id)
       INSERT INTO tenant_membership (tenant_id, user_id, role) SELECT $3, id, 'PARTICIPANT' FROM person`,
      [person.email, person.name, tenantId],
    );
  }
  const { id: programmeId } = await one<{ id: string }>(
    `INSERT INTO programme (tenant_id, team_id, service_type, title, status, session_count, rrule, start_local, time_zone, video_link)
     SELECT $1, id, 'GTS', $2, 'ACTIVE', 6, 'FREQ=WEEKLY;COUNT=6', '2027-01-04T10:00:00', 'Europe/London', 'https://meet.example.org/lena'
       FROM team WHERE tenant_id = $1 ORDER BY name LIMIT 1 RETURNING id`,
    [tenantId, TITLE],
  );
  await owner.query(`INSERT INTO programme_facilitator (tenant_id, programme_id, user_id, role) VALUES ($1, $2, $3, 'LEAD')`, [tenantId, programmeId, amira]);
  await owner.query(
    `INSERT INTO enrolment (tenant_id, programme_id, user_id, enrolled_at, invited_at)
     SELECT $1, $2, id, now() - interval '7 days', now() - interval '7 days' FROM user_account WHERE email = ANY($3::text[])`,
    [tenantId, programmeId, GROUP.map((person) => person.email)],
  );
  const { id: sessionId } = await one<{ id: string }>(
    `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at) VALUES ($1, $2, 1, now() - interval '20 minutes', now() + interval '70 minutes') RETURNING id`,
    [tenantId, programmeId],
  );
  return { tenantId, programmeId, sessionId };
}
