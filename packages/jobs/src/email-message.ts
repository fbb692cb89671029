import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { OutboxKind } from './constants';

const headerText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !/[\r\n]/.test(value), 'must be a single line');

/**
 * An email as the API composes it and the worker sends it. In the outbox row its body is sealed
 * (see sealEmail): it lives in PostgreSQL (never in Redis) and is cleared once delivered.
 */
export const emailMessageSchema = z.object({
  to: z.email(),
  subject: headerText(200),
  text: z.string().min(1).max(100_000),
  html: z.string().min(1).max(500_000).optional(),
  /** An iCalendar file (invitation or cancellation), sent so that mail programs offer to add or remove the events. */
  calendar: z.object({ method: z.enum(['REQUEST', 'CANCEL']), content: z.string().min(1).max(1_000_000) }).optional(),
});
export type EmailMessage = z.infer<typeof emailMessageSchema>;

/** What is kept of an email once delivered: enough to audit, nothing that could be a secret. */
export const deliveredEmailSchema = emailMessageSchema.pick({ to: true, subject: true });
export type DeliveredEmail = z.infer<typeof deliveredEmailSchema>;

export function redactDeliveredEmail(message: EmailMessage): DeliveredEmail {
  return { to: message.to, subject: message.subject };
}

/**
 * The key that seals email bodies in the outbox (AES-256-GCM): `LENA_OUTBOX_KEY`, 32 bytes in
 * base64. Development and tests fall back to DEVELOPMENT_OUTBOX_KEY, which is public (it is in
 * this file), so production refuses it, as it refuses no key at all.
 */
export const DEVELOPMENT_OUTBOX_KEY = 'bGVuYS1kZXZlbG9wbWVudC1vdXRib3gta2V5LTMyYiE=';

export function outboxKeyFromEnv(env: NodeJS.ProcessEnv): Buffer {
  const production = env.NODE_ENV === 'production';
  const raw = env.LENA_OUTBOX_KEY?.trim();
  if (!raw) {
    if (production) throw new Error('LENA_OUTBOX_KEY must be set in production: 32 random bytes in base64 (openssl rand -base64 32).');
    return parseOutboxKey(DEVELOPMENT_OUTBOX_KEY);
  }
  const key = parseOutboxKey(raw);
  if (production && key.equals(parseOutboxKey(DEVELOPMENT_OUTBOX_KEY))) {
    throw new Error('LENA_OUTBOX_KEY is the published development key: set a key of your own in production (openssl rand -base64 32).');
  }
  return key;
}

function parseOutboxKey(raw: string): Buffer {
  const key = Buffer.from(raw, 'base64');
  // Buffer.from skips what is not base64, so the key must read back as what was given.
  if (key.length !== 32 || key.toString('base64') !== raw) {
    throw new Error('LENA_OUTBOX_KEY must be exactly 32 bytes in base64 (openssl rand -base64 32).');
  }
  return key;
}

const base64 = z.base64().min(1);

/**
 * An email row's payload: recipient and subject readable (queue health and the dead-letter list
 * show them), the body (which may hold a one-time sign-in link) sealed with AES-256-GCM. The
 * recipient and subject are bound to the body as associated data, so a body cannot be moved to
 * another row's recipient without failing to open.
 */
export const sealedEmailSchema = z.object({
  to: z.string(),
  subject: z.string(),
  sealed: z.object({ v: z.literal(1), iv: base64, tag: base64, body: base64 }),
});
export type SealedEmail = z.infer<typeof sealedEmailSchema>;

/** Why a sealed email cannot be opened; it never will be, so the worker gives up on it at once. */
export class SealedEmailError extends Error {
  override name = 'SealedEmailError';
}

function associatedData(to: string, subject: string): Buffer {
  return Buffer.from(JSON.stringify([to, subject]), 'utf8');
}

/** Validates the message and seals its body under `key`. */
export function sealEmail(message: EmailMessage, key: Buffer): SealedEmail {
  const { to, subject, text, html, calendar } = emailMessageSchema.parse(message);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(to, subject));
  const body = Buffer.concat([cipher.update(JSON.stringify({ text, html, calendar }), 'utf8'), cipher.final()]);
  return { to, subject, sealed: { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), body: body.toString('base64') } };
}

/** Opens an email row's payload, or throws SealedEmailError (malformed, wrong key, tampered). */
export function openEmail(payload: unknown, key: Buffer): EmailMessage {
  const parsed = sealedEmailSchema.safeParse(payload);
  if (!parsed.success) throw new SealedEmailError(`Invalid email payload: ${z.prettifyError(parsed.error)}`);
  const { to, subject, sealed } = parsed.data;
  let opened: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(associatedData(to, subject));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    opened = Buffer.concat([decipher.update(Buffer.from(sealed.body, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    // GCM says only "unable to authenticate": the key differs from the API's, or the row was altered.
    throw new SealedEmailError('The email body could not be opened: it was sealed with another key (check LENA_OUTBOX_KEY) or altered.');
  }
  let body: unknown;
  try {
    body = JSON.parse(opened);
  } catch {
    throw new SealedEmailError('Invalid email payload: the opened body is not JSON.');
  }
  // The readable recipient and subject win over anything in the body: they are what was authenticated.
  const message = emailMessageSchema.safeParse({ ...(typeof body === 'object' && body !== null ? body : {}), to, subject });
  if (!message.success) throw new SealedEmailError(`Invalid email payload: ${z.prettifyError(message.error)}`);
  return message.data;
}

/** Builds the `kind` and `payload` columns of an outbox row: the message validated, its body sealed. */
export function emailOutboxMessage(message: EmailMessage, key: Buffer): { kind: typeof OutboxKind.email; payload: SealedEmail } {
  return { kind: OutboxKind.email, payload: sealEmail(message, key) };
}
