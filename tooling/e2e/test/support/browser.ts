import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A phone: 375 × 667 CSS pixels, touch, a mobile viewport. */
export const PHONE = { viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true } as const;

export interface BrowserOptions {
  timezoneId?: string;
  /** Default 1280 × 900. */
  viewport?: { width: number; height: number };
  /** A touch screen (taps), as on a phone. */
  hasTouch?: boolean;
  /** A mobile browser: the page's meta viewport is honoured. */
  isMobile?: boolean;
}

/** A fresh browser profile for one person: no cookies shared with anyone else in the test. */
export async function openBrowser(options: BrowserOptions = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'lena-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    locale: 'en-GB',
    timezoneId: options.timezoneId ?? 'Europe/London',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    hasTouch: options.hasTouch ?? false,
    isMobile: options.isMobile ?? false,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs `use` with a page in a fresh browser profile, and closes the browser whatever happens. */
export async function withPage<T>(use: (page: Page) => Promise<T>, options: BrowserOptions = {}): Promise<T> {
  const browser = await openBrowser(options);
  try {
    return await use(await browser.context.newPage());
  } finally {
    await browser.close();
  }
}

/** Keeps a picture of what a person saw, for reviewers (tooling/e2e/artifacts, git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(__dirname, '../../artifacts', `${name}.png`), fullPage: true });
}

/** Every demo person's password (apps/api/src/seed/demo-data.ts). */
export const DEMO_PASSWORD = 'Lena-demo-2026!';

/** Waits until a page has its heading and no loading indicator left: its data has arrived. */
export async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForFunction(`document.querySelectorAll('.lena-loading').length === 0`);
}
