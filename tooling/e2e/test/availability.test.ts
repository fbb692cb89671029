import type { Locator } from 'playwright-core';
import { accessibilityViolations } from './support/accessibility';
import { DEMO_PASSWORD, settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * A facilitator keeps their availability: a working week (with an overlap refused beside the span
 * that overlaps) and time off shown in their own zone. WCAG 2.2 AA clean with its problems shown,
 * on a desktop and a phone.
 */
describe('a facilitator’s availability', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('sets a working week and time off, and sees them again after a reload', async () => {
    const year = new Date().getUTCFullYear() + 1;
    await withPage(async (page) => {
      await page.goto(`${stack.facilitatorPortalUrl}/login`);
      await settled(page);
      await page.getByLabel('Email address', { exact: true }).fill('amira.facilitator@lena.test');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).first().waitFor();
      await page.getByRole('link', { name: 'Availability', exact: true }).first().click();
      await page.waitForURL(/\/availability$/);
      await settled(page);

      const monday = page.getByRole('group', { name: 'Monday' });
      await monday.getByRole('button', { name: 'Add hours on Monday' }).click();
      await monday.getByRole('button', { name: 'Add hours on Monday' }).click();
      // Times and dates are typed segment by segment (React Aria fields), as a keyboard user would.
      await typeSegments(monday.getByRole('group', { name: 'From (Monday)' }).nth(1), '1200');
      await typeSegments(monday.getByRole('group', { name: 'Until (Monday)' }).nth(1), '1400');
      await page.getByRole('button', { name: 'Save working week' }).click();

      // The API's own message, in the summary and beside the span that overlaps.
      const summary = page.getByRole('alert').first();
      await summary.waitFor();
      expect(await summary.textContent()).toContain('Monday 12:00–14:00 overlaps 09:00–17:00.');
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await accessibilityViolations(page)).toEqual([]);
      }
      await page.setViewportSize({ width: 1280, height: 900 });

      await monday.getByRole('button', { name: 'Remove Monday 12:00 to 14:00' }).click();
      await page.getByRole('button', { name: 'Save working week' }).click();
      await page.getByText('Your working week has been saved.').waitFor();

      await typeSegments(page.getByRole('group', { name: 'From', exact: true }), `0308${year}0900`);
      await typeSegments(page.getByRole('group', { name: 'Until', exact: true }), `1408${year}1700`);
      await page.getByLabel('Note (optional)').fill('Summer leave');
      await page.getByRole('button', { name: 'Add time off' }).click();
      await page.getByText('Your time off has been added.').waitFor();

      await page.reload();
      await settled(page);
      expect(shownTime(await page.getByRole('group', { name: 'Monday' }).getByRole('group', { name: 'From (Monday)' }).textContent())).toBe('09:00');
      expect(await page.getByRole('group', { name: 'Tuesday' }).getByRole('spinbutton').count()).toBe(0);
      const row = page.getByRole('row', { name: /Summer leave/ });
      // Shown in the viewer's zone (the browser runs in Europe/London: summer time).
      expect(await row.textContent()).toContain(`3 August ${year}, 09:00 BST`);
      expect(await row.textContent()).toContain(`14 August ${year}, 17:00 BST`);
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        expect(await accessibilityViolations(page)).toEqual([]);
      }
    });
  });
});

/** Types digits into a date or time field from its first segment; each segment moves on when full. */
async function typeSegments(field: Locator, digits: string): Promise<void> {
  await field.getByRole('spinbutton').first().click();
  await field.page().keyboard.type(digits);
}

/** A time field's text without the bidirectional marks around it. */
function shownTime(text: string | null): string {
  return (text ?? '').replace(/[^\d:]/g, '');
}
