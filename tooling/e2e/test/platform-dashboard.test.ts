import type { Page } from 'playwright-core';
import { accessibilityViolations } from './support/accessibility';
import { DEMO_PASSWORD, settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * The dashboards across organisations in a real browser with the demo data: the platform admin's
 * (utilisation as a chart with the same numbers in a table, facilitator load, a feedback
 * benchmark) and a facilitator's own programmes; axe-core (WCAG 2.2 A and AA) on each, at desktop
 * and phone widths.
 */
describe('the dashboards across organisations', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${stack.facilitatorPortalUrl}/login`);
    await settled(page);
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).first().waitFor();
    await settled(page);
  }

  async function audit(page: Page, screen: string): Promise<string[]> {
    const found: string[] = [];
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      found.push(...(await accessibilityViolations(page)).map((violation) => `${screen} at ${width}px: ${violation}`));
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    return found;
  }

  it('shows a platform admin every organisation’s utilisation as a chart and a table, facilitator load and a benchmark, accessibly', async () => {
    await withPage(async (page) => {
      await signIn(page, 'admin@lena.test');
      await page.getByRole('link', { name: 'Dashboard', exact: true }).first().click();
      await page.waitForURL(/\/admin\/dashboard$/);
      await settled(page);
      const totals = page.getByRole('table', { name: /^Sessions per organisation, \d{4}-\d{2} to \d{4}-\d{2}$/ });
      await totals.waitFor();
      const organisations = await totals.getByRole('rowheader').allTextContents();
      expect(organisations).toEqual(expect.arrayContaining(['Coastal Ambulance Service', 'Northshire Children’s Services']));

      // The chart (loaded on its own) draws the first organisation's months, and its table has the same months.
      await page.locator('figure.lena-outcome-chart svg.recharts-surface').first().waitFor();
      expect(await page.locator('figure.lena-outcome-chart').first().getAttribute('aria-hidden')).toBe('true');
      const byMonth = page.getByRole('table', { name: 'Coastal Ambulance Service: sessions and attendances by month' });
      expect(await byMonth.getByRole('rowheader').count()).toBe(12);
      // Choosing another organisation redraws both.
      await page.getByRole('combobox', { name: 'Organisation to show by month' }).selectOption({ label: 'Northshire Children’s Services' });
      await page.getByRole('table', { name: 'Northshire Children’s Services: sessions and attendances by month' }).waitFor();

      await page.getByRole('table', { name: /^Sessions per facilitator per month/ }).waitFor();

      await page.getByRole('combobox', { name: 'Organisation', exact: true }).selectOption({ label: 'Northshire Children’s Services' });
      await page
        .getByText(/No organisation has published feedback yet\.|Northshire Children’s Services’s feedback against the platform median/)
        .first()
        .waitFor();
      await settled(page);
      expect(await audit(page, 'platform dashboard')).toEqual([]);
    });
  });

  it('shows a facilitator their own programmes in each organisation, accessibly', async () => {
    await withPage(async (page) => {
      await signIn(page, 'amira.facilitator@lena.test');
      await page.getByRole('link', { name: 'Outcomes', exact: true }).first().click();
      await page.waitForURL(/\/my-outcomes$/);
      await settled(page);
      await page.getByRole('heading', { name: 'Your programmes’ outcomes', level: 1 }).waitFor();
      const tables = await page.getByRole('table', { name: /^Your programmes at / }).count();
      expect(tables).toBeGreaterThan(0);
      expect(await audit(page, 'facilitator outcomes')).toEqual([]);
    });
  });
});
