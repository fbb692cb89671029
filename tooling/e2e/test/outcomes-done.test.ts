import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueues, QueueName } from '@lena/jobs';
import { QueueEvents } from 'bullmq';
import { Client } from 'pg';
import type { Locator, Page } from 'playwright-core';
import { accessibilityViolations } from './support/accessibility';
import { DEMO_PASSWORD, settled, withPage } from './support/browser';
import { startStack, type Stack } from './support/stack';

interface SeededProgramme {
  tenantId: string;
  programmeId: string;
  title: string;
}

/**
 * Issue 9's "Done means", as an organisation's admin meets it, with the real API, worker, Redis,
 * PostgreSQL and portals: the demo seed's current Northshire programme has baseline and final
 * measures from ten people and Coastal's night shift group from four. Once the worker has rolled them up, Northshire's
 * admin sees the change with its effect size and interval on the dashboard; Coastal's sees
 * "Fewer than 5 responses" on the dashboard and the programme's page; each asks for a PDF report,
 * watches its progress, downloads it, and its text (pdftotext) carries the same figures (or the
 * same "Fewer than 5 responses"). The report screens are checked with axe-core (WCAG 2.2 AA).
 */
describe('outcomes shown, withheld and reported', () => {
  let stack: Stack;
  let owner: Client;
  let northshire: SeededProgramme;
  let coastal: SeededProgramme;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'lena-outcomes-done-'));
    stack = await startStack();
    owner = new Client({ connectionString: stack.database.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query<SeededProgramme & { slug: string }>(
      `SELECT p.tenant_id AS "tenantId", p.id AS "programmeId", p.title, t.slug
         FROM programme_outcome_plan o JOIN programme p ON p.tenant_id = o.tenant_id AND p.id = o.programme_id JOIN tenant t ON t.id = p.tenant_id
        WHERE p.title IN ('Reflective practice — Child Protection Team North', 'Group supervision — Night Shift Crews')
        ORDER BY t.slug`,
    );
    expect(rows).toHaveLength(2);
    coastal = rows[0]!;
    northshire = rows[1]!;
    // The worker rolls up each programme's measures (its nightly recompute starts with the worker,
    // and this asks for both again, as an answer would): wait, job by job, until both rows exist.
    const redis = new URL(stack.redisUrl);
    const events = new QueueEvents(QueueName.outcomes, { connection: { host: redis.hostname, port: Number(redis.port || 6379) }, prefix: stack.queuePrefix });
    await events.waitUntilReady();
    const queues = new JobQueues({ redisUrl: stack.redisUrl, prefix: stack.queuePrefix });
    try {
      await queues.enqueueOutcomeRollupRefresh([northshire, coastal].map(({ tenantId, programmeId }) => ({ tenantId, programmeId })));
      // Row-level security applies to the owner too: read each programme's row in its organisation.
      const rolledUp = async () => {
        for (const programme of [northshire, coastal]) {
          await owner.query('BEGIN');
          await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [programme.tenantId]);
          const { rows: found } = await owner.query('SELECT 1 FROM outcome_rollup WHERE tenant_id = $1 AND programme_id = $2', [programme.tenantId, programme.programmeId]);
          await owner.query('COMMIT');
          if (found.length === 0) return false;
        }
        return true;
      };
      for (let attempt = 0; !(await rolledUp()); attempt += 1) {
        if (attempt === 30) throw new Error('The worker never rolled up the seeded programmes');
        // The next job the worker finishes on the outcomes queue (or a few seconds, whichever first).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(finish, 5_000);
          function finish() {
            clearTimeout(timer);
            events.off('completed', finish);
            resolve();
          }
          events.on('completed', finish);
        });
      }
    } finally {
      await queues.close();
      await events.close();
    }
  });

  afterAll(async () => {
    await owner?.end();
    await stack?.stop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(`${stack.clientPortalUrl}/login`);
    await settled(page);
    await page.getByLabel('Email address', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).first().waitFor();
  }

  /** The programme's section of the Outcomes dashboard. */
  async function dashboardSection(page: Page, title: string): Promise<Locator> {
    await page.goto(`${stack.clientPortalUrl}/outcomes`);
    await settled(page);
    const section = page.getByRole('region', { name: title, exact: true });
    await section.waitFor();
    return section;
  }

  /** Requests a PDF report of the programme on the Reports page, watches its progress and downloads it; returns its text. */
  async function reportText(page: Page, programme: SeededProgramme): Promise<string> {
    await page.goto(`${stack.clientPortalUrl}/reports`);
    await settled(page);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Report on').selectOption('PROGRAMME');
    await page.getByLabel('Programme', { exact: true }).selectOption({ label: programme.title });
    await page.getByLabel('From (month)').fill('2026-01');
    await page.getByRole('button', { name: 'Request report' }).click();
    await page.getByRole('heading', { level: 1, name: 'Outcome report' }).waitFor();
    // Progress first (waiting or being built), unless the worker was quicker than the page.
    const progress = page.getByRole('progressbar', { name: 'Report progress' });
    const pdfLink = page.getByRole('link', { name: 'Download the report (PDF)' });
    await progress.or(pdfLink).first().waitFor();
    if (await progress.isVisible()) expect(await accessibilityViolations(page)).toEqual([]);
    await pdfLink.waitFor({ timeout: 60_000 });
    expect(await page.getByRole('link', { name: 'Download the figures (CSV)' }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    // The link as the signed-in browser follows it (its cookies, its origin): the PDF itself.
    const response = await page.request.get(new URL((await pdfLink.getAttribute('href'))!, page.url()).toString());
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    const file = join(scratch, `${programme.programmeId}.pdf`);
    writeFileSync(file, await response.body());
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, ' ');
  }

  it('shows Northshire’s admin the change with its effect size and interval, and the PDF report carries the same figures', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@northshire-cp.test');
      const section = await dashboardSection(page, northshire.title);
      const summary = (
        await section
          .getByRole('listitem')
          .filter({ hasText: /^Work-related burnout/ })
          .first()
          .innerText()
      ).trim();
      expect(summary).toMatch(/^Work-related burnout (fell|rose) by \d+ points on average \(95% CI .+\), an? .+ effect, .+, n = 10$/);
      const row = section.getByRole('row').filter({ hasText: 'Work-related burnout' });
      const cells = (await row.getByRole('cell').allInnerTexts()).map((cell) => cell.trim());
      // The measure heads the row; then n, average change, its interval, Hedges' g, reliable change.
      expect(cells[0]).toBe('10');
      expect(cells[1]).toMatch(/^-?\d+\.\d$/);
      expect(cells[2]).toMatch(/^-?\d+\.\d to -?\d+\.\d$/);
      expect(cells[3]).toMatch(/^-?\d+\.\d\d$/);

      const text = await reportText(page, northshire);
      expect(text).toContain(`Outcome report: ${northshire.title}`);
      expect(text).toContain(summary);
      expect(text).toContain('Work-related burnout: people (n): 10');
      expect(text).toContain(`Work-related burnout: average change (points): ${cells[1]}`);
      expect(text).toContain(`Work-related burnout: 95% confidence interval of the change: ${cells[2]}`);
      expect(text).toContain(`Work-related burnout: effect size (Hedges’ g): ${cells[3]}`);
    });
  });

  it('shows Coastal’s admin “Fewer than 5 responses” on the dashboard, the programme’s page and in the PDF report, and no figure about the four', async () => {
    await withPage(async (page) => {
      await signIn(page, 'coordinator@coastal-ambulance.test');
      const section = await dashboardSection(page, coastal.title);
      const onDashboard = await section.innerText();
      expect(onDashboard).toContain('Work-related burnout: Fewer than 5 responses');
      expect(onDashboard).not.toMatch(/n = 4|fell by|rose by/);

      await page.goto(`${stack.clientPortalUrl}/programmes/${coastal.programmeId}`);
      await settled(page);
      const outcomes = page.getByRole('region', { name: 'Outcomes', exact: true });
      await outcomes.getByText('Fewer than 5 responses').first().waitFor();
      expect(await outcomes.innerText()).not.toMatch(/n = 4|fell by|rose by/);

      const text = await reportText(page, coastal);
      expect(text).toContain('Work-related burnout: change: Fewer than 5 responses');
      expect(text).toContain('Attendance: Fewer than 5 responses');
      expect(text).not.toMatch(/people \(n\)|n = 4|Hedges/);
    });
  });
});
