import { openBrowser, screenshot } from './support/browser';
import { startStack, type Stack } from './support/stack';

/**
 * The first journey of every organisation: a platform admin onboards it, its coordinator accepts
 * the emailed invitation, sets up a team and invites a participant, who accepts and lands home.
 * Real API, worker, SMTP, portals and browser throughout.
 */
describe('onboarding an organisation', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('takes a new organisation from creation to a participant’s home', async () => {
    const admin = await openBrowser();
    const page = await admin.context.newPage();
    await page.goto(`${stack.facilitatorPortalUrl}/login`);
    await page.getByLabel('Email address', { exact: true }).fill('admin@lena.test');
    await page.getByLabel('Password', { exact: true }).fill('Lena-demo-2026!');
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('link', { name: 'Organisations' }).first().click();
    await page.getByRole('link', { name: 'Add organisation' }).click();
    await page.getByLabel('Organisation name', { exact: true }).fill('Riverside Fire and Rescue');
    await expectValue(page.getByLabel('Short name', { exact: true }), 'riverside-fire-and-rescue');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Riverside Fire and Rescue' }).waitFor();

    await page.getByLabel('Email address', { exact: true }).fill('lead@riverside-fire.test');
    await page.getByLabel('Full name', { exact: true }).fill('Morgan Lee');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByText('Invitation sent to lead@riverside-fire.test.').waitFor();
    await screenshot(page, 'admin-organisation-detail');

    // The admin can see that the worker is there to send it.
    await page.getByRole('link', { name: 'Queue health' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Queue health' }).waitFor();
    const emailQueue = page
      .getByRole('table', { name: 'Job queues' })
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'Email delivery' }) });
    await emailQueue.getByText('Healthy').waitFor();
    await page.getByRole('heading', { name: 'No failed emails' }).waitFor();
    await page.setViewportSize({ width: 375, height: 800 });
    await screenshot(page, 'admin-queue-health-phone');
    await admin.close();

    const coordinatorEmail = await stack.mail.waitForMessage((message) => message.to.includes('lead@riverside-fire.test'), 30_000);
    expect(coordinatorEmail.subject).toContain('Riverside Fire and Rescue');
    const coordinatorLink = invitationLink(coordinatorEmail.links, stack.clientPortalUrl);

    const coordinator = await openBrowser();
    const coordinatorPage = await coordinator.context.newPage();
    await coordinatorPage.goto(coordinatorLink);
    await coordinatorPage.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    await coordinatorPage.getByText('lead@riverside-fire.test').first().waitFor();
    await coordinatorPage.getByLabel('Your name', { exact: true }).fill('Morgan Lee');
    await coordinatorPage.getByLabel('New password', { exact: true }).fill('Steady-handover-42');
    await coordinatorPage.getByLabel('Confirm new password', { exact: true }).fill('Steady-handover-42');
    await coordinatorPage.getByRole('button', { name: 'Accept invitation' }).click();
    await coordinatorPage.getByRole('heading', { level: 1, name: 'Organisation overview' }).waitFor();

    await coordinatorPage.getByRole('link', { name: 'Teams' }).first().click();
    await coordinatorPage.getByLabel('Team name', { exact: true }).fill('Blue Watch');
    await coordinatorPage.getByRole('button', { name: 'Create team' }).click();
    await coordinatorPage
      .getByRole('link', { name: 'Manage Blue Watch' })
      .or(coordinatorPage.getByRole('button', { name: 'Manage Blue Watch' }))
      .waitFor();

    await coordinatorPage.getByRole('link', { name: 'Invitations' }).first().click();
    await coordinatorPage.getByLabel('Email address', { exact: true }).fill('alex@riverside-fire.test');
    await coordinatorPage.getByLabel('Full name', { exact: true }).fill('Alex Kim');
    await coordinatorPage.getByLabel('Team', { exact: true }).selectOption({ label: 'Blue Watch' });
    await coordinatorPage.getByRole('button', { name: 'Send invitation' }).click();
    await coordinatorPage.getByRole('button', { name: 'Revoke invitation for alex@riverside-fire.test' }).waitFor();
    await screenshot(coordinatorPage, 'coordinator-invitations');
    await coordinator.close();

    const participantEmail = await stack.mail.waitForMessage((message) => message.to.includes('alex@riverside-fire.test'), 30_000);
    const participant = await openBrowser({ timezoneId: 'Europe/Dublin' });
    const participantPage = await participant.context.newPage();
    await participantPage.goto(invitationLink(participantEmail.links, stack.clientPortalUrl));
    await participantPage.getByLabel('Your name', { exact: true }).fill('Alex Kim');
    await participantPage.getByLabel('New password', { exact: true }).fill('Quiet-harbour-2026');
    await participantPage.getByLabel('Confirm new password', { exact: true }).fill('Quiet-harbour-2026');
    await participantPage.getByRole('button', { name: 'Accept invitation' }).click();
    await participantPage.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await participantPage.getByText('Blue Watch').first().waitFor();
    await participantPage.setViewportSize({ width: 375, height: 800 });
    await screenshot(participantPage, 'participant-home-phone');
    // A participant has no organisation-admin navigation.
    expect(await participantPage.getByRole('link', { name: 'Invitations' }).count()).toBe(0);
    await participant.close();

    const audit = await auditActions(stack);
    expect(audit).toEqual(expect.arrayContaining(['TENANT_CREATED', 'INVITATION_SENT', 'INVITATION_ACCEPTED', 'LOGIN_SUCCEEDED']));
  });
});

function invitationLink(links: string[], portalUrl: string): string {
  const link = links.find((candidate) => candidate.startsWith(`${portalUrl}/invitations/accept?token=`));
  if (!link) throw new Error(`No invitation link to ${portalUrl} in: ${links.join(', ')}`);
  return link;
}

async function expectValue(locator: { inputValue(): Promise<string> }, expected: string): Promise<void> {
  expect(await locator.inputValue()).toBe(expected);
}

async function auditActions(stack: Stack): Promise<string[]> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: stack.database.ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ action: string }>('SELECT DISTINCT action FROM audit_event');
    return rows.map((row) => row.action);
  } finally {
    await client.end();
  }
}
