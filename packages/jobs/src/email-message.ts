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
 * The payload of an `outbox_message` row of kind 'email', as the API writes it. The body lives in
 * PostgreSQL (never in Redis) and is cleared once the message is delivered.
 */
export const emailMessageSchema = z.object({
  to: z.email(),
  subject: headerText(200),
  text: z.string().min(1).max(100_000),
  html: z.string().min(1).max(500_000).optional(),
});
export type EmailMessage = z.infer<typeof emailMessageSchema>;

/** What is kept of an email once delivered: enough to audit, nothing that could be a secret. */
export const deliveredEmailSchema = emailMessageSchema.pick({ to: true, subject: true });
export type DeliveredEmail = z.infer<typeof deliveredEmailSchema>;

export function redactDeliveredEmail(message: EmailMessage): DeliveredEmail {
  return { to: message.to, subject: message.subject };
}

/** Builds the `kind` and `payload` columns of an email outbox row, validating the message. */
export function emailOutboxMessage(message: EmailMessage): { kind: typeof OutboxKind.email; payload: EmailMessage } {
  return { kind: OutboxKind.email, payload: emailMessageSchema.parse(message) };
}
