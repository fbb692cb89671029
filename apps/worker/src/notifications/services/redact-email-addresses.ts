import { createHash } from 'node:crypto';

// Loose on purpose: SMTP servers quote addresses in many shapes (<a@b>, "a@b", a@b;), and hiding
// something that only looks like an address costs nothing.
const EMAIL_ADDRESS = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g;

/**
 * Replaces every email address in a text with `<email:` and the first 8 hex digits of the
 * SHA-256 of its lower-case form `>`: error text kept in job records and the database names no
 * one, yet an operator who knows an address can still find its failures by hashing it.
 */
export function redactEmailAddresses(text: string): string {
  return text.replace(EMAIL_ADDRESS, (address) => `<email:${emailAddressHash(address)}>`);
}

export function emailAddressHash(address: string): string {
  return createHash('sha256').update(address.toLowerCase()).digest('hex').slice(0, 8);
}
