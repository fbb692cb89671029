import type { Locator, Page } from 'playwright-core';
import { accessibilityViolations } from './support/accessibility';
import { DEMO_PASSWORD, screenshot, settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

const REQUEST_TITLE = 'Group supervision — Family Assessment Team';

/**
 * A platform admin takes the demo request from the pipeline, picks a facilitator and a time that
 * clashes with one of her sessions in another organisation, sees the clash as the form changes,
 * moves the time until it is clear, proposes, and finds the proposal awaiting the organisation's
 * acceptance. WCAG 2.2 AA clean on every screen, on a desktop and a phone.
 */
describe('the programme pipeline and scheduling screen', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('proposes a requested programme after resolving a conflict shown live', async () => {
    await withPage(async (page) => {
      await page.goto(`${stack.facilitatorPortalUrl}/login`);
      await settled(page);
      await page.getByLabel('Email address', { exact: true }).fill('admin@lena.test');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).first().waitFor();
      await page.getByRole('link', { name: 'Programmes', exact: true }).first().click();
      await page.waitForURL(/\/admin\/programmes$/);
      await settled(page);

      // The demo's request waits on Lena; Coastal's proposal waits on the organisation.
      const requests = page.getByRole('region', { name: 'Requests to propose', exact: true });
      const request = requests.getByRole('row', { name: new RegExp(REQUEST_TITLE) });
      expect(await request.textContent()).toContain('Northshire Children’s Services');
      expect(await request.textContent()).toContain('Lena: propose facilitators and a schedule');
      const awaiting = page.getByRole('region', { name: 'Awaiting acceptance', exact: true });
      expect(await awaiting.getByRole('row', { name: /Reflective practice — Emergency Operations Centre/ }).textContent()).toContain('The organisation: accept the proposal');
      await expectAccessible(page);

      await request.getByRole('link', { name: REQUEST_TITLE }).click();
      await page.waitForURL(/\/admin\/programmes\/[^/]+\/propose$/);
      await settled(page);

      // Amira runs Coastal's night-shift group on Tuesdays at 14:00 every third week: the request's 14:00 clashes.
      await page.getByLabel('Lead facilitator').selectOption({ label: 'Dr Amira Haddad' });
      const conflicts = page.getByRole('list', { name: 'Conflicts' }).first();
      await conflicts.waitFor();
      const clashes = await conflicts.getByRole('listitem').allTextContents();
      expect(clashes.length).toBeGreaterThan(0);
      for (const clash of clashes) {
        expect(clash).toContain('Double booking');
        expect(clash).toContain('Dr Amira Haddad already has another session');
        // Another organisation's session is named by its times alone.
        expect(clash).not.toContain('Coastal');
      }
      await screenshot(page, 'proposal-with-conflicts');
      await expectAccessible(page);

      // Proposing as it is: the API refuses with the same conflicts and offers to propose anyway, with a reason.
      await page.getByRole('button', { name: 'Propose to the organisation' }).click();
      const override = page.getByRole('region', { name: 'Propose despite the conflicts?' });
      await override.waitFor();
      expect(await override.getByRole('list', { name: 'Conflicts' }).getByRole('listitem').count()).toBe(clashes.length);
      await override.getByRole('button', { name: 'Propose anyway' }).click();
      await page.getByRole('alert').getByRole('link', { name: 'Give a reason for scheduling despite the conflicts.' }).waitFor();
      await expectAccessible(page);

      // 16:00 is after every session she has that day.
      await typeSegments(page.getByRole('group', { name: 'Start time 1' }), '1600');
      await page.getByText('Every facilitator is free and working for every session.').waitFor();
      expect(await page.getByRole('list', { name: 'Sessions' }).textContent()).toContain('16:00–17:30');
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Propose to the organisation' }).click();
      await page.waitForURL(/\/admin\/programmes$/);
      await page.getByText(`${REQUEST_TITLE} has been proposed to Northshire Children’s Services and is awaiting acceptance.`).waitFor();
      const proposed = awaiting.getByRole('row', { name: new RegExp(REQUEST_TITLE) });
      await proposed.waitFor();
      expect(await proposed.textContent()).toContain('The organisation: accept the proposal');
      expect(await requests.getByRole('row', { name: new RegExp(REQUEST_TITLE) }).count()).toBe(0);

      await proposed.getByRole('link', { name: REQUEST_TITLE }).click();
      await page.waitForURL(/\/programmes\/[^/]+$/);
      await settled(page);
      expect(await page.getByText('Dr Amira Haddad (lead)').count()).toBe(1);
      const sessions = await page.getByRole('list', { name: 'Sessions' }).getByRole('listitem').allTextContents();
      expect(sessions).toHaveLength(6);
      for (const session of sessions) expect(session).toMatch(/16:00–17:30 (GMT|BST)$/);
      // Its history: the organisation's request (seeded) and the proposal just made, each with who made it.
      const history = page.getByRole('region', { name: 'History', exact: true }).getByRole('row');
      await history.nth(2).waitFor();
      const steps = (await history.allTextContents()).slice(1);
      expect(steps).toHaveLength(2);
      expect(steps[0]).toMatch(/Requested.*Helen Marsh/);
      expect(steps[1]).toMatch(/Proposed.*Priya Shah/);
      await expectAccessible(page);
    });
  });
});

async function expectAccessible(page: Page): Promise<void> {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await accessibilityViolations(page)).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Types digits into a time field from its first segment; each segment moves on when full. */
async function typeSegments(field: Locator, digits: string): Promise<void> {
  await field.getByRole('spinbutton').first().click();
  await field.page().keyboard.type(digits);
}
