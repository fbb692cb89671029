import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './support/accessibility';
import { DEMO_PASSWORD, settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

const PHONE = { width: 375, height: 800 };

/**
 * The outcome questionnaire on a 375 px phone, served by the built client portal and answered by
 * the real API, then the answers in the participant's own "My measures": the demo seed's
 * Northshire programme has Sam's baseline and final; this test asks him its midpoint, with a link
 * written as the worker writes them. Each page axe-clean (WCAG 2.2 AA) and no wider than the phone.
 */
describe('outcome measures on a phone', () => {
  let stack: Stack;
  let owner: Client;
  let token: string;

  beforeAll(async () => {
    // No worker: its sweeps would open requests for the same demo sessions and programme, racing these.
    stack = await startStack({ worker: false });
    owner = new Client({ connectionString: stack.database.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query<{ programme_id: string; tenant_id: string; user_id: string }>(
      `SELECT p.programme_id, p.tenant_id, u.id AS user_id FROM programme_outcome_plan p
         JOIN enrolment e ON e.tenant_id = p.tenant_id AND e.programme_id = p.programme_id
         JOIN user_account u ON u.id = e.user_id AND u.email = 'sam@northshire-cp.test'`,
    );
    expect(rows).toHaveLength(1);
    const { programme_id: programmeId, tenant_id: tenantId, user_id: userId } = rows[0]!;
    // Row-level security applies to the owner too: act in the organisation.
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const { rows: requests } = await owner.query<{ id: string }>(
      `INSERT INTO outcome_request (tenant_id, programme_id, point, opens_at, remind_at, closes_at)
       VALUES ($1, $2, 'MIDPOINT', now() - interval '1 day', now() + interval '6 days', now() + interval '13 days') RETURNING id`,
      [tenantId, programmeId],
    );
    token = randomBytes(32).toString('base64url');
    await owner.query(
      `WITH l AS (INSERT INTO outcome_link (tenant_id, request_id, user_id, token_hash) VALUES ($1, $2, $3, $4) RETURNING tenant_id, id)
       INSERT INTO outcome_link_unspent (tenant_id, link_id) SELECT tenant_id, id FROM l`,
      [tenantId, requests[0]!.id, userId, createHash('sha256').update(token).digest()],
    );
    await owner.query('COMMIT');
  });

  afterAll(async () => {
    await owner?.end();
    await stack?.stop();
  });

  const overflow = (page: Page): Promise<number> => page.evaluate(`Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - ${PHONE.width}`) as Promise<number>;

  async function expectAccessible(page: Page): Promise<void> {
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  }

  it('takes one set of answers by keyboard and touch, refuses the link after, and the person sees their own scores under My measures', async () => {
    await withPage(async (page) => {
      await page.setViewportSize(PHONE);
      await page.goto(`${stack.clientPortalUrl}/measures.html#${token}`);
      await page.getByRole('heading', { level: 1, name: 'Halfway through your group: a short questionnaire' }).waitFor();
      await page
        .getByText(/^Copenhagen Burnout Inventory: Kristensen TS/)
        .first()
        .waitFor();
      await expectAccessible(page);

      // Sending nothing: the API's problem, in a summary that takes focus.
      await page.getByRole('button', { name: 'Send answers' }).click();
      await page.getByRole('alert').getByText('There is a problem').waitFor();
      await expectAccessible(page);

      // The personal and work questions: the first by keyboard (Tab to it, arrows to choose), the rest by touch.
      const first = page.getByRole('group', { name: 'How often do you feel tired?' });
      await first.getByRole('radio', { name: 'Always' }).focus();
      await page.keyboard.press('ArrowDown');
      expect(await first.getByRole('radio', { name: 'Often' }).isChecked()).toBe(true);
      for (const prompt of [
        'How often are you physically exhausted?',
        'How often are you emotionally exhausted?',
        'Is your work emotionally exhausting?',
        'Do you feel burnt out because of your work?',
        'Does your work frustrate you?',
      ]) {
        await page
          .getByRole('group', { name: prompt })
          .getByText(prompt.startsWith('How') ? 'Sometimes' : 'Somewhat', { exact: true })
          .click();
      }
      await page.getByRole('button', { name: 'Send answers' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
      await expectAccessible(page);

      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'You have already answered' }).waitFor();
      await expectAccessible(page);

      // Sam signs in (on a desktop, where the frame shows "Sign out"): his start, midpoint and end, as a table beside the chart, with the reading.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${stack.clientPortalUrl}/login`);
      await settled(page);
      await page.getByLabel('Email address', { exact: true }).fill('sam@northshire-cp.test');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).first().waitFor();
      // Its address is /my-measures: /measures would be the questionnaire page (measures.html) to a server that adds .html.
      await page.goto(`${stack.clientPortalUrl}/my-measures`);
      const table = page.getByRole('table', { name: 'Your personal burnout scores (0 to 100)' });
      await table.waitFor();
      const whens = await table.locator('tbody tr th').allTextContents();
      expect(whens).toEqual(['Start', 'Midpoint', 'End']);
      expect(await table.locator('tbody tr:nth-child(2) td:last-child').textContent()).toBe(String(Math.round((75 + 50 + 50) / 3)));
      await page.getByText(/^Personal burnout \d+ → 58 → \d+: lower is better/).waitFor();
      await page.setViewportSize(PHONE);
      await expectAccessible(page);
    });
  });
});
