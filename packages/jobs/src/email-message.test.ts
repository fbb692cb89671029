import { randomBytes } from 'node:crypto';
import { OutboxKind } from './constants';
import {
  DEVELOPMENT_OUTBOX_KEY,
  deliveredEmailSchema,
  emailMessageSchema,
  emailOutboxMessage,
  openEmail,
  outboxKeyFromEnv,
  redactDeliveredEmail,
  SealedEmailError,
  sealEmail,
} from './email-message';

const message = { to: 'ada@example.org', subject: 'Your sign-in link', text: 'Open https://lena.test/sign-in?token=secret' };
const key = randomBytes(32);

describe('email outbox payload', () => {
  it('accepts a plain-text message with an optional html body', () => {
    expect(emailMessageSchema.parse(message)).toEqual(message);
    expect(emailMessageSchema.parse({ ...message, html: '<p>Hi</p>' }).html).toBe('<p>Hi</p>');
  });

  it('rejects a bad recipient, an empty body and a multi-line subject (header injection)', () => {
    expect(emailMessageSchema.safeParse({ ...message, to: 'not an address' }).success).toBe(false);
    expect(emailMessageSchema.safeParse({ ...message, text: '' }).success).toBe(false);
    expect(emailMessageSchema.safeParse({ ...message, subject: 'Hi\r\nBcc: everyone@example.org' }).success).toBe(false);
    expect(emailMessageSchema.safeParse({ ...message, subject: '   ' }).success).toBe(false);
  });

  it('keeps only the recipient and subject once delivered', () => {
    const delivered = redactDeliveredEmail({ ...message, html: '<a href="https://lena.test/sign-in?token=secret">Sign in</a>' });
    expect(delivered).toEqual({ to: message.to, subject: message.subject });
    expect(JSON.stringify(delivered)).not.toContain('secret');
    expect(deliveredEmailSchema.parse(delivered)).toEqual(delivered);
  });

  it('builds the kind and payload columns of an outbox row, with the body sealed', () => {
    const { kind, payload } = emailOutboxMessage({ ...message, html: '<a href="https://lena.test/sign-in?token=secret">Sign in</a>' }, key);
    expect(kind).toBe(OutboxKind.email);
    expect(payload).toMatchObject({ to: message.to, subject: message.subject });
    expect(JSON.stringify(payload)).not.toMatch(/secret|token|https:|Open|Sign in/);
    expect(() => emailOutboxMessage({ ...message, to: 'nobody' }, key)).toThrow();
  });
});

describe('sealed email bodies', () => {
  it('open with the key that sealed them, and each seal is different', () => {
    const withHtml = { ...message, html: '<p>Hi</p>' };
    expect(openEmail(sealEmail(withHtml, key), key)).toEqual(withHtml);
    expect(openEmail(sealEmail(message, key), key)).toEqual(message);
    expect(sealEmail(message, key).sealed.body).not.toBe(sealEmail(message, key).sealed.body);
  });

  it('carry a calendar file sealed with the body, where only the recipient and subject stay readable', () => {
    const withCalendar = { ...message, calendar: { method: 'REQUEST' as const, content: 'BEGIN:VCALENDAR\r\nSUMMARY:Reflective practice\r\nEND:VCALENDAR' } };
    const sealed = sealEmail(withCalendar, key);
    expect(JSON.stringify(sealed)).not.toMatch(/VCALENDAR|Reflective/);
    expect(openEmail(sealed, key)).toEqual(withCalendar);
    expect(emailMessageSchema.safeParse({ ...message, calendar: { method: 'PUBLISH', content: 'x' } }).success).toBe(false);
  });

  it('refuse another key, a body moved to another recipient or subject, and a plain payload', () => {
    const sealed = sealEmail(message, key);
    expect(() => openEmail(sealed, randomBytes(32))).toThrow(SealedEmailError);
    expect(() => openEmail({ ...sealed, to: 'mallory@example.org' }, key)).toThrow(/another key .* or altered/);
    expect(() => openEmail({ ...sealed, subject: 'Something else' }, key)).toThrow(SealedEmailError);
    expect(() => openEmail(message, key)).toThrow(/Invalid email payload/);
  });

  it('take the key from LENA_OUTBOX_KEY, refusing anything but 32 bytes of base64', () => {
    const own = randomBytes(32);
    expect(outboxKeyFromEnv({ LENA_OUTBOX_KEY: own.toString('base64') }).equals(own)).toBe(true);
    expect(() => outboxKeyFromEnv({ LENA_OUTBOX_KEY: randomBytes(16).toString('base64') })).toThrow(/32 bytes/);
    expect(() => outboxKeyFromEnv({ LENA_OUTBOX_KEY: 'not a key at all, but long enough to be 32 bytes' })).toThrow(/32 bytes/);
  });

  it('fall back to the published development key outside production, which production refuses, as it refuses none', () => {
    expect(outboxKeyFromEnv({ NODE_ENV: 'development' }).equals(Buffer.from(DEVELOPMENT_OUTBOX_KEY, 'base64'))).toBe(true);
    expect(() => outboxKeyFromEnv({ NODE_ENV: 'production' })).toThrow(/must be set in production/);
    expect(() => outboxKeyFromEnv({ NODE_ENV: 'production', LENA_OUTBOX_KEY: DEVELOPMENT_OUTBOX_KEY })).toThrow(/development key/);
    const own = randomBytes(32).toString('base64');
    expect(outboxKeyFromEnv({ NODE_ENV: 'production', LENA_OUTBOX_KEY: own }).toString('base64')).toBe(own);
  });
});
