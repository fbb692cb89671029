import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './support/accessibility';
import { DEMO_PASSWORD, screenshot, settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * A facilitator runs a GTS session that began twenty minutes ago: marks the register with one
 * tap per person, writes notes that name someone (warned before anything is saved, saved once
 * acknowledged) and completes the session. WCAG 2.2 AA clean, and no wider than the screen, on a
 * desktop, a 768 px tablet and a 375 px phone.
 */
describe('delivering a session', () => {
  let stack: Stack;
  let session: { id: string; title: string; people: string[] };

  beforeAll(async () => {
    stack = await startStack();
    session = await sessionUnderWay(stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** WCAG violations, and a page wider than the screen, on a desktop, a tablet (768 px) and a phone (375 px). */
  async function audit(page: Page): Promise<string[]> {
    const found: string[] = [];
    for (const width of [1280, 768, 375]) {
      await page.setViewportSize({ width, height: 900 });
      found.push(...(await accessibilityViolations(page)).map((violation) => `${width}px: ${violation}`));
      const overflow = (await page.evaluate('Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)')) as number;
      if (overflow > width) found.push(`${width}px: the page is ${overflow}px wide`);
    }
    return found;
  }

  it('takes the register, warns about a name in the notes before saving, and completes the session', async () => {
    await withPage(async (page) => {
      await page.goto(`${stack.facilitatorPortalUrl}/login`);
      await settled(page);
      await page.getByLabel('Email address', { exact: true }).fill('amira.facilitator@lena.test');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).first().waitFor();

      // From My sessions to the session's page.
      await page.getByRole('link', { name: 'My sessions', exact: true }).first().click();
      await settled(page);
      await page.getByRole('link', { name: `Run sheet, register and notes (${session.title}, session 1)` }).click();
      await page.getByRole('heading', { level: 1, name: `${session.title}: session 1` }).waitFor();
      await settled(page);
      expect(await page.getByRole('region', { name: 'Run sheet' }).getByRole('heading', { level: 3 }).count()).toBe(4);
      expect(await audit(page)).toEqual([]);

      // On a phone: one tap per person.
      await page.setViewportSize({ width: 375, height: 800 });
      for (const person of session.people) {
        const row = page.getByRole('group', { name: new RegExp(person) });
        await row.getByRole('button', { name: 'Present' }).click();
        await row.getByRole('button', { name: 'Present', pressed: true }).waitFor();
      }
      await page.getByText('Everyone is marked.').waitFor();
      await screenshot(page, 'session-delivery-register-phone');

      await page.getByLabel('Case summaries').fill('The worker brought a case about Mrs Patel and her family.');
      await page.getByRole('button', { name: 'Check and save notes' }).click();
      await page.getByText('This text may identify someone. Nothing has been saved yet.').waitFor();
      expect(await audit(page)).toEqual([]);
      await screenshot(page, 'session-delivery-warnings');
      const before = await notesOf(stack, session.id);
      expect(before).toEqual([]);

      await page.getByRole('button', { name: 'I have checked: save anyway' }).click();
      await page.getByText('The notes have been saved.').waitFor();
      expect(await notesOf(stack, session.id)).toEqual([{ case_summaries: 'The worker brought a case about Mrs Patel and her family.' }]);

      await page.getByRole('button', { name: 'Complete session' }).click();
      await page.getByRole('dialog', { name: 'Complete this session?' }).getByRole('button', { name: 'Yes, complete session' }).click();
      await page.getByRole('button', { name: 'Reopen session' }).waitFor();
      expect(await audit(page)).toEqual([]);
      const status = await statusOf(stack, session.id);
      expect(status).toEqual({ status: 'DELIVERED', present: session.people.length });
    });
  });
});

/** Amira leads a GTS programme of Coastal's with two people enrolled, and a session that began twenty minutes ago. */
async function sessionUnderWay(stack: Stack): Promise<{ id: string; title: string; people: string[] }> {
  const client = new Client({ connectionString: stack.database.ownerUrl });
  await client.connect();
  try {
    const title = 'Case supervision for the night crews';
    const {
      rows: [amira],
    } = await client.query<{ id: string }>(`SELECT id FROM user_account WHERE email = 'amira.facilitator@lena.test'`);
    const {
      rows: [tenant],
    } = await client.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = 'coastal-ambulance'`);
    const {
      rows: [programme],
    } = await client.query<{ id: string }>(
      `INSERT INTO programme (tenant_id, team_id, service_type, title, status, session_count, rrule, start_local, time_zone, video_link)
       SELECT $1, id, 'GTS', $2, 'ACTIVE', 6, 'FREQ=WEEKLY;COUNT=6', '2027-01-04T10:00:00', 'Europe/London', 'https://meet.example.org/lena'
         FROM team WHERE tenant_id = $1 ORDER BY name LIMIT 1 RETURNING id`,
      [tenant!.id, title],
    );
    await client.query(`INSERT INTO programme_facilitator (tenant_id, programme_id, user_id, role) VALUES ($1, $2, $3, 'LEAD')`, [tenant!.id, programme!.id, amira!.id]);
    const { rows: people } = await client.query<{ id: string; name: string }>(
      `SELECT u.id, u.display_name AS name FROM tenant_membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.tenant_id = $1 AND m.role = 'PARTICIPANT' ORDER BY u.display_name LIMIT 2`,
      [tenant!.id],
    );
    for (const person of people) {
      await client.query(`INSERT INTO enrolment (tenant_id, programme_id, user_id, enrolled_at) VALUES ($1, $2, $3, now() - interval '7 days')`, [
        tenant!.id,
        programme!.id,
        person.id,
      ]);
    }
    const {
      rows: [row],
    } = await client.query<{ id: string }>(
      `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at) VALUES ($1, $2, 1, now() - interval '20 minutes', now() + interval '70 minutes') RETURNING id`,
      [tenant!.id, programme!.id],
    );
    return { id: row!.id, title, people: people.map((person) => person.name) };
  } finally {
    await client.end();
  }
}

async function notesOf(stack: Stack, sessionId: string): Promise<{ case_summaries: string }[]> {
  const client = new Client({ connectionString: stack.database.ownerUrl });
  await client.connect();
  try {
    return (await client.query<{ case_summaries: string }>('SELECT case_summaries FROM session_note WHERE session_id = $1', [sessionId])).rows;
  } finally {
    await client.end();
  }
}

async function statusOf(stack: Stack, sessionId: string): Promise<{ status: string; present: number }> {
  const client = new Client({ connectionString: stack.database.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; present: number }>(
      `SELECT s.status, (SELECT count(*)::int FROM attendance a WHERE a.session_id = s.id AND a.status = 'PRESENT') AS present FROM group_session s WHERE s.id = $1`,
      [sessionId],
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}
