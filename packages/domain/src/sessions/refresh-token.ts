import { AuthPolicy } from '../identity/auth-policy.js';

/**
 * What presenting a refresh token means. A token is spent by the refresh that issues its
 * successor, so presenting a spent one again means someone else holds a copy: the whole session
 * ends. The one exception is a token spent moments ago (AuthPolicy.refreshReuseGraceSeconds): two
 * tabs share the cookie and refresh together, and the loser of that race is not a thief.
 */
export const RefreshVerdict = {
  /** Issue the session's next pair. */
  ROTATE: 'ROTATE',
  /** The session was revoked or has expired, or the token has: sign in again. */
  SESSION_ENDED: 'SESSION_ENDED',
  /** Spent before the grace window: a copy is in someone else's hands, so the session must end. */
  REUSED: 'REUSED',
} as const;
export type RefreshVerdict = (typeof RefreshVerdict)[keyof typeof RefreshVerdict];

export interface PresentedRefreshToken {
  /** When the token was first spent; null while it is the session's live token. */
  usedAt: Date | null;
  expiresAt: Date;
  session: { revokedAt: Date | null; expiresAt: Date };
}

/** `now` is the database's clock (the transaction's time), the one the timestamps were written by. */
export function assessRefreshToken(token: PresentedRefreshToken, now: Date): RefreshVerdict {
  const time = now.getTime();
  const live = token.session.revokedAt === null && token.session.expiresAt.getTime() > time && token.expiresAt.getTime() > time;
  if (!live) return RefreshVerdict.SESSION_ENDED;
  if (token.usedAt === null) return RefreshVerdict.ROTATE;
  const justSpent = token.usedAt.getTime() > time - AuthPolicy.refreshReuseGraceSeconds * 1000;
  return justSpent ? RefreshVerdict.ROTATE : RefreshVerdict.REUSED;
}
