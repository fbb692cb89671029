import { Client } from 'pg';
import { accessibilityViolations } from './support/accessibility';
import { DEMO_PASSWORD, screenshot, settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * A facilitator's "My sessions": sessions of two organisations in one agenda and in a week view,
 * in the browser's zone, and a private calendar address that works through the portal and stops
 * working when revoked. WCAG 2.2 AA clean on a desktop and a phone.
 */
describe('a facilitator’s sessions', () => {
  let stack: Stack;
  let sessions: { id: string; title: string; tenant: string; startsAt: Date }[];

  beforeAll(async () => {
    stack = await startStack();
    sessions = await scheduleForAmira(stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('lists sessions from both organisations, shows a week, and subscribes a calendar', async () => {
    await withPage(async (page) => {
      await page.goto(`${stack.facilitatorPortalUrl}/login`);
      await settled(page);
      await page.getByLabel('Email address', { exact: true }).fill('amira.facilitator@lena.test');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).first().waitFor();
      await page.getByRole('link', { name: 'My sessions', exact: true }).first().click();
      await page.waitForURL(/\/sessions$/);
      await settled(page);

      // The agenda: both organisations, soonest first, times in the browser's zone (Europe/London).
      const articles = page.getByRole('article');
      await articles.first().waitFor();
      // The demo seed's programmes have sessions of Amira's too: this test's own are picked out by title.
      const texts = (await articles.allTextContents()).filter((text) => sessions.some((session) => text.includes(session.title)));
      expect(texts).toHaveLength(sessions.length);
      for (const [index, session] of sessions.entries()) {
        expect(texts[index]).toContain(session.title);
        expect(texts[index]).toContain(session.tenant);
        expect(texts[index]).toContain(londonTime(session.startsAt));
      }
      expect(texts[1]).toContain('Cancelled');
      await screenshot(page, 'my-sessions-agenda');
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await accessibilityViolations(page)).toEqual([]);
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      // The week view, moved on a week if tomorrow falls in the next one.
      await page.getByRole('tab', { name: 'Week' }).click();
      const week = page.getByRole('list', { name: /^Week of / });
      await week.waitFor();
      expect(await week.locator(':scope > li').count()).toBe(7);
      if (!(await week.textContent())?.includes(sessions[0]!.title)) {
        await page.getByRole('button', { name: 'Next week' }).click();
        await page
          .getByRole('list', { name: /^Week of / })
          .getByRole('article')
          .filter({ hasText: sessions[0]!.title })
          .first()
          .waitFor();
      }
      expect(await page.getByRole('list', { name: /^Week of / }).textContent()).toContain(sessions[0]!.title);
      await page.getByRole('application', { name: /Choose a week/ }).waitFor();
      await screenshot(page, 'my-sessions-week');
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await accessibilityViolations(page)).toEqual([]);
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      // The calendar address, served through the portal's own origin.
      await page.getByRole('button', { name: 'Make a calendar address' }).click();
      const address = page.getByRole('textbox', { name: 'Calendar address' });
      await address.waitFor();
      const url = await address.inputValue();
      expect(url).toMatch(new RegExp(`^${stack.facilitatorPortalUrl}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
      const feed = await page.request.get(url);
      expect(feed.status()).toBe(200);
      expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      const body = await feed.text();
      for (const session of sessions) expect(body).toContain(`UID:${session.id}@lena`);
      expect(body).toContain('STATUS:CANCELLED');
      await screenshot(page, 'my-sessions-calendar-address');
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByRole('button', { name: 'Stop the subscription' }).click();
      const dialog = page.getByRole('dialog', { name: 'Stop your calendar subscription?' });
      await dialog.getByRole('button', { name: 'Yes, stop it' }).click();
      await page.getByText('Your calendar subscription has been stopped. The address no longer works.').waitFor();
      expect((await page.request.get(url)).status()).toBe(404);
    });
  });
});

/** "10:00" as London shows it. */
function londonTime(instant: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

/**
 * Amira leads a programme in each demo organisation, with three sessions from tomorrow (the
 * second cancelled), written straight into the database as the owner: the seed has none yet.
 */
async function scheduleForAmira(stack: Stack): Promise<{ id: string; title: string; tenant: string; startsAt: Date }[]> {
  const client = new Client({ connectionString: stack.database.ownerUrl });
  await client.connect();
  try {
    const tomorrow = new Date();
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    tomorrow.setUTCHours(10, 0, 0, 0);
    const at = (days: number, hours = 0) => new Date(tomorrow.getTime() + days * 86_400_000 + hours * 3_600_000);
    const plan = [
      { slug: 'northshire-cp', title: 'Reflective practice for the duty team', starts: [at(0), at(7)] },
      { slug: 'coastal-ambulance', title: 'Group supervision for paramedics', starts: [at(1, 4)] },
    ];
    const made: { id: string; title: string; tenant: string; startsAt: Date }[] = [];
    const {
      rows: [amira],
    } = await client.query<{ id: string }>(`SELECT id FROM user_account WHERE email = 'amira.facilitator@lena.test'`);
    for (const { slug, title, starts } of plan) {
      const {
        rows: [tenant],
      } = await client.query<{ id: string; name: string }>('SELECT id, name FROM tenant WHERE slug = $1', [slug]);
      const {
        rows: [programme],
      } = await client.query<{ id: string }>(
        `INSERT INTO programme (tenant_id, team_id, service_type, title, status, session_count, rrule, start_local, time_zone, video_link)
         SELECT $1, id, 'GRP', $2, 'ACTIVE', 6, 'FREQ=WEEKLY;COUNT=6', '2027-01-04T10:00:00', 'Europe/London', 'https://meet.example.org/lena'
           FROM team WHERE tenant_id = $1 ORDER BY name LIMIT 1 RETURNING id`,
        [tenant!.id, title],
      );
      await client.query(`INSERT INTO programme_facilitator (tenant_id, programme_id, user_id, role) VALUES ($1, $2, $3, 'LEAD')`, [tenant!.id, programme!.id, amira!.id]);
      for (const [index, startsAt] of starts.entries()) {
        const {
          rows: [session],
        } = await client.query<{ id: string }>(
          `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at) VALUES ($1, $2, $3, $4, $4::timestamptz + interval '90 minutes') RETURNING id`,
          [tenant!.id, programme!.id, index + 1, startsAt],
        );
        made.push({ id: session!.id, title, tenant: tenant!.name, startsAt });
      }
    }
    made.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    // The second session of the agenda is called off.
    await client.query(`UPDATE group_session SET status = 'CANCELLED', status_reason = 'Facilitator unwell', calendar_sequence = 1 WHERE id = $1`, [made[1]!.id]);
    return made;
  } finally {
    await client.end();
  }
}
