import { AuthPolicy } from '../identity/auth-policy.js';

/**
 * How long records that have done their job are kept before the daily purge removes them. Each
 * period is a trade: long enough to answer a question about it ("was I signed out?", "did that
 * email go?"), short enough that the platform does not hoard what it no longer needs.
 */
export const RetentionPolicy = {
  /** Sign-in sessions (and their refresh tokens) after they ended: sign-in history for support. */
  endedSessionDays: 90,
  /** Refresh tokens after they expired: an expired token is refused whether or not it is kept. */
  expiredRefreshTokenDays: 1,
  /** Password-reset links after they expired, used or not. */
  expiredPasswordResetDays: 7,
  /** Outbox messages after delivery (their bodies are already gone). */
  deliveredMessageDays: 30,
  /**
   * Dead letters (undelivered messages the worker gave up on) wait for a person to retry them,
   * but no longer than the longest link an email carries lives (an invitation's): after that the
   * link is dead anyway, and its sealed body is one less secret to keep.
   */
  deadLetterSeconds: AuthPolicy.invitationSeconds,
  /** Rows removed per statement, so that no purge holds long locks. */
  batchSize: 5_000,
} as const;

export type RetentionSettings = Record<keyof typeof RetentionPolicy, number>;
