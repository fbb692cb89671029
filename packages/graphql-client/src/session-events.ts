/** The event `announceSessionExpired` sends; the SessionProvider listens for it. */
export const SESSION_EXPIRED_EVENT = 'lena:session-expired';

/**
 * Tells the SessionProvider that the session lapsed and could not be refreshed. This is the Apollo
 * client's default `onSessionExpired`: the link chain lives outside React.
 */
export function announceSessionExpired(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(SESSION_EXPIRED_EVENT));
}
