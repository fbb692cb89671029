import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

const PHONE_WIDTH = 375;

/**
 * An organisation admin on a 375 px phone: the team page (whose person picker lists long names and
 * email addresses) fits the screen, and an archived team can be restored, all in the real portal.
 */
describe('teams on a phone', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Signs in at desktop width (where "Sign out" shows without opening the menu), then turns into a phone. */
  async function signIn(page: Page): Promise<void> {
    await page.goto(`${stack.clientPortalUrl}/login`);
    await settled(page);
    await page.getByLabel('Email address', { exact: true }).fill('coordinator@northshire-cp.test');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).first().waitFor();
    await settled(page);
    await page.setViewportSize({ width: PHONE_WIDTH, height: 800 });
  }

  /** How far the page reaches past the right edge of the screen, in CSS pixels (0 when it fits). */
  const overflow = (page: Page): Promise<number> => page.evaluate(`Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - ${PHONE_WIDTH}`) as Promise<number>;

  it('fits the team page, person picker included, into 375 px', async () => {
    await withPage(async (page) => {
      await signIn(page);
      await page.goto(`${stack.clientPortalUrl}/teams`);
      await settled(page);
      await page
        .getByRole('link', { name: /^Manage/ })
        .first()
        .click();
      await page.getByRole('combobox', { name: 'Person' }).waitFor();
      await settled(page);
      // The longest choice, as the demo has it, is what used to push the page wider than the phone.
      const longest = (await page.getByRole('combobox', { name: 'Person' }).locator('option').allTextContents()).reduce((a, b) => (b.length > a.length ? b : a), '');
      expect(longest.length).toBeGreaterThan(30);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      // The picker still works: a person can be chosen and added.
      const picker = page.getByRole('combobox', { name: 'Person' });
      await picker.selectOption({ index: 1 });
      await page.getByRole('button', { name: 'Add to team' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /has been added to/ })
        .waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    });
  });

  it('archives a team and restores it from the list', async () => {
    await withPage(async (page) => {
      await signIn(page);
      await page.goto(`${stack.clientPortalUrl}/teams`);
      await settled(page);
      const name = 'Family Assessment Team';
      await page.getByRole('button', { name: `Archive ${name}` }).click();
      await page
        .getByRole('dialog', { name: `Archive ${name}?` })
        .getByRole('button', { name: 'Yes, archive team' })
        .click();
      await page
        .getByRole('status')
        .filter({ hasText: `${name} has been archived.` })
        .waitFor();

      await page.getByLabel('Show archived teams').check();
      await page.getByRole('button', { name: `Restore ${name}` }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `${name} has been restored.` })
        .waitFor();
      // The archive banner went as soon as the restore started: only the news of the restore is left.
      expect(await page.getByRole('status').filter({ hasText: 'has been archived' }).count()).toBe(0);
      await page.getByLabel('Show archived teams').uncheck();
      await page.getByRole('link', { name, exact: true }).waitFor();
      expect(await overflow(page)).toBeLessThanOrEqual(0);
    });
  });
});
