import { OutboxKind } from './constants';
import { deliveredEmailSchema, emailMessageSchema, emailOutboxMessage, redactDeliveredEmail } from './email-message';

const message = { to: 'ada@example.org', subject: 'Your sign-in link', text: 'Open https://lena.test/sign-in?token=secret' };

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

  it('builds the kind and payload columns of an outbox row', () => {
    expect(emailOutboxMessage(message)).toEqual({ kind: OutboxKind.email, payload: message });
    expect(() => emailOutboxMessage({ ...message, to: 'nobody' })).toThrow();
  });
});
