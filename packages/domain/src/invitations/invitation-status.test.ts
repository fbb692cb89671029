import { InvitationStatus, invitationStatus } from './invitation-status.js';

const now = new Date('2026-03-01T09:00:00Z');
const later = new Date('2026-03-08T09:00:00Z');
const earlier = new Date('2026-02-22T09:00:00Z');

describe('invitationStatus', () => {
  it('is pending until the link expires, and expired from the very moment it does', () => {
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: later }, now)).toBe(InvitationStatus.PENDING);
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: now }, now)).toBe(InvitationStatus.EXPIRED);
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBe(InvitationStatus.PENDING);
  });

  it('is accepted once accepted, whatever else is recorded or however long ago it expired', () => {
    expect(invitationStatus({ acceptedAt: earlier, revokedAt: null, expiresAt: later }, now)).toBe(InvitationStatus.ACCEPTED);
    expect(invitationStatus({ acceptedAt: earlier, revokedAt: now, expiresAt: earlier }, now)).toBe(InvitationStatus.ACCEPTED);
  });

  it('stays revoked rather than expired once its expiry passes', () => {
    expect(invitationStatus({ acceptedAt: null, revokedAt: earlier, expiresAt: later }, now)).toBe(InvitationStatus.REVOKED);
    expect(invitationStatus({ acceptedAt: null, revokedAt: earlier, expiresAt: earlier }, now)).toBe(InvitationStatus.REVOKED);
  });

  it('reads the clock when no time is given', () => {
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: new Date(Date.now() + 60_000) })).toBe(InvitationStatus.PENDING);
    expect(invitationStatus({ acceptedAt: null, revokedAt: null, expiresAt: new Date(Date.now() - 1) })).toBe(InvitationStatus.EXPIRED);
  });
});
