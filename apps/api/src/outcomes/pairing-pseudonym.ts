import { createHmac } from 'node:crypto';

/**
 * A participant's pseudonym within one programme: HMAC-SHA256 of their user id under the
 * programme's pairing key. The same person gets the same pseudonym at baseline and final (so their
 * answers pair), a different one in every other programme, and without the key (which no tenant row
 * holds) nobody can go from a pseudonym back to a person. Server-side only: never in @lena/domain,
 * which the browser bundles.
 */
export function pairingPseudonym(secret: Buffer, userId: string): string {
  if (secret.length !== 32) throw new Error('A pairing key is 32 bytes.');
  return createHmac('sha256', secret).update(userId.toLowerCase()).digest('hex');
}
