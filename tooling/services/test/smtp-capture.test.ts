import nodemailer from 'nodemailer';
import { extractLinks, startMailViewer, startSmtpCapture } from '../src/index.js';

describe('startSmtpCapture', () => {
  it('receives a message sent with nodemailer, with recipients, bodies and links', async () => {
    const capture = await startSmtpCapture();
    try {
      expect(capture.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      const transport = nodemailer.createTransport(capture.url);
      const arrival = capture.waitForMessage((message) => message.to.includes('sam@northshire-cp.test'));
      await transport.sendMail({
        from: '"Lena" <no-reply@lena.test>',
        to: 'sam@northshire-cp.test',
        bcc: 'audit@lena.test',
        subject: 'You are invited to Lena',
        text: 'Accept here: http://localhost:5173/invitations/abc?token=1&x=2.\nThanks.',
        html: '<p><a href="http://localhost:5173/invitations/abc?token=1&amp;x=2">Accept</a></p>',
        icalEvent: { filename: 'session.ics', method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
      });
      const message = await arrival;
      expect(message.subject).toBe('You are invited to Lena');
      expect(message.from).toBe('no-reply@lena.test');
      expect(message.to).toEqual(['sam@northshire-cp.test', 'audit@lena.test']);
      expect(message.text).toContain('Accept here');
      expect(message.html).toContain('<a href=');
      expect(message.links).toEqual(['http://localhost:5173/invitations/abc?token=1&x=2']);
      expect(capture.messages).toHaveLength(1);
      transport.close();
    } finally {
      await capture.close();
    }
  });

  it('resolves with a message that arrived before waitForMessage was called', async () => {
    const capture = await startSmtpCapture();
    try {
      const transport = nodemailer.createTransport(capture.url);
      await transport.sendMail({ from: 'a@lena.test', to: 'b@lena.test', subject: 'early', text: 'hi' });
      await expect(capture.waitForMessage((message) => message.subject === 'early', 100)).resolves.toMatchObject({ subject: 'early' });
      capture.clear();
      expect(capture.messages).toHaveLength(0);
      transport.close();
    } finally {
      await capture.close();
    }
  });

  it('refuses the recipients it is told to refuse, with a 550 that quotes the address', async () => {
    const capture = await startSmtpCapture({ refuseRecipient: (address) => address.startsWith('refused') });
    try {
      const transport = nodemailer.createTransport(capture.url);
      await expect(transport.sendMail({ from: 'a@lena.test', to: 'refused@lena.test', subject: 'no', text: 'no' })).rejects.toMatchObject({
        responseCode: 550,
        message: expect.stringContaining('<refused@lena.test>'),
      });
      await transport.sendMail({ from: 'a@lena.test', to: 'welcome@lena.test', subject: 'yes', text: 'yes' });
      expect(capture.messages.map((message) => message.subject)).toEqual(['yes']);
      transport.close();
    } finally {
      await capture.close();
    }
  });

  it('rejects with a clear message on timeout', async () => {
    const capture = await startSmtpCapture();
    try {
      await expect(capture.waitForMessage((message) => message.subject === 'never', 50)).rejects.toThrow(/no email matching the predicate arrived within 50 ms/);
    } finally {
      await capture.close();
    }
  });

  it('shows captured emails on the mail page', async () => {
    const capture = await startSmtpCapture();
    const viewer = await startMailViewer({ capture, port: 0 });
    try {
      const transport = nodemailer.createTransport(capture.url);
      await transport.sendMail({ from: 'a@lena.test', to: 'coordinator@northshire-cp.test', subject: 'Reset <your> password', text: 'Go to https://example.test/reset?t=1' });
      const page = await (await fetch(viewer.url)).text();
      expect(page).toContain('Reset &lt;your&gt; password');
      expect(page).toContain('coordinator@northshire-cp.test');
      expect(page).toContain('<a href="https://example.test/reset?t=1"');
      const list = (await (await fetch(`${viewer.url}/api/messages`)).json()) as Array<{ subject: string }>;
      expect(list.map((message) => message.subject)).toEqual(['Reset <your> password']);
      // The page polls this to reload itself: it changes when an email arrives or the list is cleared.
      const version = async () => ((await (await fetch(`${viewer.url}/api/version`)).json()) as { version: number }).version;
      expect(await version()).toBe(1);
      await fetch(`${viewer.url}/clear`, { method: 'POST', redirect: 'manual' });
      expect(await version()).toBe(2);
      expect(page).not.toContain('EventSource');
      transport.close();
    } finally {
      await viewer.close();
      await capture.close();
    }
  });
});

describe('extractLinks', () => {
  it('takes hrefs and URLs in text once each, without trailing punctuation', () => {
    expect(extractLinks('<a href="https://a.test/x">x</a> <a href=\'mailto:x@y\'>m</a>', 'See https://a.test/x, and (https://b.test/y).')).toEqual([
      'https://a.test/x',
      'https://b.test/y',
    ]);
  });
});
