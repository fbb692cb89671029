import { AuthPolicy } from '../identity/auth-policy.js';
import { assessRefreshToken, RefreshVerdict, type PresentedRefreshToken } from './refresh-token.js';

const now = new Date('2026-12-07T10:00:00Z');
const secondsFromNow = (seconds: number) => new Date(now.getTime() + seconds * 1000);
const grace = AuthPolicy.refreshReuseGraceSeconds;

function token(overrides: Partial<Omit<PresentedRefreshToken, 'session'>> & { session?: Partial<PresentedRefreshToken['session']> } = {}): PresentedRefreshToken {
  return {
    usedAt: overrides.usedAt ?? null,
    expiresAt: overrides.expiresAt ?? secondsFromNow(3600),
    session: { revokedAt: null, expiresAt: secondsFromNow(3600), ...overrides.session },
  };
}

describe('assessRefreshToken', () => {
  it('rotates the session’s live token', () => {
    expect(assessRefreshToken(token(), now)).toBe(RefreshVerdict.ROTATE);
  });

  it('ends the session when it was revoked, or when the session or the token has expired, from the very moment it does', () => {
    expect(assessRefreshToken(token({ session: { revokedAt: secondsFromNow(-1) } }), now)).toBe(RefreshVerdict.SESSION_ENDED);
    expect(assessRefreshToken(token({ session: { expiresAt: now } }), now)).toBe(RefreshVerdict.SESSION_ENDED);
    expect(assessRefreshToken(token({ expiresAt: now }), now)).toBe(RefreshVerdict.SESSION_ENDED);
    expect(assessRefreshToken(token({ expiresAt: new Date(now.getTime() + 1) }), now)).toBe(RefreshVerdict.ROTATE);
  });

  it('rotates a token another tab spent within the grace window, and calls it reused from the window’s end', () => {
    expect(assessRefreshToken(token({ usedAt: secondsFromNow(-1) }), now)).toBe(RefreshVerdict.ROTATE);
    expect(assessRefreshToken(token({ usedAt: new Date(now.getTime() - grace * 1000 + 1) }), now)).toBe(RefreshVerdict.ROTATE);
    expect(assessRefreshToken(token({ usedAt: secondsFromNow(-grace) }), now)).toBe(RefreshVerdict.REUSED);
    expect(assessRefreshToken(token({ usedAt: secondsFromNow(-3600) }), now)).toBe(RefreshVerdict.REUSED);
  });

  it('says the session ended rather than reused when a spent token comes back to a session that is over', () => {
    expect(assessRefreshToken(token({ usedAt: secondsFromNow(-3600), session: { revokedAt: secondsFromNow(-10) } }), now)).toBe(RefreshVerdict.SESSION_ENDED);
  });
});
