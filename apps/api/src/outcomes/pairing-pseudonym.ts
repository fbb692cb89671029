import { createHmac } from 'node:crypto';

/**
 * A participant's pseudonym within one programme: HMAC-SHA256 of their pairing salt (32 random
 * bytes of their own, `outcome_pairing_salt`) under the programme's pairing key. The same person
 * gets the same pseudonym at baseline and final (so their answers pair) and a different one in
 * every other programme. Neither input is in a tenant row, and the salt is reached only with the
 * person's link secret or as the person themself, so nobody can go from a pseudonym back to a
 * person; erasing the salt ends even that (their next answer gets a new salt, so a new pseudonym).
 * Server-side only: never in @lena/domain, which the browser bundles.
 */
export function pairingPseudonym(programmeKey: Buffer, salt: Buffer): string {
  if (programmeKey.length !== 32) throw new Error('A pairing key is 32 bytes.');
  if (salt.length !== 32) throw new Error('A pairing salt is 32 bytes.');
  return createHmac('sha256', programmeKey).update(salt).digest('hex');
}
