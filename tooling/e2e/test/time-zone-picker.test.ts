import { accessibilityViolations } from './support/accessibility';
import { settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * The time-zone picker of "Add an organisation", in Chromium, by keyboard alone: likely zones first,
 * found by typing, chosen with the arrow keys and Enter, and WCAG 2.2 AA clean with its list open.
 */
describe('the time-zone picker', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('offers the likely zones first and finds and chooses another by keyboard', async () => {
    await withPage(async (page) => {
      await page.goto(`${stack.facilitatorPortalUrl}/login`);
      await settled(page);
      await page.getByLabel('Email address', { exact: true }).fill('admin@lena.test');
      await page.getByLabel('Password', { exact: true }).fill('Lena-demo-2026!');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).first().waitFor();
      await page.goto(`${stack.facilitatorPortalUrl}/admin/tenants/new`);
      await settled(page);

      const zone = page.getByRole('combobox', { name: 'Time zone' });
      expect(await zone.inputValue()).toBe('Europe/London (United Kingdom)');
      await page.getByLabel('Short name').focus();
      await page.keyboard.press('Tab');
      expect(await zone.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);

      // Opening the list shows the browser's own zone (London here) and Ireland's first.
      await page.keyboard.press('ArrowDown');
      const listbox = page.getByRole('listbox');
      await listbox.waitFor();
      const suggested = listbox.getByRole('group', { name: 'Suggested' }).getByRole('option');
      expect(await suggested.allTextContents()).toEqual(['Europe/London (United Kingdom, your zone)', 'Europe/Dublin (Ireland)']);
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('auckland');
      expect(await listbox.getByRole('option').allTextContents()).toEqual(['Pacific/Auckland']);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await zone.inputValue()).toBe('Pacific/Auckland');
      expect(await zone.getAttribute('aria-expanded')).toBe('false');
    });
  });
});
