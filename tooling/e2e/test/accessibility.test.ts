import type { Page } from 'playwright-core';
import { accessibilityViolations } from './support/accessibility';
import { DEMO_PASSWORD, settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * Every screen of both portals, as each kind of person sees it with the demo data, checked with
 * axe-core against WCAG 2.2 A and AA, on a desktop and on a 375 px phone.
 */
describe('accessibility of every screen', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Waits until the page has its heading and no loading indicator (page code or data) is left. */

  /** Follows a link to another page and waits for that page to settle. */
  async function follow(page: Page, link: ReturnType<Page['getByRole']>): Promise<void> {
    const before = page.url();
    await link.click();
    await page.waitForURL((url) => url.href !== before);
    await settled(page);
  }

  /** Checks the page at desktop width and at phone width; returns the violations of both. */
  async function audit(page: Page, screen: string): Promise<string[]> {
    const found: string[] = [];
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      found.push(...(await accessibilityViolations(page)).map((violation) => `${screen} at ${width}px: ${violation}`));
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    return found;
  }

  async function signIn(page: Page, portalUrl: string, email: string): Promise<void> {
    await page.goto(`${portalUrl}/login`);
    await settled(page);
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).first().waitFor();
    await settled(page);
  }

  /** Opens each navigation link in turn and audits the page it leads to. */
  async function auditEveryNavPage(page: Page, links: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const link of links) {
      await follow(page, page.getByRole('link', { name: link, exact: true }).first());
      found.push(...(await audit(page, link)));
    }
    return found;
  }

  /** Signs `email` in once more, straight at the API, so their account page lists another session. */
  async function signInElsewhere(email: string): Promise<void> {
    const response = await fetch(`${stack.apiUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
      },
      body: JSON.stringify({ query: 'mutation($input: LoginInput!) { login(input: $input) { viewer { id } } }', variables: { input: { email, password: DEMO_PASSWORD } } }),
    });
    const result = (await response.json()) as { errors?: unknown[] };
    if (result.errors) throw new Error(`Signing ${email} in elsewhere failed: ${JSON.stringify(result.errors)}`);
  }

  /**
   * On the account page (with another session of the person's): the list of sessions, the password
   * form with its problems shown, and the dialog that asks before ending the other sessions.
   */
  async function auditAccountProblems(page: Page, screen: string): Promise<string[]> {
    await page.getByRole('button', { name: 'End session on Safari 18 on iOS 18.1' }).first().waitFor();
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').first().waitFor();
    const found = await audit(page, `${screen} with password problems`);
    await page.getByRole('button', { name: 'Sign out of all other sessions' }).click();
    await page.getByRole('dialog').waitFor();
    found.push(...(await audit(page, `${screen} asking to end other sessions`)));
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    return found;
  }

  it('signed-out screens', async () => {
    await withPage(async (page) => {
      const found: string[] = [];
      for (const [portal, url] of [
        ['facilitator', stack.facilitatorPortalUrl],
        ['client', stack.clientPortalUrl],
      ] as const) {
        for (const path of ['/login', '/forgot-password', '/invitations/accept?token=not-a-real-token', '/reset-password?token=not-a-real-token']) {
          await page.goto(`${url}${path}`);
          await settled(page);
          found.push(...(await audit(page, `${portal} ${path}`)));
        }
        // A failed sign-in shows its error summary and marks the fields.
        await page.goto(`${url}/login`);
        await settled(page);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').first().waitFor();
        found.push(...(await audit(page, `${portal} sign-in with problems`)));
      }
      expect(found).toEqual([]);
    });
  });

  it('the platform admin’s and the facilitator’s screens', async () => {
    await withPage(async (page) => {
      await signIn(page, stack.facilitatorPortalUrl, 'admin@lena.test');
      const found = await audit(page, 'admin home');
      found.push(...(await auditEveryNavPage(page, ['Organisations', 'Programmes', 'All programmes', 'Facilitators', 'Instruments', 'Dashboard', 'Audit log', 'Queue health'])));
      await follow(page, page.getByRole('link', { name: 'Organisations', exact: true }).first());
      await follow(page, page.getByRole('link', { name: 'Add organisation' }));
      found.push(...(await audit(page, 'new organisation')));
      await follow(page, page.getByRole('link', { name: 'Organisations', exact: true }).first());
      await follow(
        page,
        page
          .getByRole('main')
          .getByRole('link', { name: /Northshire/ })
          .first(),
      );
      found.push(...(await audit(page, 'organisation detail')));
      expect(found).toEqual([]);
    });

    await withPage(async (page) => {
      await signIn(page, stack.facilitatorPortalUrl, 'amira.facilitator@lena.test');
      expect(await audit(page, 'facilitator home')).toEqual([]);
      expect(await auditEveryNavPage(page, ['My sessions', 'Availability', 'Outcomes'])).toEqual([]);
    });
  });

  /** Presses Tab until `target` has focus; fails if it never does, as a keyboard user would. */
  async function tabTo(page: Page, target: ReturnType<Page['getByRole']>, maxPresses = 40): Promise<void> {
    for (let presses = 0; presses < maxPresses; presses++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)) return;
    }
    throw new Error(`Tab never reached ${target.toString()}`);
  }

  const focusedHeading = (page: Page) => page.evaluate(`document.activeElement?.tagName === 'H1' ? document.activeElement.textContent : null`);

  it('works by keyboard alone on a phone: sign in, open the menu, reach a page, land on its heading', async () => {
    await withPage(async (page) => {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(`${stack.facilitatorPortalUrl}/login`);
      await settled(page);
      await tabTo(page, page.getByLabel('Email address', { exact: true }));
      await page.keyboard.type('admin@lena.test');
      await tabTo(page, page.getByLabel('Password', { exact: true }));
      await page.keyboard.type(DEMO_PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Menu' }).waitFor();
      await settled(page);

      const menu = page.getByRole('button', { name: 'Menu' });
      await tabTo(page, menu);
      await page.keyboard.press('Enter');
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await tabTo(page, page.getByRole('link', { name: 'Queue health', exact: true }).first());
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/admin\/queues$/);
      await settled(page);
      // Focus moves to the new page's heading, so a screen reader says where the person is.
      await page.waitForFunction(`document.activeElement?.tagName === 'H1'`, undefined, { timeout: 5_000 }).catch(() => undefined);
      expect(await focusedHeading(page)).toBe('Queue health');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
    });
  });

  it('the org admin’s and the participant’s screens', async () => {
    await withPage(async (page) => {
      await signIn(page, stack.clientPortalUrl, 'coordinator@northshire-cp.test');
      const found = await audit(page, 'organisation overview');
      found.push(...(await auditEveryNavPage(page, ['Outcomes', 'Teams', 'Members', 'Invitations', 'Settings'])));
      await follow(page, page.getByRole('link', { name: 'Teams', exact: true }).first());
      await follow(page, page.getByRole('link', { name: /^Manage / }).first());
      found.push(...(await audit(page, 'team detail')));
      // A programme's page, with its Outcome measures section (questionnaires, licences, the form) loaded.
      await follow(page, page.getByRole('link', { name: 'Programmes', exact: true }).first());
      await follow(page, page.getByRole('table', { name: 'Programmes' }).getByRole('link').first());
      await page.getByText(/^No outcome measures have been chosen|^Asked: /).waitFor();
      found.push(...(await audit(page, 'programme with outcome measures')));
      expect(found).toEqual([]);
    });

    await withPage(async (page) => {
      await signIn(page, stack.clientPortalUrl, 'sam@northshire-cp.test');
      expect(await audit(page, 'participant home')).toEqual([]);
    });
  });

  /** Each persona's account page; for one of each portal, with another session, password problems and the dialog. */
  it.each([
    ['the platform admin', 'facilitator', 'admin@lena.test', true],
    ['the facilitator', 'facilitator', 'amira.facilitator@lena.test', false],
    ['the org admin', 'client', 'coordinator@northshire-cp.test', false],
    ['the participant', 'client', 'sam@northshire-cp.test', true],
  ] as const)('%s’s account page', async (who, portal, email, withProblems) => {
    await withPage(async (page) => {
      if (withProblems) await signInElsewhere(email);
      await signIn(page, portal === 'client' ? stack.clientPortalUrl : stack.facilitatorPortalUrl, email);
      const found = await auditEveryNavPage(page, ['Account']);
      if (withProblems) found.push(...(await auditAccountProblems(page, `${who}’s account`)));
      expect(found).toEqual([]);
    });
  });
});
