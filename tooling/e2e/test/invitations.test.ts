import type { CapturedMessage } from '@lena/test-services';
import { accessibilityViolations } from './support/accessibility';
import { openBrowser, screenshot, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * A platform admin invites a facilitator, invites the same address again by mistake and is offered
 * "Resend" instead; the first link then no longer works and the second does. The organisation page
 * shows its people, and the audit log says who resent what, by name. Real API, worker, SMTP,
 * portals and browser throughout.
 */
describe('inviting someone again', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('offers to resend the pending invitation, whose fresh link replaces the first', async () => {
    const invitee = 'robin.ash@lena.test';
    const toInvitee =
      (after = 0) =>
      (message: CapturedMessage) =>
        message.to.includes(invitee) && message.id > after;

    const admin = await openBrowser();
    try {
      const page = await admin.context.newPage();
      await page.goto(`${stack.facilitatorPortalUrl}/login`);
      await page.getByLabel('Email address', { exact: true }).fill('admin@lena.test');
      await page.getByLabel('Password', { exact: true }).fill('Lena-demo-2026!');
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.getByRole('link', { name: 'Facilitators' }).first().click();
      await page.getByLabel('Email address', { exact: true }).fill(invitee);
      await page.getByLabel('Full name', { exact: true }).fill('Robin Ash');
      await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
      await page.getByText(`Invitation sent to ${invitee}.`).waitFor();
      expect(await page.getByLabel('Full name', { exact: true }).inputValue()).toBe('');
      const first = await stack.mail.waitForMessage(toInvitee(), 30_000);

      await page.getByLabel('Email address', { exact: true }).fill(invitee);
      await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
      await page.getByRole('alert').getByText(`${invitee} already has a pending invitation for this role (as a facilitator).`, { exact: false }).waitFor();
      await screenshot(page, 'admin-invite-again');
      expect(await accessibilityViolations(page)).toEqual([]);
      // The form's own offer (the invitations table below has its own "Resend", behind a confirmation).
      await page
        .locator('form#invite-facilitator')
        .getByRole('button', { name: `Resend invitation to ${invitee}` })
        .click();
      await page.getByText(`A new invitation has been sent to ${invitee}.`).waitFor();
      expect(await page.getByLabel('Email address', { exact: true }).inputValue()).toBe('');
      const second = await stack.mail.waitForMessage(toInvitee(first.id), 30_000);

      const invitations = page.getByRole('table', { name: 'Staff invitations' });
      await invitations.getByRole('button', { name: `Revoke invitation for ${invitee}` }).waitFor();
      expect(await invitations.getByRole('row').filter({ hasText: invitee }).count()).toBe(1);

      await page.getByRole('link', { name: 'Organisations' }).first().click();
      await page.getByRole('link', { name: 'Northshire Children’s Services' }).click();
      const people = page.getByRole('table', { name: 'People in this organisation' });
      await people.getByRole('row').filter({ hasText: 'coordinator@northshire-cp.test' }).getByText('Organisation admin').waitFor();
      await people.getByRole('row').filter({ hasText: 'sam@northshire-cp.test' }).getByText('Participant').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByRole('link', { name: 'Audit log' }).first().click();
      const resent = page.getByRole('table', { name: 'Audit events' }).getByRole('row').filter({ hasText: 'Invitation sent again' }).first();
      await resent.getByText('Priya Shah').waitFor();
      await resent.getByText(`Invitation: ${invitee}`).waitFor();
      await screenshot(page, 'admin-audit-log');

      await withPage(async (invited) => {
        await invited.goto(invitationLink(first));
        await invited.getByText('It may have expired, been used already or been withdrawn.', { exact: false }).waitFor();
        await invited.goto(invitationLink(second));
        await invited.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
        await invited.getByText(invitee).first().waitFor();
      });
    } finally {
      await admin.close();
    }

    function invitationLink(message: CapturedMessage): string {
      const link = message.links.find((candidate) => candidate.startsWith(`${stack.facilitatorPortalUrl}/invitations/accept?token=`));
      if (!link) throw new Error(`No invitation link in: ${message.links.join(', ')}`);
      return link;
    }
  });
});
