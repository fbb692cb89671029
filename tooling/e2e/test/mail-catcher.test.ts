import { startMailViewer, startSmtpCapture, type MailViewer, type SmtpCapture } from '@lena/test-services';
import nodemailer from 'nodemailer';
import { withPage } from './support/browser';

// The mail catcher of `pnpm dev`, as a developer opens it: in a browser, waiting for emails.
describe('the mail catcher page', () => {
  let capture: SmtpCapture;
  let viewer: MailViewer;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    viewer = await startMailViewer({ capture, port: 0 });
  });

  afterAll(async () => {
    await viewer?.close();
    await capture?.close();
  });

  it('finishes loading (the network goes idle), and shows an email that arrives afterwards without a manual reload', async () => {
    await withPage(async (page) => {
      // Chromium's own "network idle" (no request in flight for 500 ms), which headless tools
      // wait for before they call a page loaded: a connection held open for live updates never
      // lets it fire.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Page.enable');
      await cdp.send('Page.setLifecycleEventsEnabled', { enabled: true });
      const networkIdle = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('The page never let the network go idle.')), 10_000);
        cdp.on('Page.lifecycleEvent', (event: { name: string }) => {
          if (event.name !== 'networkIdle') return;
          clearTimeout(timer);
          resolve();
        });
      });
      await page.goto(viewer.url, { waitUntil: 'load', timeout: 10_000 });
      await networkIdle;
      await page.getByText('No emails yet.').waitFor();
      expect(await page.evaluate('document.readyState')).toBe('complete');

      const transport = nodemailer.createTransport(capture.url);
      try {
        await transport.sendMail({ from: 'no-reply@lena.test', to: 'sam@northshire-cp.test', subject: 'Your invitation to Lena', text: 'Accept: http://localhost:5173/x' });
      } finally {
        transport.close();
      }
      await page.getByRole('heading', { name: 'Your invitation to Lena' }).waitFor({ timeout: 10_000 });
      expect(await page.title()).toBe('Lena mail catcher (1)');
    });
  });
});
