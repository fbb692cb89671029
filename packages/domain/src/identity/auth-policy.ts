/**
 * Lifetimes and limits of credentials. Access tokens are short so that a stolen one is soon
 * useless; every request still checks that the session behind it is alive, so logout,
 * deactivation and role changes take effect at once.
 */
export const AuthPolicy = {
  accessTokenSeconds: 15 * 60,
  refreshTokenSeconds: 30 * 24 * 60 * 60,
  /**
   * A refresh token spent this recently may be presented once more without ending the session:
   * two tabs share the cookie and can refresh at the same moment, and the loser of that race
   * would otherwise sign the person out. Later reuse still counts as theft.
   */
  refreshReuseGraceSeconds: 20,
  invitationSeconds: 7 * 24 * 60 * 60,
  passwordResetSeconds: 60 * 60,
  /** Failed sign-ins allowed per account, then per address, within the window. */
  loginFailuresPerAccount: 5,
  loginFailuresPerAddress: 20,
  loginFailureWindowSeconds: 15 * 60,
  /** Password-reset emails allowed per address and per email within the window. */
  passwordResetsPerEmail: 3,
  passwordResetsPerAddress: 10,
  passwordResetWindowSeconds: 60 * 60,
  /** OWASP's argon2id recommendation: 19 MiB of memory, two passes, one lane. */
  argon2: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
} as const;

export function expiresAt(from: Date, seconds: number): Date {
  return new Date(from.getTime() + seconds * 1000);
}

export function isExpired(expiry: Date, now: Date): boolean {
  return expiry.getTime() <= now.getTime();
}
